import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, type Writable } from 'node:stream';
import type { Options } from 'pino-http';
import { loggablePath, loggerOptions, RejectionLogWindow } from './logger.options';

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

describe('refused requests (429)', () => {
  const setup = () => {
    let now = 0;
    const window = new RejectionLogWindow(60_000, () => now);
    const [options] = loggerOptions('info', 'json', new PassThrough(), window).pinoHttp as [Options, Writable];
    const answer = (statusCode: number) => {
      const res = { statusCode } as ServerResponse;
      const req = {} as IncomingMessage;
      const level = options.customLogLevel!(req, res, undefined);
      const message = level === 'silent' ? null : options.customSuccessMessage!(req, res, 1);
      return { level, message };
    };
    return { answer, wait: (ms: number) => (now += ms) };
  };

  it('logs the first refusal of a window, then none until the window is over, then one saying how many were left out', () => {
    const { answer, wait } = setup();
    expect(answer(429)).toEqual({ level: 'warn', message: 'request refused: too many requests' });
    for (let i = 0; i < 1000; i += 1) expect(answer(429).level).toBe('silent');
    wait(59_999);
    expect(answer(429).level).toBe('silent');
    wait(1);
    expect(answer(429)).toEqual({
      level: 'warn',
      message: 'request refused: too many requests (1001 more refused since the last one logged)',
    });
  });

  it('still logs every other answer, a 400 and a 500 among refusals too', () => {
    const { answer } = setup();
    answer(429);
    expect(answer(400)).toEqual({ level: 'warn', message: 'request completed' });
    expect(answer(503).level).toBe('error');
    expect(answer(200)).toEqual({ level: 'info', message: 'request completed' });
  });
});
