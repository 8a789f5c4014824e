import type { EntityManager } from 'typeorm';
import { ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';
import type { ResponseScope } from '../responses/response-access';
import type { TransitionInput } from '../responses/responses.schemas';
import type { NotificationKind } from './notification.entity';

/**
 * Whose turn a transition makes it, and what to tell them: the attestanter when an answer is sent
 * to review, the assignee when it comes back or is approved, the coordinator when it is submitted.
 */
const TURNS: Partial<Record<TransitionInput['action'], { kind: NotificationKind; who: 'attestants' | 'assignee' | 'coordinators' }>> = {
  submit_for_review: { kind: 'review_requested', who: 'attestants' },
  return_to_drafting: { kind: 'returned', who: 'assignee' },
  approve: { kind: 'approved', who: 'assignee' },
  submit: { kind: 'submitted', who: 'coordinators' },
  // An answer that came on paper or by e-mail, recorded by a registrator, is submitted too.
  record_external: { kind: 'submitted', who: 'coordinators' },
};

/** Active users of an organisation's family (nämnd and förvaltning) with a role, who want e-mail and have an address. */
const PEOPLE_SQL = (role: string) => `
  SELECT u.id FROM users u
   WHERE u.active AND u.email_notifications AND btrim(coalesce(u.email, '')) <> '' AND '${role}' = ANY(u.roles)
     AND u.organisation_id IN (${ORGANISATION_FAMILY_SQL})`;

/**
 * Queues the e-mails a transition calls for, in its transaction, never to the person who made the
 * change. The event key is the response's new version: a transition happens once per version, so
 * the unique key (event, person) keeps it to one message each however often this runs.
 */
export async function queueTurnNotifications(manager: EntityManager, scope: ResponseScope, action: TransitionInput['action'], actorUserId: string, newVersion: number): Promise<number> {
  const turn = TURNS[action];
  if (!turn) return 0;
  let people: Array<{ id: string }> = [];
  if (turn.who === 'attestants') people = await manager.query(PEOPLE_SQL('attestant'), [scope.recipient.organisationId]);
  else if (turn.who === 'coordinators' && scope.consultation.coordinatorId) people = await manager.query(PEOPLE_SQL('coordinator'), [scope.consultation.coordinatorId]);
  else if (turn.who === 'assignee' && scope.response.assigneeId) {
    people = await manager.query(`SELECT u.id FROM users u WHERE u.id = $1 AND u.active AND u.email_notifications AND btrim(coalesce(u.email, '')) <> ''`, [scope.response.assigneeId]);
  }
  const userIds = people.map((p) => p.id).filter((id) => id !== actorUserId);
  if (!userIds.length) return 0;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO notifications (event_key, user_id, kind, response_id, actor_name, next_attempt_at)
     SELECT $1, id, $2, $3, (SELECT name FROM users WHERE id = $5), now() FROM unnest($4::uuid[]) AS id
     ON CONFLICT (event_key, user_id) DO NOTHING RETURNING id`,
    [`response:${scope.response.id}:v${newVersion}`, turn.kind, scope.response.id, userIds, actorUserId],
  );
  return inserted.length;
}
