import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigType, registerAs } from '@nestjs/config';
import { embeddedAuthSecret } from './embedded-secret';
import { EnvironmentVariables, validateEnv } from './env.schema';

/**
 * The only module that reads process.env. Everything else injects one of the typed
 * namespaces below (`@Inject(authConfig.KEY) auth: AuthConfig`).
 */
export function readEnv(): EnvironmentVariables {
  return validateEnv(process.env);
}

/** Loads `.env` from the working directory into process.env (existing variables win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) {
    process.loadEnvFile(path);
  }
}

export const appConfig = registerAs('app', () => {
  const env = readEnv();
  const port = env.PORT;
  return {
    processRole: env.TANDEM_PROCESS,
    port,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = readEnv();
  return {
    url: env.DATABASE_URL,
    embedded: !env.DATABASE_URL,
    dataDir: resolve(env.TANDEM_DATA_DIR),
    poolSize: env.DATABASE_POOL_SIZE,
  };
});

export const redisConfig = registerAs('redis', () => {
  const env = readEnv();
  return { url: env.REDIS_URL, prefix: env.REDIS_PREFIX };
});

export const mailConfig = registerAs('mail', () => {
  const env = readEnv();
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, concurrency: env.MAIL_CONCURRENCY };
});

export const authConfig = registerAs('auth', () => {
  const env = readEnv();
  return {
    secret: env.AUTH_SECRET ?? embeddedAuthSecret(resolve(env.TANDEM_DATA_DIR)),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    refreshGraceSeconds: env.REFRESH_GRACE_SECONDS,
    invitationTtlHours: env.INVITATION_TTL_HOURS,
    passwordHashCost: env.PASSWORD_HASH_COST,
    login: {
      maxFailuresPerAccountAndIp: env.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      blockMinutes: env.LOGIN_BLOCK_MINUTES,
    },
  };
});

export const feedbackConfig = registerAs('feedback', () => {
  const env = readEnv();
  return {
    /** The check-in and unsubscribe pages' per-address limit (they share it; counters of their own). */
    publicLimits: { perIpPerHour: env.PUBLIC_FEEDBACK_PER_IP_PER_HOUR },
    /** The feedback form's own limits, sized for a room of young people on one Wi-Fi. */
    formLimits: {
      perIpAndLinkPer10Minutes: env.PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES,
      perIpPerHour: env.PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR,
      perLinkPerHour: env.PUBLIC_FEEDBACK_PER_LINK_PER_HOUR,
    },
  };
});

export const programConfig = registerAs('programs', () => {
  const env = readEnv();
  return { sessionHorizonDays: env.SESSION_HORIZON_DAYS };
});

export const reminderConfig = registerAs('reminders', () => {
  const env = readEnv();
  return {
    lateLimitMs: env.REMINDER_LATE_LIMIT_HOURS * 3_600_000,
    lateAfterMs: env.REMINDER_LATE_AFTER_SECONDS * 1000,
    lookaheadMs: env.REMINDER_LOOKAHEAD_HOURS * 3_600_000,
    reconcileEveryMs: env.REMINDER_RECONCILE_SECONDS * 1000,
    claimLeaseMs: env.REMINDER_CLAIM_LEASE_SECONDS * 1000,
    maxAttempts: env.REMINDER_MAX_ATTEMPTS,
    retryBaseMs: env.REMINDER_RETRY_BASE_SECONDS * 1000,
  };
});

export const digestConfig = registerAs('digest', () => {
  const env = readEnv();
  return { timezone: env.DIGEST_TIMEZONE };
});

export type AppConfig = ConfigType<typeof appConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type ProgramConfig = ConfigType<typeof programConfig>;
export type FeedbackConfig = ConfigType<typeof feedbackConfig>;
export type ReminderConfig = ConfigType<typeof reminderConfig>;
export type DigestConfig = ConfigType<typeof digestConfig>;

export const ALL_CONFIG = [
  appConfig,
  databaseConfig,
  redisConfig,
  mailConfig,
  authConfig,
  feedbackConfig,
  programConfig,
  reminderConfig,
  digestConfig,
];

/** For the migration CLI: DATABASE_URL is required there, AUTH_SECRET is not. */
export function databaseUrlForCli(): string {
  loadDotEnv();
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    console.error(
      'DATABASE_URL is not set: the migration commands work on a PostgreSQL server (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem). The embedded database applies migrations itself on npm start.',
    );
    process.exit(1);
  }
  return url;
}

/** The search path for programs Tandem runs (the embedded PostgreSQL gets this and nothing else of the environment). */
export function programSearchPath(): string {
  return process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
}
