import type { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import { actingOrganisationIds, canManageConsultations } from '../consultations/consultation-access';
import { forbidden, notFound } from '../http/problem';
import { Organisation } from '../organisations/organisation.entity';
import { ANSWERED_SQL, EFFECTIVE_DUE_SQL, lateSql } from '../recipients/lateness';
import { todayInStockholm } from '../shared/dates';
import { pageTotal } from '../http/schemas';

export const OUTCOMES = ['on_time', 'late', 'declined', 'no_comments', 'overdue', 'pending'] as const;
export type AnswerOutcome = (typeof OUTCOMES)[number];
/** The outcomes that are an answer (ANSWERED_SQL): on time, late, avstår, inga synpunkter. */
export const ANSWERED_OUTCOMES: readonly AnswerOutcome[] = ['on_time', 'late', 'declined', 'no_comments'];

/**
 * Who sees the answer history of organisations other than their own: coordinators, registrators
 * and admins (every organisation sees its own). Pages use it to offer the link only to them.
 */
export const seesAnswerHistories = (actor: Actor) => canManageConsultations(actor) || hasRole(actor, 'coordinator');

/** Views across remisser for the coordinating förvaltning: answer rates now, answer habits over time. */
export class CoordinationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Open remisser the caller's organisation coordinates (all open ones for registrators and admins),
   * with answer rates, the answers overdue and the next deadline still owed; or the closed ones.
   */
  async openConsultations(actor: Actor, page: { limit: number; offset: number; status?: 'open' | 'closed' }) {
    const all = canManageConsultations(actor);
    if (!all && !hasRole(actor, 'coordinator')) throw forbidden('This view is for coordinators, registrators and admins.');
    const mine = all ? null : await actingOrganisationIds(this.dataSource.manager, actor);
    // Asked: sent and asked to respond (one added but not yet sent has not been asked anything).
    const asked = `r.role = 'respond' AND r.sent_at IS NOT NULL`;
    const run = (limit: number, offset: number): Promise<Array<Record<string, unknown>>> =>
      this.dataSource.query(
        `SELECT c.id, c.case_number, c.title, c.due_date::text AS due_date,
                count(r.id) FILTER (WHERE ${asked})::int AS asked,
                count(r.id) FILTER (WHERE ${asked} AND ${ANSWERED_SQL})::int AS answered,
                count(r.id) FILTER (WHERE ${asked} AND p.status = 'declined')::int AS declined,
                count(r.id) FILTER (WHERE ${lateSql('$2::date')})::int AS late,
                count(r.id) FILTER (WHERE ${asked} AND NOT ${ANSWERED_SQL} AND ${EFFECTIVE_DUE_SQL} < $2::date)::int AS overdue,
                (min(${EFFECTIVE_DUE_SQL}) FILTER (WHERE ${asked} AND NOT ${ANSWERED_SQL} AND ${EFFECTIVE_DUE_SQL} >= $2::date))::text AS next_due,
                count(*) OVER ()::int AS total
           FROM consultations c
           LEFT JOIN recipients r ON r.consultation_id = c.id
           LEFT JOIN responses p ON p.recipient_id = r.id
          WHERE c.status = $5 AND ($1::uuid[] IS NULL OR c.coordinator_id = ANY($1::uuid[]))
          GROUP BY c.id
          ORDER BY CASE WHEN $5 = 'closed' THEN NULL ELSE c.due_date END NULLS LAST, c.due_date DESC NULLS LAST, c.case_number
          LIMIT $3 OFFSET $4`,
        [mine, todayInStockholm(), limit, offset, page.status ?? 'open'],
      );
    const rows = await run(page.limit, page.offset);
    const total = await pageTotal(rows, page.offset, async () => Number((await run(1, 0))[0]?.total ?? 0));
    return {
      items: rows.map((row) => ({
        consultation: { id: row.id as string, caseNumber: row.case_number as string, title: row.title as string, dueDate: row.due_date as string | null },
        asked: row.asked as number,
        answered: row.answered as number,
        declined: row.declined as number,
        late: row.late as number,
        overdue: row.overdue as number,
        nextDueDate: row.next_due as string | null,
        answerRate: (row.asked as number) ? Math.round(((row.answered as number) / (row.asked as number)) * 1000) / 10 : 0,
      })),
      total,
      limit: page.limit,
      offset: page.offset,
      // Said, so that a page does not call every remiss "samordnade" for a registrator who also coordinates.
      scope: all ? ('all' as const) : ('coordinated' as const),
    };
  }

  /** How one organisation has answered remisser: on time, late, declined, no comments, not (yet) answered. */
  async answerHistory(organisationId: string, actor: Actor, page: { limit: number; offset: number }) {
    const organisation = await this.dataSource.manager.findOneBy(Organisation, { id: organisationId });
    if (!organisation) throw notFound('The organisation');
    const mine = await actingOrganisationIds(this.dataSource.manager, actor);
    const own = mine.includes(organisationId);
    if (!own && !seesAnswerHistories(actor)) throw forbidden("Only coordinators, registrators, admins and the organisation itself see its answer history.");
    // A coordinator looking at another organisation sees only the remisser it may read itself
    // (those it coordinates or received); the organisation itself, registrators and admins all.
    const readableBy = own || canManageConsultations(actor) ? null : mine;
    const where = `r.organisation_id = $1 AND r.role = 'respond' AND r.sent_at IS NOT NULL AND c.status <> 'cancelled'
      AND ($3::uuid[] IS NULL OR c.coordinator_id = ANY($3::uuid[]) OR EXISTS (SELECT 1 FROM recipients rv WHERE rv.consultation_id = c.id AND rv.organisation_id = ANY($3::uuid[])))`;
    const outcome = `CASE
        WHEN p.status = 'declined' THEN 'declined'
        WHEN p.status = 'no_comments' THEN 'no_comments'
        WHEN ${ANSWERED_SQL} AND p.answered_date > ${EFFECTIVE_DUE_SQL} THEN 'late'
        WHEN ${ANSWERED_SQL} THEN 'on_time'
        WHEN $2::date > ${EFFECTIVE_DUE_SQL} THEN 'overdue'
        ELSE 'pending' END`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, c.case_number, c.title, ${EFFECTIVE_DUE_SQL}::text AS due_date, p.answered_date::text AS answered_date, ${outcome} AS outcome
         FROM recipients r
         JOIN consultations c ON c.id = r.consultation_id
         JOIN responses p ON p.recipient_id = r.id
        WHERE ${where}
        ORDER BY ${EFFECTIVE_DUE_SQL} DESC NULLS LAST, c.case_number
        LIMIT $4 OFFSET $5`,
      [organisationId, todayInStockholm(), readableBy, page.limit, page.offset],
    );
    // Per year of the deadline (anstånd counted; the answer date or the day it was sent where the
    // remiss had none), the year the answer was owed: a late answer counts in the year it was due.
    const perYear: Array<Record<string, number>> = await this.dataSource.query(
      `SELECT y AS year, ${OUTCOMES.map((o) => `count(*) FILTER (WHERE o = '${o}')::int AS ${o}`).join(', ')}
         FROM (SELECT ${outcome} AS o, extract(year FROM coalesce(${EFFECTIVE_DUE_SQL}, p.answered_date, (r.sent_at AT TIME ZONE 'Europe/Stockholm')::date))::int AS y
                 FROM recipients r JOIN consultations c ON c.id = r.consultation_id JOIN responses p ON p.recipient_id = r.id
                WHERE ${where}) outcomes
        GROUP BY y ORDER BY y DESC`,
      [organisationId, todayInStockholm(), readableBy],
    );
    const years = perYear.map(({ year, ...byOutcome }) => ({ year, ...(byOutcome as Record<AnswerOutcome, number>), answered: ANSWERED_OUTCOMES.reduce((sum, o) => sum + byOutcome[o], 0) }));
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, years.reduce((sum, year) => sum + year[o], 0)])) as Record<AnswerOutcome, number>;
    return {
      organisation: { id: organisation.id, name: organisation.name },
      counts,
      years,
      items: rows.map((row) => ({
        consultation: { id: row.id as string, caseNumber: row.case_number as string, title: row.title as string },
        dueDate: row.due_date as string | null,
        answeredDate: row.answered_date as string | null,
        outcome: row.outcome as string,
      })),
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      ...page,
    };
  }
}
