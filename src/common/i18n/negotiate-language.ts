import Negotiator from 'negotiator';

export interface LanguageChoice {
  /** Asked for by name: `?lang=`, or the language a form page was in when it was posted (first wins). */
  requested?: readonly unknown[];
  /** The language of what the page is about: the program's, the contact's. */
  preferred?: string | null;
  /** The browser's `Accept-Language` header, with its quality values. */
  acceptLanguage?: string;
  /** The languages the library offers the public (tags of catalogs Tandem ships). */
  offered: readonly string[];
  /** The library's default language, for a visitor none of the above speaks for. */
  fallback: string;
}

export type LanguageSource = 'requested' | 'preferred' | 'accept-language' | 'default';

const isOffered = (offered: readonly string[], value: unknown): value is string =>
  typeof value === 'string' && offered.includes(value.toLowerCase());

/**
 * The language of a public page (API.md "Library settings and languages"): the one asked for by
 * name if the library offers it, else the program's or contact's, else the best match of
 * `Accept-Language` by quality value (es-MX matches es; q=0 refuses; `*` means the default), else
 * the library's default.
 */
export function negotiateLanguage(choice: LanguageChoice): { language: string; source: LanguageSource } {
  const { offered, fallback } = choice;
  for (const requested of choice.requested ?? []) {
    if (isOffered(offered, requested)) return { language: requested.toLowerCase(), source: 'requested' };
  }
  if (isOffered(offered, choice.preferred)) return { language: choice.preferred.toLowerCase(), source: 'preferred' };
  const header = choice.acceptLanguage?.trim();
  if (header) {
    // The default first, so a bare `*` (any language) picks it.
    const candidates = [fallback, ...offered.filter((tag) => tag !== fallback)];
    const best = new Negotiator({ headers: { 'accept-language': header } }).language(candidates);
    if (best) return { language: best, source: 'accept-language' };
  }
  return { language: fallback, source: 'default' };
}
