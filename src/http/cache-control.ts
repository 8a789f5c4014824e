import type { RequestHandler } from 'express';

/**
 * Every API answer, errors included, defaults to `Cache-Control: no-store`: drafts, personal data
 * and answers that depend on who asks must not be kept by a shared cache, nor by the browser after
 * logout. A route that can revalidate says so itself: attachment content answers 304 to
 * If-None-Match (its ETag is the file's SHA-256), so it sends `private, no-cache` instead.
 */
export function noStoreByDefault(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
