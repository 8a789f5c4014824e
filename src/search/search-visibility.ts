import type { EntityManager } from 'typeorm';
import { hasRole, isAdmin, type Actor } from '../authz/actor';
import { actingOrganisationIds, canManageConsultations } from '../consultations/consultation-access';

export type Bind = (value: unknown) => string;

/** SQL conditions for the read rules; each binds what it needs only when used, so no parameter is left without a type. */
export interface Visibility {
  /** May the caller read the remiss `c`? */
  consultation(bind: Bind): string;
  /**
   * May the caller read the statement or section `alias`? Tests the row's own scope columns
   * (consultation_id, organisation_id, response_status, shared_with_coordinator; migration Search).
   */
  scoped(bind: Bind, alias: 's' | 'ss'): string;
}

/**
 * The read rules of canReadConsultation and assertContentReadable as SQL, so a search never finds
 * what a GET would refuse:
 * - remisser: admins and registrators all; a coordinator those its organisation coordinates;
 *   readers every sent one; everyone else the sent ones its organisation received;
 * - answers: admins all; the answering organisation its own, drafts included; everyone who may
 *   read the remiss the submitted ones (a statement abandoned for avstår or for an answer recorded
 *   outside the system stays a draft: `published`, migration PublishedStatements); the
 *   coordinator a draft the organisation shared with it.
 * The remisser the caller may read are worked out once per search, as ids (or, when shorter, the
 * ids of those it may not), so a match costs a hash probe rather than a subquery per worker.
 */
export async function searchVisibility(manager: EntityManager, actor: Actor): Promise<Visibility> {
  if (isAdmin(actor)) return { consultation: () => 'TRUE', scoped: () => 'TRUE' };
  const ids = await actingOrganisationIds(manager, actor);
  const coordinator = hasRole(actor, 'coordinator');
  const all = canManageConsultations(actor);
  const readable = all ? null : await readableConsultations(manager, actor, ids);
  // IN (SELECT unnest(…)) rather than = ANY(…): the planner would estimate a long array element
  // by element, milliseconds of planning per mention; a hashed subquery is as fast to run.
  const inReadable = (bind: Bind, column: string) => {
    if (!readable) return 'TRUE';
    return `${column} ${readable.positive ? 'IN' : 'NOT IN'} (SELECT unnest(${bind(readable.ids)}::uuid[]))`;
  };
  return {
    consultation: (bind) => inReadable(bind, 'c.id'),
    scoped(bind, alias) {
      // Only shared drafts need this list, so PostgreSQL builds it (once, hashed) only when it meets one.
      const shared = coordinator ? ` OR (${alias}.shared_with_coordinator AND ${alias}.consultation_id IN (SELECT cc.id FROM consultations cc WHERE cc.coordinator_id = ANY(${bind(ids)}::uuid[])))` : '';
      const content = `(${alias}.published OR ${alias}.organisation_id = ANY(${bind(ids)}::uuid[])${shared})`;
      return readable ? `${content} AND ${inReadable(bind, `${alias}.consultation_id`)}` : content;
    },
  };
}

/** The remisser the caller may read (positive) or, when that list is shorter, those it may not. */
async function readableConsultations(manager: EntityManager, actor: Actor, ids: string[]): Promise<{ positive: boolean; ids: string[] }> {
  const coordinator = hasRole(actor, 'coordinator');
  // The organisation's few thousand recipient rows once, hashed, rather than a probe per remiss.
  const received = hasRole(actor, 'reader') ? 'TRUE' : `c.id IN (SELECT rv.consultation_id FROM recipients rv WHERE rv.organisation_id = ANY($1::uuid[]))`;
  // coalesce: a remiss without coordinator makes the test NULL, which must count as "may not".
  const readable = `coalesce(${coordinator ? 'c.coordinator_id = ANY($1::uuid[]) OR ' : ''}(c.status <> 'draft' AND ${received}), false)`;
  const [row]: Array<{ positive: boolean; ids: string[] | null }> = await manager.query(
    `WITH v AS MATERIALIZED (SELECT c.id, ${readable} AS ok FROM consultations c),
          n AS (SELECT count(*) FILTER (WHERE ok) <= count(*) FILTER (WHERE NOT ok) AS positive FROM v)
     SELECT n.positive, (SELECT array_agg(v.id) FROM v WHERE v.ok = n.positive) AS ids FROM n`,
    readable.includes('$1') ? [ids] : [],
  );
  return { positive: row.positive, ids: row.ids ?? [] };
}
