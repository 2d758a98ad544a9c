import { loggablePath } from './logger.options';

describe('loggablePath', () => {
  it('drops the query string', () => {
    expect(loggablePath('/api/v1/organizations?q=Jos%C3%A9')).toBe('/api/v1/organizations');
  });

  it('masks tokens in public paths', () => {
    expect(loggablePath('/feedback/abc123secret')).toBe('/feedback/[token]');
    expect(loggablePath('/unsubscribe/xyz/confirm')).toBe('/unsubscribe/[token]/confirm');
  });
});
