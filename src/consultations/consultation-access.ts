import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import { forbidden, notFound } from '../http/problem';
import { Consultation } from './consultation.entity';

/** Registrators and admins register, distribute and change remisser. */
export const canManageConsultations = (actor: Actor) => hasRole(actor, 'admin', 'registrator');

export function assertCanManageConsultations(actor: Actor): void {
  if (!canManageConsultations(actor)) throw forbidden('Only a registrator or an admin may change remisser.');
}

/**
 * An organisation and the one it answers with: a nämnd and its förvaltningar (remisser are
 * addressed to nämnder, their staff sit in the förvaltning). Only förvaltningar (kind
 * administration) are linked so: kommunstyrelsen's councils have it as parent too, but a råd
 * answers for itself and must not act for kommunstyrelsen, nor kommunstyrelsen for its råd.
 */
export const ORGANISATION_FAMILY_SQL = `
  SELECT o.id FROM organisations o WHERE o.id = $1
  UNION SELECT f.id FROM organisations f WHERE f.parent_id = $1 AND f.kind = 'administration'
  UNION SELECT o.parent_id FROM organisations o WHERE o.id = $1 AND o.kind = 'administration' AND o.parent_id IS NOT NULL`;

/** The organisations an actor works for: its own and its nämnd or förvaltningar (ORGANISATION_FAMILY_SQL). */
export async function actingOrganisationIds(manager: EntityManager, actor: Actor): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(ORGANISATION_FAMILY_SQL, [actor.organisationId]);
  return rows.map((row) => row.id);
}

/**
 * Who may read a remiss:
 * - admins and registrators: all;
 * - a coordinator: the remisser its organisation coordinates, in full;
 * - a reader: every remiss that has left draft (remisser are public records once sent);
 * - everyone else (handläggare, attestant): the remisser their organisation received, once sent.
 * Returns false rather than throwing, so callers can answer 404 and not leak existence.
 */
export async function canReadConsultation(manager: EntityManager, actor: Actor, consultation: Pick<Consultation, 'id' | 'status' | 'coordinatorId'>): Promise<boolean> {
  if (canManageConsultations(actor)) return true;
  const mine = await actingOrganisationIds(manager, actor);
  if (hasRole(actor, 'coordinator') && consultation.coordinatorId && mine.includes(consultation.coordinatorId)) return true;
  if (consultation.status === 'draft') return false;
  if (hasRole(actor, 'reader')) return true;
  const received: Array<{ n: number }> = await manager.query(
    `SELECT 1 AS n FROM recipients WHERE consultation_id = $1 AND organisation_id = ANY($2::uuid[]) LIMIT 1`,
    [consultation.id, mine],
  );
  return received.length > 0;
}

/** Loads a remiss the actor may read, else 404 (whether it exists or not). */
export async function findReadableConsultation(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Consultation> {
  const consultation = await manager.findOne(Consultation, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!consultation || !(await canReadConsultation(manager, actor, consultation))) throw notFound('The remiss');
  return consultation;
}
