import { createHmac, randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { ANONYMOUS_CSRF_COOKIE } from '../auth/authenticate';
import { HttpProblem } from '../http/problem';

/**
 * The synchronizer token of the request's browser session, derived (HMAC) from the session token
 * in the HttpOnly cookie, so nothing is stored and another site, which cannot read the cookie,
 * cannot compute it. Before login it is derived from the anonymous cookie instead.
 */
function stateToken(req: Request): string | undefined {
  const key = req.cookieSessionToken ?? req.anonymousCsrfKey;
  return key ? createHmac('sha256', key).update('remiss csrf v1').digest('base64url') : undefined;
}

const { csrfSynchronisedProtection } = csrfSync({
  getTokenFromState: stateToken,
  // Derived, so there is nothing to store.
  storeTokenInState: () => undefined,
  // A form field; for a multipart upload (read only once authorised) the form's action carries it.
  getTokenFromRequest: (req) => req.body?._csrf ?? req.get('x-csrf-token') ?? (typeof req.query._csrf === 'string' ? req.query._csrf : undefined),
});

/** Checks the token on every unsafe page request; a failure is the Swedish 403 page. */
export const verifyCsrf: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (error?: unknown) => {
    if (error) return next(new HttpProblem(403, 'Formuläret kunde inte skickas: ladda om sidan och försök igen.', { slug: 'csrf' }));
    next();
  });
};

/** The token for a page's forms; gives a visitor without a session the anonymous cookie first. */
export function csrfTokenFor(req: Request, res: Response, secureCookie: boolean, mayIssue = true): string | undefined {
  if (!req.cookieSessionToken && !req.anonymousCsrfKey) {
    if (!mayIssue) return undefined;
    req.anonymousCsrfKey = randomBytes(32).toString('base64url');
    res.cookie(ANONYMOUS_CSRF_COOKIE, req.anonymousCsrfKey, { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: '/' });
  }
  return stateToken(req);
}

/**
 * Another site may make a browser send a request with our cookie; browsers say where a request came
 * from in Origin (every POST, PUT, PATCH, DELETE). A cookie-authenticated unsafe request, API or page,
 * must come from our own origin; a bearer token is not sent by browsers on their own, so API clients
 * are unaffected.
 */
export function originCheck(publicOrigin: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const cookieAuthenticated = !!req.cookieSessionToken && !/^Bearer\s/i.test(req.get('authorization') ?? '');
    const pageForm = !req.path.startsWith('/api/');
    if (!cookieAuthenticated && !pageForm) return next();
    const origin = req.get('origin') ?? originOf(req.get('referer'));
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin && (origin === own || origin === publicOrigin)) return next();
    next(new HttpProblem(403, origin ? `Requests from ${origin} may not use this session.` : 'A browser request without Origin may not use the session cookie.', { slug: 'cross-origin' }));
  };
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
