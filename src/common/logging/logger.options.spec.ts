import { loggablePath } from './logger.options';

describe('loggablePath', () => {
  it('drops the query string', () => {
    expect(loggablePath('/api/v1/organizations?q=Jos%C3%A9')).toBe('/api/v1/organizations');
  });

  it('masks tokens in public paths', () => {
    expect(loggablePath('/feedback/abc123secret')).toBe('/feedback/[token]');
    expect(loggablePath('/unsubscribe/xyz/confirm')).toBe('/unsubscribe/[token]/confirm');
    expect(loggablePath('/api/v1/public/feedback/abc123secret')).toBe('/api/v1/public/feedback/[token]');
    expect(loggablePath('/check-in/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f.key')).toBe('/check-in/[token]');
    expect(loggablePath('/api/v1/public/check-ins/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f.key')).toBe(
      '/api/v1/public/check-ins/[token]',
    );
  });

  it('masks a token sent to any other route', () => {
    expect(loggablePath('/api/v1/feedback/npMDx93vrBABbjZ8abWGePahlilu8Bw47L8vbx5HbXQ')).toBe(
      '/api/v1/feedback/[token]',
    );
    expect(loggablePath('/api/v1/users/npMDx93vrBABbjZ8abWGePahlilu8Bw47L8vbx5HbXQ/mfa-reset')).toBe(
      '/api/v1/users/[token]/mfa-reset',
    );
  });

  it('keeps ids in the staff API', () => {
    expect(loggablePath('/api/v1/feedback/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f')).toBe(
      '/api/v1/feedback/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f',
    );
    expect(loggablePath('/api/v1/check-ins/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f')).toBe(
      '/api/v1/check-ins/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f',
    );
  });
});
