import { isSupportedLanguage } from '@tandem/shared';
import type { Request } from 'express';
import { LibraryVoice, Locale, localeOf, UNKNOWN_LIBRARY } from '../i18n/locale';
import { negotiateLanguage } from '../i18n/negotiate-language';

/** How a public page speaks (see Locale). */
export type PublicLocale = Locale;

const LIBRARY = Symbol('publicPageLibrary');
type WithLibrary = Request & { [LIBRARY]?: LibraryVoice };

/** Leaves the library's settings on a public request (the library's PublicPageLibraryGuard, before the route's guards). */
export function setPublicPageLibrary(request: Request, library: LibraryVoice): void {
  (request as WithLibrary)[LIBRARY] = library;
}

/**
 * The locale of a public page or post: `?lang=` (or, for a form post, the language the form was
 * in) if the library offers it, else `preferred` (the program's or the contact's language), else
 * the best match of the browser's Accept-Language, else the library's default. A request refused
 * before the library's settings were loaded speaks as UNKNOWN_LIBRARY.
 */
export function publicLocale(request: Request, preferred?: string | null): PublicLocale {
  const library = (request as WithLibrary)[LIBRARY] ?? UNKNOWN_LIBRARY;
  const posted = request.body as unknown;
  const { language } = negotiateLanguage({
    requested: [
      request.query?.lang,
      typeof posted === 'object' && posted !== null ? (posted as Record<string, unknown>).language : undefined,
    ],
    preferred,
    acceptLanguage: request.headers['accept-language'],
    offered: library.languages.filter(isSupportedLanguage),
    fallback: library.defaultLanguage,
  });
  return localeOf(language, library);
}
