import type { FieldError } from '../common/errors/domain-error';

/**
 * What an admin can change at `/api/v1/settings/check-ins`.
 * - `intervalMonths`: how often each active partner is due a check-in (a round skips an
 *   organization that had one opened within this many months).
 * - `respondWithinDays`: how long a check-in stays open for answers.
 * - `automatic`: whether the daily job starts the round by itself (when off, a manager sends it
 *   with POST /check-ins/rounds; closing at the deadline always happens).
 * - `firstAfterDays`: how long a partner must have been active (since it last became active)
 *   before a round that picks the partners itself asks it (see check-in-due.ts).
 * - `dailyLimit`: the most check-ins the daily job opens in a day; partners due beyond it wait
 *   for the next days, so turning check-ins on over a large directory spreads the first round
 *   (and its emails) over days instead of sending them all at once.
 */
export interface CheckInSettings {
  intervalMonths: number;
  respondWithinDays: number;
  automatic: boolean;
  firstAfterDays: number;
  dailyLimit: number;
}

/** Twice a year, three weeks to answer, sent by the schedule, the first after 90 days as a partner. */
export const DEFAULT_CHECK_IN_SETTINGS: Readonly<CheckInSettings> = Object.freeze({
  intervalMonths: 6,
  respondWithinDays: 21,
  automatic: true,
  firstAfterDays: 90,
  dailyLimit: 25,
});

export const CHECK_IN_SETTINGS_LIMITS = Object.freeze({
  intervalMonths: { min: 1, max: 24 },
  respondWithinDays: { min: 1, max: 90 },
  firstAfterDays: { min: 0, max: 365 },
  dailyLimit: { min: 1, max: 1000 },
});

/** Every check-in setting, in the order the API lists them. */
export const CHECK_IN_SETTING_KEYS = [
  'intervalMonths',
  'respondWithinDays',
  'automatic',
  'firstAfterDays',
  'dailyLimit',
] as const;
const KEYS = CHECK_IN_SETTING_KEYS;
const NUMBER_KEYS = ['intervalMonths', 'respondWithinDays', 'firstAfterDays', 'dailyLimit'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The problems with a complete settings object (as stored, or the current settings with a PATCH
 * merged in), as `{field, message}` pairs; empty when valid.
 */
export function validateCheckInSettings(value: unknown): FieldError[] {
  if (!isRecord(value))
    return [
      {
        field: 'settings',
        message: 'must be an object with intervalMonths, respondWithinDays, automatic, firstAfterDays and dailyLimit',
      },
    ];
  const errors: FieldError[] = [];
  for (const key of NUMBER_KEYS) {
    const { min, max } = CHECK_IN_SETTINGS_LIMITS[key];
    const number = value[key];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
      errors.push({ field: key, message: `must be a whole number from ${min} to ${max}` });
    }
  }
  if (typeof value.automatic !== 'boolean') errors.push({ field: 'automatic', message: 'must be true or false' });
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key)) errors.push({ field: key, message: 'is not a check-in setting' });
  }
  return errors;
}

/** A partial change (as a PATCH carries it) applied to the current settings; validate the result. */
export function mergeCheckInSettings(current: CheckInSettings, change: Partial<CheckInSettings>): CheckInSettings {
  const next = { ...current };
  for (const key of KEYS) {
    if (change[key] !== undefined) (next as Record<string, unknown>)[key] = change[key];
  }
  return next;
}

/**
 * Stored settings over the defaults (a setting added later starts at its default); anything
 * stored that no longer validates falls back to the defaults.
 */
export function checkInSettingsFromStored(value: unknown): { settings: CheckInSettings; valid: boolean } {
  const stored = isRecord(value) ? value : {};
  const merged = mergeCheckInSettings(
    { ...DEFAULT_CHECK_IN_SETTINGS },
    Object.fromEntries(KEYS.filter((key) => stored[key] !== undefined).map((key) => [key, stored[key]])),
  );
  return validateCheckInSettings(merged).length === 0
    ? { settings: merged, valid: true }
    : { settings: { ...DEFAULT_CHECK_IN_SETTINGS }, valid: false };
}
