import { reconnectDelay, redisAddress, redisOptionsFromUrl } from './redis.connection';

describe('redisOptionsFromUrl', () => {
  it('reads host, port, credentials and database', () => {
    expect(redisOptionsFromUrl('redis://user:p%40ss@cache.local:6380/2')).toMatchObject({
      host: 'cache.local',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: undefined,
    });
  });

  it('defaults the port and database and turns rediss into TLS', () => {
    expect(redisOptionsFromUrl('rediss://cache.local')).toMatchObject({ port: 6379, db: 0, tls: {} });
  });
});

describe('redisAddress', () => {
  it('never shows the password', () => {
    expect(redisAddress('redis://:secret@10.0.0.5:6379/0')).toBe('10.0.0.5:6379');
  });
});

describe('reconnectDelay', () => {
  it('backs off and caps at five seconds', () => {
    expect(reconnectDelay(1)).toBe(250);
    expect(reconnectDelay(100)).toBe(5000);
  });
});
