import {
  isSupportedLanguage,
  SUPPORTED_LANGUAGES,
  translator,
  type LanguageTag,
  type Translator,
} from '@tandem/shared';

/** The library as Tandem speaks for it to the public: its settings' name, time zone and languages. */
export interface LibraryVoice {
  name: string;
  timezone: string;
  defaultLanguage: string;
  languages: readonly string[];
}

/** Until the library's settings are known: English and Spanish offered, English first, no name, UTC. */
export const UNKNOWN_LIBRARY: LibraryVoice = {
  name: '',
  timezone: 'UTC',
  defaultLanguage: 'en',
  languages: Object.keys(SUPPORTED_LANGUAGES),
};

/** How a page or an email speaks: its language and messages, the library it speaks for, and the library's other languages. */
export interface Locale extends Translator {
  /** The library's name ("Riverside Public Library"), or "the library" in the locale's language when it has none. */
  libraryName: string;
  /** The library's time zone: dates are written in it. */
  timezone: string;
  /** The library's other languages, each named in itself, for links to them. */
  otherLanguages: ReadonlyArray<{ tag: LanguageTag; name: string }>;
}

/** The default name ("The library") is no name: the text says "the library" in its own language. */
const isNamed = (name: string): boolean => name.trim() !== '' && name.trim().toLowerCase() !== 'the library';

/** The locale of a language (English for one Tandem does not ship) for a library. */
export function localeOf(language: string, library: LibraryVoice = UNKNOWN_LIBRARY): Locale {
  const messages = translator(language);
  const offered = library.languages.filter(isSupportedLanguage);
  return {
    ...messages,
    libraryName: isNamed(library.name) ? library.name : messages.t('public.theLibrary'),
    timezone: library.timezone,
    otherLanguages: offered
      .filter((tag) => tag !== messages.language)
      .map((tag) => ({ tag, name: SUPPORTED_LANGUAGES[tag] })),
  };
}

/**
 * The locale of an email: a partner contact reads their own language (the library's default when
 * Tandem does not speak theirs); staff read English, as their screens are for now.
 */
export function recipientLocale(recipient: { contactLanguage: string | null } | null, library: LibraryVoice): Locale {
  if (!recipient) return localeOf('en', library);
  const { contactLanguage } = recipient;
  return localeOf(isSupportedLanguage(contactLanguage) ? contactLanguage : library.defaultLanguage, library);
}

/**
 * The library's voice as it is now (its settings), for code that speaks for the library without
 * depending on the library module — the outbox. The library module provides it to every module.
 */
export abstract class LibraryVoiceSource {
  abstract current(): Promise<LibraryVoice>;
}
