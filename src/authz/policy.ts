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

/** 'global': the resource is not owned by an organisation. 'organisation': the service narrows to the caller's organisation. */
export type Scope = 'global' | 'organisation';

export const publicRoute = (why: string): Policy => ({ access: 'public', why });
export const anyUser = (scope: Scope = 'global'): Policy => ({ access: 'authenticated', scope });
export const rolesOnly = (roles: readonly Role[], scope: Scope = 'global'): Policy => ({ access: 'roles', roles, scope });
