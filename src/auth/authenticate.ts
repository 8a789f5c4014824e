import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import type { Actor } from '../authz/actor';
import type { AuthService } from './auth.service';
import { SESSION_COOKIE } from './session-token';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    /** The session token from the cookie, valid or not (a form posted after expiry still carries it). */
    cookieSessionToken?: string;
    /** Before login: the key of the login form's CSRF token (src/web/csrf.ts). */
    anonymousCsrfKey?: string;
  }
}

export const ANONYMOUS_CSRF_COOKIE = 'remiss_csrf';
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

/**
 * Resolves the session, if any: the Bearer header first (API clients), then the HttpOnly cookie
 * (browsers). Whether one is required is each route's policy. The cookie's token is kept on the
 * request even when its session has ended: the pages' CSRF token derives from it, and a form posted
 * after expiry is kept for its user (src/web).
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(req.get('authorization') ?? '');
    const cookies = req.get('cookie') ? parseCookies(req.get('cookie')!) : {};
    const cookieToken = cookies[SESSION_COOKIE];
    if (cookieToken && TOKEN.test(cookieToken)) req.cookieSessionToken = cookieToken;
    const anonymous = cookies[ANONYMOUS_CSRF_COOKIE];
    if (anonymous && TOKEN.test(anonymous)) req.anonymousCsrfKey = anonymous;
    const token = bearer?.[1] ?? req.cookieSessionToken;
    if (token) req.actor = (await auth.resolve(token)) ?? undefined;
    next();
  };
}
