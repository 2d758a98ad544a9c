/**
 * The page to return to after signing in: only a path on this site (no other host, no
 * protocol-relative "//host", no backslash tricks), never the sign-in or setup page itself.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target.length > 2000) return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return fallback;
  const url = new URL(target, 'http://tandem.invalid');
  if (url.origin !== 'http://tandem.invalid') return fallback;
  if (url.pathname === '/sign-in' || url.pathname === '/setup') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
