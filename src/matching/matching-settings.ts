import type { FieldError } from '../common/errors/domain-error';

/**
 * What an admin can change at `/api/v1/settings/matching`: how much of the ranking the open
 * list shows by default (`?all=true` shows everything).
 * - `minStrength`: suggestions weaker than this are left out.
 * - `maxPerPartner`: each organization appears in at most this many suggestions (as provider
 *   or seeker): the ranked list is walked strongest first and a suggestion is kept only while
 *   both its organizations are under the cap. At least 3, so the first three of the list (the
 *   dashboard's and the digest's) are always the three strongest above the floor.
 */
export interface MatchingSettings {
  minStrength: number;
  maxPerPartner: number;
}

/**
 * From the demo data (15 organizations, 110 suggestions): every suggestion where the seeker
 * looks for the capability scores 70–99, audience fits 44–69. A floor of 60 keeps the sought
 * ones and the best audience fits (39); three per partner leaves 12 (strength 83–99, 9 partners).
 */
export const DEFAULT_MATCHING_SETTINGS: Readonly<MatchingSettings> = Object.freeze({
  minStrength: 60,
  maxPerPartner: 3,
});

export const MATCHING_SETTINGS_LIMITS = Object.freeze({
  minStrength: { min: 0, max: 100 },
  maxPerPartner: { min: 3, max: 100 },
});

export const MATCHING_SETTINGS_KEYS = ['minStrength', 'maxPerPartner'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problems with a complete settings object, as `{field, message}` pairs; empty when valid. */
export function validateMatchingSettings(value: unknown): FieldError[] {
  if (!isRecord(value)) return [{ field: 'settings', message: 'must be an object with minStrength and maxPerPartner' }];
  const errors: FieldError[] = [];
  for (const key of MATCHING_SETTINGS_KEYS) {
    const { min, max } = MATCHING_SETTINGS_LIMITS[key];
    const number = value[key];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
      errors.push({ field: key, message: `must be a whole number from ${min} to ${max}` });
    }
  }
  for (const key of Object.keys(value)) {
    if (!(MATCHING_SETTINGS_KEYS as readonly string[]).includes(key))
      errors.push({ field: key, message: 'is not a matching setting' });
  }
  return errors;
}

/** A partial change (as a PATCH carries it) applied to the current settings; validate the result. */
export function mergeMatchingSettings(current: MatchingSettings, change: Partial<MatchingSettings>): MatchingSettings {
  const next = { ...current };
  for (const key of MATCHING_SETTINGS_KEYS) {
    if (change[key] !== undefined) next[key] = change[key];
  }
  return next;
}

/** Stored settings over the defaults; anything stored that no longer validates is null (the store then uses the defaults). */
export function matchingSettingsFromStored(value: unknown): MatchingSettings | null {
  const stored = isRecord(value) ? value : {};
  const merged = mergeMatchingSettings(
    { ...DEFAULT_MATCHING_SETTINGS },
    Object.fromEntries(
      MATCHING_SETTINGS_KEYS.filter((key) => stored[key] !== undefined).map((key) => [key, stored[key]]),
    ),
  );
  return validateMatchingSettings(merged).length === 0 ? merged : null;
}
