import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/**
 * The HTML part of every email, as JSX rendered on the server: React escapes every text and
 * attribute, so a name like `<b>` or `"` can only ever show as text. Styles are inline (mail
 * clients drop style sheets); the plain-text part of each email is written beside it.
 */

/** The call to action of an email: a link that looks like a button. */
export const BUTTON_STYLE: CSSProperties = {
  display: 'inline-block',
  padding: '12px 20px',
  background: '#1c5d99',
  color: '#fff',
  textDecoration: 'none',
  borderRadius: 6,
};

/** The small grey line at the end (why you get this, how to stop it). */
export const FOOTNOTE_STYLE: CSSProperties = { fontSize: '0.875em', color: '#555' };

/** The email's document; `lang` is the language it is written in (BCP 47). */
export function EmailDocument({ lang = 'en', children }: { lang?: string; children?: ReactNode }): ReactElement {
  return (
    <html lang={lang}>
      <body style={{ fontFamily: 'sans-serif', lineHeight: 1.5 }}>{children}</body>
    </html>
  );
}

/** The email's HTML: the doctype, then React's escaped markup. */
export function renderEmail(element: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}
