import en from './messages/en.json';
import es from './messages/es.json';
import type { LanguageTag } from './languages';

/** A message's key, as English (the reference catalog) has it. */
export type MessageKey = keyof typeof en;

/**
 * The message catalogs, one ICU MessageFormat file per language in SUPPORTED_LANGUAGES. English is
 * the reference: every other catalog has exactly its keys and placeholders (catalogs.spec.ts).
 */
export const CATALOGS: Readonly<Record<LanguageTag, Readonly<Record<MessageKey, string>>>> = Object.freeze({ en, es });
