import type { Role } from './roles';

/** The authenticated caller, as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  organisationId: string;
  roles: readonly Role[];
  sessionId: string;
  /** When the session ends unless extended (pages warn before it does). */
  sessionExpiresAt?: Date;
}

/** What a service needs from the request: who acts, and the id that ties logs and audit together. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

/** Organisation scope: admins act for every organisation, everyone else for their own. */
export function actsFor(actor: Actor, organisationId: string): boolean {
  return isAdmin(actor) || actor.organisationId === organisationId;
}
