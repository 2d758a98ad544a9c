import type { Response } from 'express';
import type { ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PublicLocale } from './public-locale';

/**
 * The shell of the public pages people reach without an account (the feedback form, the
 * check-in survey, the unsubscribe page): small, server-rendered, no JavaScript. Mobile first
 * (one column, 16px+ text, touch targets of 48px), readable at 360px wide and at 200% zoom, a
 * visible focus ring, plain words. Pages are JSX rendered by React, which escapes every text
 * and attribute: nothing is ever concatenated into HTML by hand.
 */

/** Inline so the page is one request; the CSP allows inline styles (style-src 'unsafe-inline'). */
export const PUBLIC_PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#f6f6f4}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}
.note{background:#e8f1fb;border-left:.35rem solid #1a4f8b;padding:.75rem 1rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.5rem}
.hint{font-weight:400;color:#4a4a4a}
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem}
.scale label{display:flex;align-items:center;gap:.5rem;min-height:3rem;min-width:0;overflow-wrap:anywhere;padding:.5rem .75rem;background:#fff;border:2px solid #767676;border-radius:.5rem;cursor:pointer}
.scale input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#1a4f8b}
.scale label:has(input:checked){border-color:#1a4f8b;background:#e8f1fb}
.text{margin-bottom:1.5rem}
.text label{display:block;font-weight:700;margin-bottom:.5rem}
textarea{display:block;width:100%;min-height:6rem;font:inherit;padding:.75rem;border:2px solid #767676;border-radius:.5rem;background:#fff;color:inherit}
button{display:block;width:100%;min-height:3rem;font:inherit;font-weight:700;color:#fff;background:#1a4f8b;border:0;border-radius:.5rem;padding:.75rem 1.5rem;cursor:pointer}
:focus-visible{outline:3px solid #c75000;outline-offset:3px}
.scale label:has(input:focus-visible){outline:3px solid #c75000;outline-offset:3px}
.errors{border:3px solid #b00020;background:#fff;padding:1rem;margin-bottom:1.5rem}
.errors h2{margin-top:0}
.errors a{color:#b00020}
.error{color:#b00020;font-weight:700;margin:0 0 .5rem}
.invalid .scale label,.invalid textarea{border-color:#b00020}
.languages{max-width:40rem;margin:0 auto;padding:.75rem 1rem 0;text-align:right}
.languages a{color:#1a4f8b;font-weight:700;display:inline-block;min-height:1.5rem;padding:.25rem 0}
@media (min-width:48rem){main{padding:2rem}.languages{padding:1rem 2rem 0}}
`;

export interface PublicPageProps {
  /** The page's language, messages and library (publicLocale). */
  locale: PublicLocale;
  title: string;
  /** Extra CSS of the page (a constant, never anything from outside). */
  style?: string;
  /**
   * Links to the page in the library's other languages (`?lang=`), for pages reached by a link
   * (GET); not on the answers to a post, whose address cannot be opened again.
   */
  languageLinks?: boolean;
  children?: ReactNode;
}

/** The document of a public page: its language, title, the one inline stylesheet, no scripts. */
export function PublicPage({
  locale,
  title,
  style = '',
  languageLinks = false,
  children,
}: PublicPageProps): ReactElement {
  return (
    <html lang={locale.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style>{PUBLIC_PAGE_STYLE + style}</style>
      </head>
      <body>
        {languageLinks && locale.otherLanguages.length > 0 && (
          <nav className="languages" aria-label={locale.t('public.otherLanguages')}>
            {locale.t('public.otherLanguages')}:{' '}
            {locale.otherLanguages.map(({ tag, name }, index) => (
              <span key={tag}>
                {index > 0 && ' · '}
                <a href={`?lang=${tag}`} hrefLang={tag} lang={tag}>
                  {name}
                </a>
              </span>
            ))}
          </nav>
        )}
        <main>{children}</main>
      </body>
    </html>
  );
}

/**
 * The list of what to fix above a form that came back with errors, each message a link to its
 * field (`anchorOf` names the element id a field's message leads to).
 */
export function ErrorSummary({
  locale,
  errors,
  anchorOf,
}: {
  locale: PublicLocale;
  errors: ReadonlyMap<string, string>;
  anchorOf: (field: string) => string;
}): ReactElement | null {
  if (errors.size === 0) return null;
  return (
    <div className="errors" role="alert">
      <h2>{locale.t('public.checkAnswers')}</h2>
      <ul>
        {[...errors].map(([field, message]) => (
          <li key={field}>
            <a href={`#${anchorOf(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A whole HTML document from JSX: the doctype, then React's escaped markup. */
export function renderDocument(element: ReactElement): string {
  return `<!doctype html>\n${renderToStaticMarkup(element)}\n`;
}

/**
 * "Please try again in 2 minutes", "… in 1 hour", "… in about 3 hours": the wait of a 429 in plain
 * words, rounded up to whole minutes (whole hours past one hour).
 */
export function tryAgainIn(retryAfterSeconds: number, locale: Pick<PublicLocale, 't'>): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  if (minutes < 60) return locale.t('public.tryAgain.body', { minutes });
  return locale.t('public.tryAgain.bodyHours', { hours: Math.ceil(minutes / 60) });
}

/**
 * "2 minutes", "1 minute", "1 hour", "about 3 hours": the wait of a 429 in plain English words for
 * problem details (pages say it in their language: tryAgainIn).
 */
export function minutesToWait(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (minutes === 60) return '1 hour';
  return `about ${Math.ceil(minutes / 60)} hours`;
}

/** The one "try again later" page (a 429) of every public surface. */
export function renderTryAgainLater(retryAfterSeconds: number, locale: PublicLocale): string {
  const title = locale.t('public.tryAgain.title');
  return renderDocument(
    <PublicPage locale={locale} title={title}>
      <h1>{title}</h1>
      <p>{tryAgainIn(retryAfterSeconds, locale)}</p>
    </PublicPage>,
  );
}

/** A page with a heading and its paragraphs, nothing else: thanks, link not found, closed. */
export function renderMessagePage(locale: PublicLocale, title: string, ...paragraphs: string[]): string {
  return renderDocument(
    <PublicPage locale={locale} title={title}>
      <h1>{title}</h1>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </PublicPage>,
  );
}

/** The OpenAPI content of a response that is an HTML page. */
export const HTML_CONTENT = { 'text/html': { schema: { type: 'string' } } };

/** Sends a public page that carries a token in its address. */
export function sendPublicPage(res: Response, status: number, html: string): void {
  // no-store: the page carries the token; nothing of it belongs in shared caches.
  res.status(status).set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }).type('html').send(html);
}
