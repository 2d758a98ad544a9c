import type { RedisOptions } from 'ioredis';

/** ioredis options for a redis:// or rediss:// URL (user, password, db and TLS included). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** host:port only — never the password — for log lines. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
}

/** Reconnect forever, backing off to one attempt every 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 250, 5000);
}
