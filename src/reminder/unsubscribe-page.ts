import { escapeHtml } from '../mail/html';

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#f6f6f4}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.25}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** After a (repeated) unsubscribe: plain words, nothing more to do. */
export function renderUnsubscribed(already: boolean): string {
  return page(
    already ? 'You are already unsubscribed' : 'You are unsubscribed',
    `<p>You will not get reminder or check-in emails from this library team any more.</p>
<p>If this was a mistake, tell the library staff you work with and they can add you to reminders again.</p>`,
  );
}

export function renderUnsubscribeNotFound(): string {
  return page(
    'This link does not work',
    '<p>It may be incomplete, or the contact details it was for have been removed. If you still get emails you do not want, reply to one and ask the library to stop.</p>',
  );
}
