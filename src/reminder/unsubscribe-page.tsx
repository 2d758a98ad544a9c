import { PublicPage, renderDocument } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { UnsubscribeLinkNotFoundError } from './unsubscribe.errors';

/**
 * The unsubscribe pages, in the shell of the other public pages (JSX rendered on the server, no
 * JavaScript; React escapes everything from outside). Opening the link only asks; the button
 * posts the same body as RFC 8058 one-click (`List-Unsubscribe=One-Click`), so both take the
 * same route.
 */

/** What the link shows: one question and one button. Nothing has changed yet. */
export function renderUnsubscribeConfirm(token: string): string {
  return renderDocument(
    <PublicPage title="Stop these emails?">
      <h1>Stop these emails?</h1>
      <p>You get reminder and check-in emails because a library team works with you. Press the button and they stop.</p>
      <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`}>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Unsubscribe</button>
      </form>
      <p className="hint">Nothing changes until you press the button.</p>
    </PublicPage>,
  );
}

/** After a (repeated) unsubscribe: plain words, nothing more to do. */
export function renderUnsubscribed(already: boolean): string {
  const title = already ? 'You are already unsubscribed' : 'You are unsubscribed';
  return renderDocument(
    <PublicPage title={title}>
      <h1>{title}</h1>
      <p>You will not get reminder or check-in emails from this library team any more.</p>
      <p>If this was a mistake, tell the library staff you work with and they can add you to reminders again.</p>
    </PublicPage>,
  );
}

export function renderUnsubscribeNotFound(): string {
  return renderDocument(
    <PublicPage title="This link does not work">
      <h1>This link does not work</h1>
      <p>
        It may be incomplete, or the contact details it was for have been removed. If you still get emails you do not
        want, reply to one and ask the library to stop.
      </p>
    </PublicPage>,
  );
}

/**
 * How the unsubscribe link answers (PublicPageFilter): always with pages, since mail clients
 * post RFC 8058 one-click there as well as the page's button.
 */
export const UNSUBSCRIBE_PAGES: PublicPages = {
  name: 'unsubscribe',
  alwaysHtml: true,
  errorPage: (error) => (error instanceof UnsubscribeLinkNotFoundError ? renderUnsubscribeNotFound() : undefined),
};
