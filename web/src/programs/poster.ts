import { isSupportedLanguage, SUPPORTED_LANGUAGES, translator, type LanguageTag } from '@tandem/shared';

/**
 * What a feedback poster says, and in which languages. A poster speaks one language ("es") or two
 * side by side ("es+en": the program's language first); its words come from the public message
 * catalogs (@tandem/shared), as the feedback form's do, so poster and form read alike.
 */
export type PosterChoice = string;

export interface PosterOption {
  value: PosterChoice;
  label: string;
}

/** One language's part of a poster. */
export interface PosterPart {
  language: LanguageTag;
  lead: string;
}

export interface PosterText {
  /** The poster's main language: the whole poster's `lang`, and the QR code's label. */
  language: LanguageTag;
  qrLabel: string;
  /** One part, or two printed side by side, each with its own `lang`. */
  parts: PosterPart[];
}

/** The program's language if Tandem speaks it, else the library's default, else English. */
export function programLanguage(language: string | null | undefined, defaultLanguage?: string | null): LanguageTag {
  if (isSupportedLanguage(language)) return language;
  if (isSupportedLanguage(defaultLanguage)) return defaultLanguage;
  return 'en';
}

/**
 * The choices of the print dialog (its words are staff-facing English; each language is named in
 * itself): the program's language first, then each other language the library offers, then each
 * of those side by side with the program's.
 */
export function posterOptions(main: LanguageTag, offered: readonly string[]): PosterOption[] {
  const others = [...new Set(offered)].filter((tag): tag is LanguageTag => isSupportedLanguage(tag) && tag !== main);
  const name = (tag: LanguageTag) => SUPPORTED_LANGUAGES[tag];
  return [
    { value: main, label: `${name(main)} (the program’s language)` },
    ...others.map((tag) => ({ value: tag, label: name(tag) })),
    ...others.map((tag) => ({
      value: `${main}+${tag}`,
      label: others.length === 1 ? 'Both, side by side' : `${name(main)} and ${name(tag)}, side by side`,
    })),
  ];
}

/** The languages of a choice, in print order: at most two, each once, only those Tandem speaks (else English). */
export function posterLanguages(choice: PosterChoice): LanguageTag[] {
  const tags = [...new Set(choice.split('+'))].filter(isSupportedLanguage).slice(0, 2);
  return tags.length > 0 ? tags : ['en'];
}

/** The words of the poster for `choice`. The program's name is printed as it is written, once. */
export function posterText(choice: PosterChoice, programName: string): PosterText {
  const languages = posterLanguages(choice);
  const first = translator(languages[0]);
  return {
    language: first.language,
    qrLabel: first.t('poster.qrLabel', { program: programName }),
    parts: languages.map((language) => ({ language, lead: translator(language).t('poster.lead') })),
  };
}
