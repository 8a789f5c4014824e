import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import type { Actor } from '../authz/actor';
import type { AuthService } from './auth.service';
import { SESSION_COOKIE } from './session-token';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/** Bearer header first (API clients), then the HttpOnly cookie (browsers). */
function tokenFrom(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[SESSION_COOKIE] || undefined;
}

/** Resolves the session, if any. Whether one is required is each route's policy. */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFrom(req.get('authorization'), req.get('cookie'));
    if (token) req.actor = (await auth.resolve(token)) ?? undefined;
    next();
  };
}
