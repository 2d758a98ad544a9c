import type { PublicLocale } from '../common/public/public-locale';
import { PublicPage, renderDocument, renderMessagePage } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { UnsubscribeLinkNotFoundError } from './unsubscribe.errors';

/**
 * The unsubscribe pages, in the shell of the other public pages (JSX rendered on the server, no
 * JavaScript; React escapes everything from outside), in the contact's language. Opening the link
 * only asks; the button posts the same body as RFC 8058 one-click (`List-Unsubscribe=One-Click`),
 * so both take the same route.
 */

/** What the link shows: one question and one button. Nothing has changed yet. */
export function renderUnsubscribeConfirm(token: string, locale: PublicLocale): string {
  const title = locale.t('unsubscribe.confirm.title');
  return renderDocument(
    <PublicPage locale={locale} title={title} languageLinks>
      <h1>{title}</h1>
      <p>{locale.t('unsubscribe.confirm.body', { library: locale.libraryName })}</p>
      <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}?lang=${locale.language}`}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">{locale.t('unsubscribe.confirm.button')}</button>
      </form>
      <p className="hint">{locale.t('unsubscribe.confirm.hint')}</p>
    </PublicPage>,
  );
}

/** After a (repeated) unsubscribe: plain words, nothing more to do. */
export function renderUnsubscribed(already: boolean, locale: PublicLocale): string {
  return renderMessagePage(
    locale,
    locale.t(already ? 'unsubscribe.already.title' : 'unsubscribe.done.title'),
    locale.t('unsubscribe.done.body', { library: locale.libraryName }),
    locale.t('unsubscribe.done.mistake'),
  );
}

export function renderUnsubscribeNotFound(locale: PublicLocale): string {
  return renderMessagePage(locale, locale.t('public.linkBroken.title'), locale.t('unsubscribe.notFound.body'));
}

/**
 * How the unsubscribe link answers (PublicPageFilter): always with pages, since mail clients
 * post RFC 8058 one-click there as well as the page's button.
 */
export const UNSUBSCRIBE_PAGES: PublicPages = {
  name: 'unsubscribe',
  alwaysHtml: true,
  errorPage: (error, locale) =>
    error instanceof UnsubscribeLinkNotFoundError ? renderUnsubscribeNotFound(locale) : undefined,
};
