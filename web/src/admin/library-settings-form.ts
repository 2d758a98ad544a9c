import {
  DEFAULT_FISCAL_YEAR_START_MONTH,
  isSupportedLanguage,
  LANGUAGE_TAGS,
  SUPPORTED_LANGUAGES,
} from '@tandem/shared';
import type { LanguageTag, LibrarySettings, UpdateLibrarySettings } from '../library/library-queries';

/** The library settings' form: the name as typed, the zone and languages as picked. */
export interface LibraryFormValues {
  name: string;
  timezone: string;
  languages: LanguageTag[];
  defaultLanguage: LanguageTag | '';
  /** The month the fiscal year starts in, "1" (January) to "12", as the month select holds it. */
  fiscalYearStartMonth: string;
}

export const LIBRARY_NAME_MAX = 120;

/** The languages Tandem speaks to the public (its message catalogs), each named in itself. */
export const LANGUAGE_CHOICES: readonly { value: LanguageTag; label: string }[] = LANGUAGE_TAGS.map((tag) => ({
  value: tag,
  label: SUPPORTED_LANGUAGES[tag],
}));

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The months a fiscal year can start in, for the select: value "1" is January. */
export const MONTH_CHOICES: readonly { value: string; label: string }[] = MONTH_NAMES.map((label, index) => ({
  value: String(index + 1),
  label,
}));

export function languageLabel(tag: string): string {
  return LANGUAGE_CHOICES.find((choice) => choice.value === tag)?.label ?? tag;
}

/** Every zone the browser knows, UTC and the current one too (a browser may list neither), sorted. */
export function zoneOptions(current: string, known: readonly string[] = browserZones()): string[] {
  const zones = new Set(known);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort();
}

function browserZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

export function libraryFormValues(settings: LibrarySettings): LibraryFormValues {
  return {
    name: settings.name,
    timezone: settings.timezone,
    languages: [...settings.languages],
    defaultLanguage: settings.defaultLanguage,
    fiscalYearStartMonth: String(settings.fiscalYearStartMonth ?? DEFAULT_FISCAL_YEAR_START_MONTH),
  };
}

/**
 * The languages after one is ticked or unticked, keeping the order they were offered in (a new one
 * last), and the default: kept while it is still offered, else the first language left.
 */
export function withLanguages(
  values: Pick<LibraryFormValues, 'languages' | 'defaultLanguage'>,
  picked: readonly string[],
): Pick<LibraryFormValues, 'languages' | 'defaultLanguage'> {
  const languages = [
    ...values.languages.filter((tag) => picked.includes(tag)),
    ...picked.filter(isSupportedLanguage).filter((tag) => !values.languages.includes(tag)),
  ];
  const defaultLanguage =
    values.defaultLanguage && languages.includes(values.defaultLanguage)
      ? values.defaultLanguage
      : (languages[0] ?? '');
  return { languages, defaultLanguage };
}

export function libraryFormErrors(values: LibraryFormValues): Partial<Record<keyof LibraryFormValues, string>> {
  const errors: Partial<Record<keyof LibraryFormValues, string>> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Enter the library’s name';
  else if (name.length > LIBRARY_NAME_MAX)
    errors.name = `Keep the name to ${LIBRARY_NAME_MAX} characters (it has ${name.length})`;
  if (!values.timezone) errors.timezone = 'Pick the library’s time zone';
  if (values.languages.length === 0) errors.languages = 'Offer at least one language';
  else if (!values.defaultLanguage || !values.languages.includes(values.defaultLanguage))
    errors.defaultLanguage = 'Pick one of the languages offered';
  if (!MONTH_CHOICES.some((month) => month.value === values.fiscalYearStartMonth))
    errors.fiscalYearStartMonth = 'Pick the month the fiscal year starts in';
  return errors;
}

/** The body to send with the version read; call only when libraryFormErrors found nothing. */
export function librarySettingsBody(values: LibraryFormValues): Omit<UpdateLibrarySettings, 'version'> {
  return {
    name: values.name.trim(),
    timezone: values.timezone,
    languages: [...values.languages],
    ...(values.defaultLanguage && { defaultLanguage: values.defaultLanguage }),
    fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
  };
}
