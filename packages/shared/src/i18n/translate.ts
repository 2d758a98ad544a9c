import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, type MessageKey } from './catalogs';
import { isSupportedLanguage, type LanguageTag } from './languages';

/** What a message's placeholders are given: text, numbers (plural and number formats) and dates. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** The messages of one language: `t('feedback.title', {program})`. */
export interface Translator {
  readonly language: LanguageTag;
  readonly t: (key: MessageKey, values?: MessageValues) => string;
}

/** Compiled messages, per language and key: each is parsed once per process. */
const compiled = new Map<string, IntlMessageFormat>();

function formatOf(language: LanguageTag, key: MessageKey): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[language][key], language);
    compiled.set(id, format);
  }
  return format;
}

/**
 * The translator of a language Tandem ships (anything else falls back to English, which every
 * catalog mirrors). Text placeholders are inserted as given: whoever renders the result escapes
 * it (JSX does, for pages and emails).
 */
export function translator(language: string): Translator {
  const tag: LanguageTag = isSupportedLanguage(language) ? language : 'en';
  return {
    language: tag,
    t: (key, values) => String(formatOf(tag, key).format(values)),
  };
}

/** "lunes, 7 de diciembre de 2026", "Monday, December 7, 2026": a day as people read it, in a zone. */
export function formatLongDay(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone,
  }).format(at);
}

/** "Monday, December 7, 2026 at 3:30 PM CST": a moment as people read it, in a zone. */
export function formatLongDateTime(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(at);
}

/** "3:30 PM", "15:30": a time of day in a zone. */
export function formatTimeOfDay(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
}

/** The locale Intl formats a language's dates in (English as written in the US, where Tandem's libraries are). */
function localeOf(language: string): string {
  return language === 'en' ? 'en-US' : language;
}
