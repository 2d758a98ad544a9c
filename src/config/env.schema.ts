import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { IsIanaTimeZone } from './time-zone.validator';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** `standard` is OWASP's argon2id minimum; `test` is for the test suite only (see PASSWORD_HASH_COST). */
export const PASSWORD_HASH_COSTS = ['standard', 'test'] as const;
export type PasswordHashCost = (typeof PASSWORD_HASH_COSTS)[number];

/** Variables whose values must never be echoed back in an error line. */
const SECRET_VARIABLES = new Set(['AUTH_SECRET', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL']);

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no', ''].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Tandem reads, declared once. `.env.example` explains each one.
 * Validated at boot; the first problem stops the process with one line naming the variable.
 */
export class EnvironmentVariables {
  @IsIn(PROCESS_ROLES)
  TANDEM_PROCESS: ProcessRole = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  @MinLength(1)
  TANDEM_DATA_DIR = './.tandem';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ . or -' })
  REDIS_PREFIX = 'tandem';

  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  MAIL_FROM = 'Tandem <tandem@localhost>';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (try: openssl rand -base64 48)' })
  AUTH_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** How long a just-rotated refresh token is still answered like the first time (several tabs refreshing at once; seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_GRACE_SECONDS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  INVITATION_TTL_HOURS = 72;

  /**
   * `test` hashes passwords almost for free (argon2id at 1 MiB and 1 pass), for the test suite's
   * many sign-ins; refused when NODE_ENV=production.
   */
  @IsIn(PASSWORD_HASH_COSTS)
  PASSWORD_HASH_COST: PasswordHashCost = 'standard';

  /** Failed sign-ins one address may make for one account before that address is blocked for it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;

  /** Failed sign-ins for one account from all addresses before it counts as under attack (a slowdown, never a lockout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 50;

  /** Failed sign-ins from one address across accounts before it counts as guessing (a slowdown, never a lockout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_BLOCK_MINUTES = 15;

  /**
   * Posts per client IP address per hour to the public check-in and unsubscribe pages (the name
   * is historical: the feedback form has its own limits below, sized for a room on one Wi-Fi).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  PUBLIC_FEEDBACK_PER_IP_PER_HOUR = 20;

  /** Anonymous feedback posts from one address to one link per 10 minutes (a room on one Wi-Fi: 40, with room to spare). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES = 60;

  /** Anonymous feedback posts from one address across all links per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR = 120;

  /** Anonymous feedback posts through one feedback link per hour, from every address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_FEEDBACK_PER_LINK_PER_HOUR = 200;

  /** How far ahead program sessions are materialized (days). */
  @Transform(toInt)
  @IsInt()
  @Min(7)
  @Max(730)
  SESSION_HORIZON_DAYS = 120;

  /** Reminders due longer ago than this are not sent but `skipped` (hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(168)
  REMINDER_LATE_LIMIT_HOURS = 12;

  /** A reminder sent more than this after its time is marked late (seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_LATE_AFTER_SECONDS = 60;

  /** How far ahead deliveries are planned and queued (hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  REMINDER_LOOKAHEAD_HOURS = 48;

  /** How often each worker rebuilds the queue from PostgreSQL (seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_RECONCILE_SECONDS = 60;

  /** How long a claimed delivery belongs to its worker before it is taken back (seconds; longer than any SMTP send). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_CLAIM_LEASE_SECONDS = 120;

  /** SMTP attempts per email before it is `failed`. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  REMINDER_MAX_ATTEMPTS = 6;

  /** First retry delay after a transient SMTP failure; doubles each attempt (seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_RETRY_BASE_SECONDS = 30;

  /** The zone of the weekly health digest's Monday 07:00 (an IANA name such as America/Chicago). */
  @IsIanaTimeZone()
  DIGEST_TIMEZONE = 'UTC';

  /** Emails a worker sends at once (SMTP connections in its pool). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_CONCURRENCY = 5;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** json for machines (default when output is not a terminal), pretty for people. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}

export class ConfigValidationError extends Error {
  override name = 'ConfigValidationError';
}

/**
 * Validates raw environment values. Throws a ConfigValidationError whose message is one line
 * naming the first bad variable (never its value when the variable may hold a secret).
 */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariables())
      .concat(['DATABASE_URL', 'PUBLIC_URL', 'AUTH_SECRET', 'LOG_FORMAT'])
      .filter((key) => raw[key] !== undefined)
      .map((key) => [key, raw[key]]),
  );
  const env = plainToInstance(EnvironmentVariables, known);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Decorators run bottom-up, so the last constraint is the topmost, most basic one
    // ("must be an integer" rather than "must not be greater than 65535").
    const reason = Object.values(first.constraints ?? {}).at(-1) ?? 'is invalid';
    const shown = SECRET_VARIABLES.has(first.property) ? '' : ` (got "${String(raw[first.property])}")`;
    throw new ConfigValidationError(
      `Configuration error: ${first.property} ${reason.replace(`${first.property} `, '')}${shown}. Fix it in the environment or .env.`,
    );
  }
  if (env.TANDEM_PROCESS !== 'all' && !env.DATABASE_URL) {
    throw new ConfigValidationError(
      `Configuration error: DATABASE_URL is required when TANDEM_PROCESS=${env.TANDEM_PROCESS} (the embedded database only runs inside the all-in-one process).`,
    );
  }
  if (env.PASSWORD_HASH_COST === 'test' && raw.NODE_ENV === 'production') {
    throw new ConfigValidationError(
      'Configuration error: PASSWORD_HASH_COST=test is for the test suite only and is refused when NODE_ENV=production (remove it, or set it to standard).',
    );
  }
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new ConfigValidationError(
      'Configuration error: AUTH_SECRET is required when DATABASE_URL is set (generate one with: openssl rand -base64 48).',
    );
  }
  return env;
}
