import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'remiss_session';

/** 256 random bits: the token is opaque and carries no data. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
