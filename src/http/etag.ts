import type { Request, Response } from 'express';
import { badRequest, preconditionRequired } from './problem';

/** Strong ETag from the row's version counter. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function setEtag(res: Response, version: number): void {
  res.setHeader('ETag', etagFor(version));
}

/** The version the client last read, from If-Match: 428 when absent, 400 when not one of our ETags. */
export function requireIfMatch(req: Request): number {
  const header = req.get('if-match');
  if (!header) throw preconditionRequired();
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!match) throw badRequest('If-Match must be an ETag this API returned, e.g. "v3".', [{ path: 'headers.if-match', message: 'is not a valid ETag' }]);
  return Number(match[1]);
}
