import en from './messages/en.json';
import es from './messages/es.json';

/**
 * The message catalogs Tandem ships, one ICU MessageFormat file per language (BCP 47 primary
 * tag). Adding a language is its catalog file and a line here; the library then offers it in its
 * settings. English is the reference: every other catalog has exactly its keys and placeholders
 * (i18n/catalogs.spec.ts).
 */
export const CATALOGS = Object.freeze({ en, es });

export type LanguageTag = keyof typeof CATALOGS;
export type MessageKey = keyof typeof en;

/** Each language Tandem speaks, named in itself ("Español"), for menus and the links between languages. */
export const SUPPORTED_LANGUAGES: Readonly<Record<LanguageTag, string>> = Object.freeze(
  Object.fromEntries(Object.entries(CATALOGS).map(([tag, catalog]) => [tag, catalog['language.name']])) as Record<
    LanguageTag,
    string
  >,
);

export const LANGUAGE_TAGS = Object.keys(CATALOGS) as LanguageTag[];

export function isSupportedLanguage(tag: unknown): tag is LanguageTag {
  return typeof tag === 'string' && Object.prototype.hasOwnProperty.call(CATALOGS, tag);
}
