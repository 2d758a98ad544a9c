/**
 * The languages Tandem speaks to the public, each named in itself, by BCP 47 primary tag. Adding
 * one is its message catalog (messages/<tag>.json, listed in catalogs.ts) and a line here; the
 * library then offers it in its settings. Kept apart from the catalogs so that a screen naming
 * languages does not carry every catalog's text (catalogs.spec.ts checks the two agree).
 */
export const SUPPORTED_LANGUAGES = Object.freeze({ en: 'English', es: 'Español' } as const);

export type LanguageTag = keyof typeof SUPPORTED_LANGUAGES;

export const LANGUAGE_TAGS = Object.keys(SUPPORTED_LANGUAGES) as LanguageTag[];

export function isSupportedLanguage(tag: unknown): tag is LanguageTag {
  return typeof tag === 'string' && Object.prototype.hasOwnProperty.call(SUPPORTED_LANGUAGES, tag);
}
