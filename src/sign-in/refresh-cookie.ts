import type { CookieOptions, Request, Response } from 'express';

export const REFRESH_COOKIE = 'tandem_refresh';
/** The cookie only travels to the auth routes that need it. */
const COOKIE_PATH = '/api/v1/auth';

function options(publicUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https:'), path: COOKIE_PATH };
}

export function setRefreshCookie(response: Response, token: string, expiresAt: Date, publicUrl: string): void {
  response.cookie(REFRESH_COOKIE, token, { ...options(publicUrl), expires: expiresAt });
}

export function clearRefreshCookie(response: Response, publicUrl: string): void {
  response.clearCookie(REFRESH_COOKIE, options(publicUrl));
}

export function readRefreshCookie(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}
