import {
  DEFAULT_FISCAL_YEAR_START_MONTH,
  isSupportedLanguage,
  LANGUAGE_TAGS,
  SUPPORTED_LANGUAGES,
} from '@tandem/shared';
import { IANAZone } from 'luxon';
import type { FieldError } from '../common/errors/domain-error';

export { LANGUAGE_TAGS, SUPPORTED_LANGUAGES };

/**
 * What an admin can change at `/api/v1/settings/library`: the library itself.
 * - `name`: how emails and public pages name it.
 * - `timezone`: an IANA zone; the library's calendar (due dates, "today") is in it.
 * - `languages`: the languages offered to the public, from SUPPORTED_LANGUAGES, at least one.
 * - `defaultLanguage`: one of `languages`, for a visitor whose language is none of them.
 * - `fiscalYearStartMonth`: the month (1–12) the library's fiscal year starts in, for reports and goals.
 */
export interface LibrarySettings {
  name: string;
  timezone: string;
  defaultLanguage: string;
  languages: string[];
  fiscalYearStartMonth: number;
}

export const LIBRARY_NAME_MAX = 120;
/** Longer than any IANA zone name (the longest is about 32). */
export const TIMEZONE_MAX = 64;
/** Longer than any tag Tandem will support (BCP 47 tags in practice stay under 35). */
export const LANGUAGE_TAG_MAX = 35;

export const LIBRARY_SETTING_KEYS = [
  'name',
  'timezone',
  'defaultLanguage',
  'languages',
  'fiscalYearStartMonth',
] as const;

/**
 * The defaults: "The library", the zone the digest is sent in (DIGEST_TIMEZONE, UTC unless set),
 * English and Spanish, a fiscal year from July.
 */
export function defaultLibrarySettings(timezone: string): LibrarySettings {
  return {
    name: 'The library',
    timezone,
    defaultLanguage: 'en',
    languages: ['en', 'es'],
    fiscalYearStartMonth: DEFAULT_FISCAL_YEAR_START_MONTH,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSupported = isSupportedLanguage;

const SUPPORTED_LIST = LANGUAGE_TAGS.map((tag) => `${tag} (${SUPPORTED_LANGUAGES[tag]})`).join(', ');

/** A tag as said in a message: quoted, and cut short should a client send something long. */
const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > LANGUAGE_TAG_MAX ? `${text.slice(0, LANGUAGE_TAG_MAX)}…` : text);
};

/**
 * An IANA zone name ("America/Chicago", "UTC", "Etc/GMT+5"). The shape is checked first: recent
 * V8 also accepts UTC offsets such as "+05:00" as a time zone, which are not zones (no daylight
 * time) and which luxon then takes as valid on some runs and not on others.
 */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

export function isValidTimezone(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= TIMEZONE_MAX && IANA_NAME.test(value) && IANAZone.isValidZone(value)
  );
}

/**
 * The problems with a complete settings object (as stored, or the current settings with a PATCH
 * merged in), as `{field, message}` pairs; empty when valid.
 */
export function validateLibrarySettings(value: unknown): FieldError[] {
  if (!isRecord(value))
    return [
      {
        field: 'settings',
        message: 'must be an object with name, timezone, defaultLanguage, languages and fiscalYearStartMonth',
      },
    ];
  const errors: FieldError[] = [];
  const { name, timezone, defaultLanguage, languages, fiscalYearStartMonth } = value;
  if (typeof name !== 'string' || name !== name.trim() || name.length < 1 || name.length > LIBRARY_NAME_MAX)
    errors.push({ field: 'name', message: `must be 1 to ${LIBRARY_NAME_MAX} characters` });
  if (!isValidTimezone(timezone))
    errors.push({ field: 'timezone', message: 'must be an IANA time zone such as America/Chicago' });
  if (
    !Number.isInteger(fiscalYearStartMonth) ||
    (fiscalYearStartMonth as number) < 1 ||
    (fiscalYearStartMonth as number) > 12
  )
    errors.push({ field: 'fiscalYearStartMonth', message: 'must be a month number from 1 (January) to 12 (December)' });

  const offered = Array.isArray(languages) ? languages : null;
  if (!offered) errors.push({ field: 'languages', message: 'must be a list of language tags' });
  else if (offered.length === 0) errors.push({ field: 'languages', message: 'must offer at least one language' });
  else {
    const unknown = offered.filter((tag) => !isSupported(tag));
    if (unknown.length > 0)
      errors.push({
        field: 'languages',
        message: `${unknown.map(quoted).join(', ')} ${unknown.length === 1 ? 'is not a language' : 'are not languages'} Tandem speaks; it speaks ${SUPPORTED_LIST}`,
      });
    const twice = offered.filter((tag, index) => offered.indexOf(tag) !== index);
    if (twice.length > 0)
      errors.push({
        field: 'languages',
        message: `must list each language once (${[...new Set(twice)].map(quoted).join(', ')} twice)`,
      });
  }

  if (!isSupported(defaultLanguage))
    errors.push({ field: 'defaultLanguage', message: `must be one of the languages Tandem speaks: ${SUPPORTED_LIST}` });
  else if (offered && !offered.includes(defaultLanguage))
    errors.push({ field: 'defaultLanguage', message: 'must be one of the languages offered' });

  for (const key of Object.keys(value)) {
    if (!(LIBRARY_SETTING_KEYS as readonly string[]).includes(key))
      errors.push({ field: key, message: 'is not a library setting' });
  }
  return errors;
}

/** A supported tag written in another case ("ES") as Tandem writes it ("es"); anything else as given, for validation to name. */
function canonicalTag(tag: string): string {
  return LANGUAGE_TAGS.find((known) => known.toLowerCase() === tag.toLowerCase()) ?? tag;
}

/** A zone written in another case ("america/chicago") as the runtime lists it; anything else as given. */
function canonicalZone(zone: string): string {
  const lower = zone.toLowerCase();
  if (lower === 'utc') return 'UTC';
  return Intl.supportedValuesOf('timeZone').find((known) => known.toLowerCase() === lower) ?? zone;
}

/**
 * A partial change (as a PATCH carries it) applied to the current settings, the name trimmed and
 * tags and zones in their usual case; validate the result.
 */
export function mergeLibrarySettings(current: LibrarySettings, change: Partial<LibrarySettings>): LibrarySettings {
  const next: LibrarySettings = { ...current, languages: [...current.languages] };
  if (typeof change.name === 'string') next.name = change.name.trim();
  if (typeof change.timezone === 'string') next.timezone = canonicalZone(change.timezone);
  if (typeof change.defaultLanguage === 'string') next.defaultLanguage = canonicalTag(change.defaultLanguage);
  if (Array.isArray(change.languages))
    next.languages = change.languages.map((tag) => (typeof tag === 'string' ? canonicalTag(tag) : tag));
  if (change.fiscalYearStartMonth !== undefined) next.fiscalYearStartMonth = change.fiscalYearStartMonth;
  return next;
}

/**
 * Stored settings over the defaults (a setting added later starts at its default); null when
 * what is stored no longer validates (a language no longer supported, say): the store then
 * uses the defaults.
 */
export function librarySettingsFromStored(value: unknown, defaults: LibrarySettings): LibrarySettings | null {
  const stored = isRecord(value) ? value : {};
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of LIBRARY_SETTING_KEYS) if (stored[key] !== undefined) merged[key] = stored[key];
  return validateLibrarySettings(merged).length === 0 ? (merged as unknown as LibrarySettings) : null;
}
