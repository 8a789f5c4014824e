import type { Role } from './roles';

/**
 * Every route declares who may call it. Role checks happen before the handler; organisation
 * scope depends on the resource, so services check it with actsFor() and answer 404 where the
 * existence of another organisation's data must not leak.
 */
export type Policy =
  | { access: 'public'; why: string }
  | { access: 'authenticated'; scope: Scope }
  | { access: 'roles'; roles: readonly Role[]; scope: Scope };

/**
 * Which rows a caller sees or may change beyond the role check. 'global': the resource belongs to
 * no organisation. The others name the rule the service applies; SCOPE_RULES says it in the API
 * documentation, so each must stay true to its service (consultation-access.ts, response-access.ts …).
 */
export type Scope = 'global' | 'remiss' | 'response' | 'search' | 'deadlines' | 'coordinated' | 'answer-history' | 'coordinating';

const REMISS_RULE =
  'admins and registrators every remiss; a coordinator those its organisation coordinates; a reader every remiss once sent; everyone else those their organisation (nämnd or förvaltning) received, once sent';

export const SCOPE_RULES: Record<Exclude<Scope, 'global'>, string> = {
  remiss: `Sees the remisser the caller may read: ${REMISS_RULE}. Any other remiss answers 404.`,
  response: `Within a remiss the caller may read (${REMISS_RULE}): every response's status as the status board shows it. The rest (timeline, approvals, decisions, statement, files, documents) is the answering organisation's (nämnd or förvaltning) until it has answered, then everyone's; a coordinator also reads the statement of a draft shared with it; admins all. Writes are the answering organisation's (admins: any). Otherwise 404.`,
  search: 'Finds only what the caller may read: remisser as GET /api/consultations/{id}, answers as GET /api/responses/{id}/statement.',
  deadlines:
    "scope=received: the answers the caller's organisation (nämnd or förvaltning) owes; scope=coordinated (coordinators, admins): those owed on the remisser it coordinates; scope=all (registrators, admins): every one. Without scope: all for registrators and admins, coordinated for coordinators, received for everyone else.",
  coordinated: "The remisser the caller's organisation coordinates; registrators and admins see every open one.",
  'answer-history':
    'The organisation itself, registrators and admins see all of its answers; a coordinator of another organisation only those to remisser it coordinates or received.',
  coordinating: 'A coordinator only for the remisser its organisation coordinates (403, or 404 for one it may not read); registrators and admins for every remiss.',
};

export const publicRoute = (why: string): Policy => ({ access: 'public', why });
export const anyUser = (scope: Scope = 'global'): Policy => ({ access: 'authenticated', scope });
export const rolesOnly = (roles: readonly Role[], scope: Scope = 'global'): Policy => ({ access: 'roles', roles, scope });
