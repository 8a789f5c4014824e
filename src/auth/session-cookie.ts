import type { CookieOptions, Response } from 'express';
import type { Config } from '../config';
import { SESSION_COOKIE } from './session-token';

/**
 * SameSite=Lax: a link from an e-mail or another site opens the page logged in (Strict would send
 * no cookie on that first request); a cross-site POST still carries no cookie, and every unsafe
 * request is also checked for its Origin and, on pages, a CSRF token (src/web/csrf.ts).
 */
const options = (config: Config): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });

/**
 * The browser keeps the cookie a day beyond the session's end: the server refuses it from the end
 * on, but a form posted just after is recognised as its user's and kept through the next login.
 */
const GRACE_MS = 24 * 60 * 60_000;

export function setSessionCookie(res: Response, token: string, expiresAt: Date, config: Config): void {
  res.cookie(SESSION_COOKIE, token, { ...options(config), expires: new Date(expiresAt.getTime() + GRACE_MS) });
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.clearCookie(SESSION_COOKIE, options(config));
}
