import { ValidationFailedError } from '../common/errors/domain-error';
import { LANGUAGE_TAGS, SUPPORTED_LANGUAGES } from './library-settings';
import type { LibrarySettings } from './library-settings';

/**
 * A language a record is given (a program's, a contact's, a piece of feedback's), as the library
 * offers it: case ignored ("ES" is "es", as the settings take it), else null. Only tags Tandem
 * speaks and the library offers are ever stored.
 */
export function offeredLanguage(settings: Pick<LibrarySettings, 'languages'>, requested: string): string | null {
  const tag = LANGUAGE_TAGS.find((known) => known.toLowerCase() === requested.toLowerCase());
  return tag && settings.languages.includes(tag) ? tag : null;
}

/** The languages the library offers, as said in an error: `en (English), es (Español)`. */
export function offeredLanguageList(settings: Pick<LibrarySettings, 'languages'>): string {
  return settings.languages
    .map((tag) => `${tag} (${(SUPPORTED_LANGUAGES as Record<string, string>)[tag] ?? tag})`)
    .join(', ');
}

/** 400 naming the field and the languages offered. */
export class LanguageNotOfferedError extends ValidationFailedError {
  constructor(settings: Pick<LibrarySettings, 'languages'>, field = 'language') {
    super([{ field, message: `must be one of the languages the library offers: ${offeredLanguageList(settings)}` }]);
  }
}

/**
 * The language to store: the one requested when the library offers it (400 otherwise), the
 * library's default when none is requested. `keep` (the record's current language) is
 * accepted as it is even if the library no longer offers it, so an edit that leaves the
 * language alone still saves.
 */
export function resolveLanguage(
  settings: Pick<LibrarySettings, 'languages' | 'defaultLanguage'>,
  requested: string | undefined,
  options: { field?: string; keep?: string | null } = {},
): string {
  if (requested === undefined) return settings.defaultLanguage;
  if (options.keep && requested.toLowerCase() === options.keep.toLowerCase()) return options.keep;
  const offered = offeredLanguage(settings, requested);
  if (!offered) throw new LanguageNotOfferedError(settings, options.field);
  return offered;
}
