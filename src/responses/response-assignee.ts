import { IsNull, type EntityManager } from 'typeorm';
import { hasRole, type Actor, type RequestContext } from '../authz/actor';
import type { Role } from '../authz/roles';
import { recordAudit } from '../audit/audit.service';
import { ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';
import { badRequest } from '../http/problem';
import { User } from '../users/user.entity';
import type { ResponseScope } from './response-access';
import { ANSWERED_STATUSES, Response } from './response.entity';

/**
 * Tilldela: who of the answering organisation works on a response. Only those who can work on it
 * are assignees: the organisation's active handläggare and attestanter, where the organisation is
 * the nämnd with its förvaltning (ORGANISATION_FAMILY_SQL; a förvaltning's staff answer for its
 * nämnd). Nobody is assigned until somebody of the organisation starts: the default is whoever
 * first moved the response out of not_started or first saved its statement.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = ['handlaggare', 'attestant'];

export interface Assignee {
  id: string;
  name: string;
  title: string | null;
}

async function familyOf(manager: EntityManager, organisationId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(ORGANISATION_FAMILY_SQL, [organisationId]);
  return rows.map((row) => row.id);
}

/** The people the response may be assigned to, by name. */
export async function assigneeCandidates(manager: EntityManager, scope: ResponseScope, page: { limit: number; offset: number }) {
  const family = await familyOf(manager, scope.recipient.organisationId);
  const [users, total] = await manager
    .createQueryBuilder(User, 'u')
    .where('u.active AND u.organisation_id IN (:...family) AND u.roles && ARRAY[:...roles]::text[]', { family, roles: ASSIGNABLE_ROLES })
    .orderBy('u.name')
    .addOrderBy('u.id')
    .take(page.limit)
    .skip(page.offset)
    .getManyAndCount();
  return { users, total };
}

/** The user to assign, checked: 400 naming body.assigneeId and saying why not. */
export async function assignableUser(manager: EntityManager, scope: ResponseScope, userId: string): Promise<User> {
  const user = await manager.findOneBy(User, { id: userId });
  const refuse = (message: string): never => {
    throw badRequest(`The response can be assigned only to an active handläggare or attestant of ${scope.organisation.name}.`, [{ path: 'body.assigneeId', message }]);
  };
  if (!user) return refuse('is not a user');
  if (!(await familyOf(manager, scope.recipient.organisationId)).includes(user.organisationId)) return refuse(`is not a user of ${scope.organisation.name} (its nämnd or förvaltning)`);
  if (!user.active) return refuse(`is ${user.name}, whose account is deactivated`);
  if (!user.roles.some((role) => ASSIGNABLE_ROLES.includes(role))) return refuse(`is ${user.name}, who is neither handläggare nor attestant`);
  return user;
}

/** Whether the actor becomes the assignee by starting: one of the organisation's own who can work on it, while nobody is. */
export function startsAsAssignee(scope: ResponseScope, actor: Actor): boolean {
  return !scope.response.assigneeId && scope.own && hasRole(actor, ...ASSIGNABLE_ROLES);
}

/**
 * The first save of the statement by one of the organisation's own assigns the response to them
 * when nobody is (a response started by an admin, or before assignees existed). Conditional on the
 * row, so of two first saves at once only one assigns; audited in the save's transaction.
 */
export async function assignFirstEditor(manager: EntityManager, scope: ResponseScope, context: RequestContext): Promise<void> {
  const actor = context.actor!;
  if (!startsAsAssignee(scope, actor) || ANSWERED_STATUSES.includes(scope.response.status)) return;
  const result = await manager.update(Response, { id: scope.response.id, assigneeId: IsNull() }, { assigneeId: actor.userId, version: () => 'version + 1' });
  if (!result.affected) return;
  await recordAudit(manager, context, auditOfAssignment(scope, null, actor.userId, 'first_save'));
}

export function auditOfAssignment(scope: ResponseScope, from: string | null, to: string, reason: 'start' | 'first_save' | 'assigned') {
  return {
    action: 'response.assigned',
    entityType: 'response',
    entityId: scope.response.id,
    organisationId: scope.recipient.organisationId,
    before: { assigneeId: from },
    after: { assigneeId: to, reason },
  };
}
