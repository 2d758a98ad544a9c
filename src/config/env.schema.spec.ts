import { ConfigValidationError, validateEnv } from './env.schema';

const SECRET = 'x'.repeat(40);

describe('validateEnv', () => {
  it('applies defaults for a bare environment (the embedded try-it mode)', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      TANDEM_PROCESS: 'all',
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      TANDEM_DATA_DIR: './.tandem',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnv({
      PORT: '8080',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://db/t',
      AUTH_SECRET: SECRET,
    });
    expect(env.PORT).toBe(8080);
    expect(env.TRUST_PROXY).toBe(true);
  });

  it('sends the digest in UTC unless DIGEST_TIMEZONE names another IANA zone', () => {
    expect(validateEnv({}).DIGEST_TIMEZONE).toBe('UTC');
    expect(validateEnv({ DIGEST_TIMEZONE: 'America/Chicago' }).DIGEST_TIMEZONE).toBe('America/Chicago');
  });

  it('hashes passwords at the standard cost unless PASSWORD_HASH_COST=test, outside production', () => {
    expect(validateEnv({}).PASSWORD_HASH_COST).toBe('standard');
    expect(validateEnv({ PASSWORD_HASH_COST: 'test', NODE_ENV: 'test' }).PASSWORD_HASH_COST).toBe('test');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(validateEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [
      { PORT: '70000' },
      'Configuration error: PORT must not be greater than 65535 (got "70000"). Fix it in the environment or .env.',
    ],
    [{ TANDEM_PROCESS: 'web' }, /TANDEM_PROCESS must be one of the following values: all, api, worker \(got "web"\)/],
    [
      { DATABASE_URL: 'mysql://db' },
      'Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL. Fix it in the environment or .env.',
    ],
    [{ TANDEM_PROCESS: 'worker' }, /DATABASE_URL is required when TANDEM_PROCESS=worker/],
    [{ DATABASE_URL: 'postgres://db/t' }, /AUTH_SECRET is required when DATABASE_URL is set/],
    [{ PUBLIC_URL: 'library.org' }, /PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
    [
      { DIGEST_TIMEZONE: 'Mars/Olympus_Mons' },
      /DIGEST_TIMEZONE must be an IANA time zone such as America\/Los_Angeles \(got "Mars\/Olympus_Mons"\)/,
    ],
    [{ PASSWORD_HASH_COST: 'low' }, /PASSWORD_HASH_COST must be one of the following values: standard, test/],
    [
      { PASSWORD_HASH_COST: 'test', NODE_ENV: 'production' },
      /PASSWORD_HASH_COST=test is for the test suite only and is refused when NODE_ENV=production/,
    ],
  ])('refuses %j with one line naming the variable', (raw, message) => {
    expect(() => validateEnv(raw)).toThrow(ConfigValidationError);
    expect(() => validateEnv(raw)).toThrow(message);
  });

  it('never echoes a secret value', () => {
    let message = '';
    try {
      validateEnv({ DATABASE_URL: 'postgres://db/t', AUTH_SECRET: 'hunter2-too-short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(message).not.toContain('hunter2');
    expect(message.split('\n')).toHaveLength(1);
  });
});
