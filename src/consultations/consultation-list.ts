import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import { pageTotal, type Page } from '../http/schemas';
import { todayInStockholm } from '../shared/dates';
import { escapeLike } from '../shared/sql-text';
import { normaliseCaseNumber } from './case-number';
import { canManageConsultations, ORGANISATION_FAMILY_SQL } from './consultation-access';
import type { ResponseStatus } from '../responses/response.entity';
import type { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.presenter';
import { recipientSummarySql, toRecipientSummary } from './consultation-summaries';
import type { ListConsultationsQuery } from './consultations.schemas';

const SORTS = {
  dueDate: 'c.due_date',
  registeredDate: 'c.registered_date',
  caseNumber: 'c.case_number_normalized',
  title: 'c.title',
  createdAt: 'c.created_at',
} as const;

/** Collects WHERE conditions with numbered parameters. */
class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/**
 * The same visibility rules as canReadConsultation, as SQL, so lists never show what a get would
 * refuse. The caller's organisations (ORGANISATION_FAMILY_SQL) are a subquery of the same
 * statement rather than a query of their own before it: one round trip less on the busiest list.
 */
function restrictToReadable(where: Conditions, actor: Actor): void {
  if (canManageConsultations(actor)) return;
  const reads = hasRole(actor, 'reader');
  const coordinates = hasRole(actor, 'coordinator');
  // Bound only where the SQL uses it: PostgreSQL cannot type a parameter no expression mentions.
  const organisation = reads && !coordinates ? null : `${where.bind(actor.organisationId)}::uuid`;
  const mine = ORGANISATION_FAMILY_SQL.replaceAll('$1', () => organisation!);
  const received = `c.id IN (SELECT rv.consultation_id FROM recipients rv WHERE rv.organisation_id IN (${mine}))`;
  const sent = `c.status <> 'draft' AND (${reads ? 'TRUE' : received})`;
  const coordinated = coordinates ? `c.coordinator_id IN (${mine})` : 'FALSE';
  where.sql.push(`((${coordinated}) OR (${sent}))`);
}

interface Row {
  id: string;
  case_number: string;
  case_number_normalized: string;
  title: string;
  kind: Consultation['kind'];
  sender_id: string;
  sender_name: string;
  coordinator_id: string | null;
  coordinator_name: string | null;
  registered_date: string;
  sent_date: string | null;
  due_date: string | null;
  description: string | null;
  status: Consultation['status'];
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  total: number;
  by_status: Partial<Record<ResponseStatus, number>>;
  late: number;
}

/**
 * The busiest list in the API (bench:consultations): one SQL statement for the page, the names and
 * the total, then one for the recipient counts of the page. Plain SQL because building and
 * hydrating TypeORM entities cost more than the queries themselves.
 */
export async function listConsultations(manager: EntityManager, actor: Actor, query: ListConsultationsQuery): Promise<Page<ConsultationView>> {
  const where = new Conditions();
  restrictToReadable(where, actor);
  if (query.status) where.sql.push(`c.status = ${where.bind(query.status)}`);
  if (query.kind) where.sql.push(`c.kind = ${where.bind(query.kind)}`);
  if (query.senderId) where.sql.push(`c.sender_id = ${where.bind(query.senderId)}`);
  if (query.coordinatorId) where.sql.push(`c.coordinator_id = ${where.bind(query.coordinatorId)}`);
  if (query.recipientOrganisationId) {
    where.sql.push(`EXISTS (SELECT 1 FROM recipients rf WHERE rf.consultation_id = c.id AND rf.organisation_id = ${where.bind(query.recipientOrganisationId)})`);
  }
  if (query.dueBefore) where.sql.push(`c.due_date <= ${where.bind(query.dueBefore)}`);
  if (query.dueAfter) where.sql.push(`c.due_date >= ${where.bind(query.dueAfter)}`);
  if (query.overdue !== undefined) {
    // coalesce: an open remiss without a due date is not overdue (rather than neither overdue nor not).
    const overdue = `coalesce(c.status = 'open' AND c.due_date < ${where.bind(todayInStockholm())}, false)`;
    where.sql.push(query.overdue ? `(${overdue})` : `NOT (${overdue})`);
  }
  if (query.q) {
    // "Dnr" alone normalises to nothing, which would match every Dnr: then the title alone decides.
    const dnr = normaliseCaseNumber(query.q);
    const dnrSql = dnr ? ` OR c.case_number_normalized LIKE ${where.bind(`%${escapeLike(dnr)}%`)}` : '';
    where.sql.push(`(c.title ILIKE ${where.bind(`%${escapeLike(query.q)}%`)}${dnrSql})`);
  }
  const descending = query.sort.startsWith('-');
  const order = `${SORTS[query.sort.replace('-', '') as keyof typeof SORTS]} ${descending ? 'DESC' : 'ASC'} NULLS LAST, c.id`;
  const today = where.bind(todayInStockholm());
  const rows: Row[] = await manager.query(
    // Dates as text: node-postgres would turn a DATE into a local-time Date and shift the day.
    // The page is chosen first; only its 50 remisser get names and recipient counts.
    `WITH page AS (
       SELECT c.id, c.case_number, c.case_number_normalized, c.title, c.kind, c.sender_id, c.coordinator_id, c.registered_date, c.sent_date,
              c.due_date, c.description, c.status, c.created_by, c.version, c.created_at, c.updated_at, count(*) OVER ()::int AS total
         FROM consultations c
        WHERE ${where.sql.length ? where.sql.join(' AND ') : 'TRUE'}
        ORDER BY ${order}
        LIMIT ${where.bind(query.limit)} OFFSET ${where.bind(query.offset)}
     )
     SELECT c.id, c.case_number, c.case_number_normalized, c.title, c.kind, c.sender_id, c.coordinator_id,
            c.registered_date::text AS registered_date, c.sent_date::text AS sent_date, c.due_date::text AS due_date,
            c.description, c.status, c.created_by, c.version, c.created_at, c.updated_at,
            s.name AS sender_name, co.name AS coordinator_name, c.total, sums.by_status, sums.late
       FROM page c
       JOIN organisations s ON s.id = c.sender_id
       LEFT JOIN organisations co ON co.id = c.coordinator_id
       ${recipientSummarySql(`${today}::date`)}
      ORDER BY ${order}`,
    where.params,
  );
  const total = await pageTotal(rows, query.offset, () => countAll(manager, where));
  const items = rows.map((row) => ({
    consultation: toConsultation(row),
    senderName: row.sender_name,
    coordinatorName: row.coordinator_name,
    recipients: toRecipientSummary(row.by_status, row.late),
  }));
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Past the last page the window count has no row to ride on. */
async function countAll(manager: EntityManager, where: Conditions): Promise<number> {
  // Without today, limit and offset: the last three bound, and not in where.sql.
  const params = where.params.slice(0, -3);
  const [row]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM consultations c WHERE ${where.sql.length ? where.sql.join(' AND ') : 'TRUE'}`, params);
  return row.n;
}

function toConsultation(row: Row): Consultation {
  return {
    id: row.id,
    caseNumber: row.case_number,
    caseNumberNormalized: row.case_number_normalized,
    title: row.title,
    kind: row.kind,
    senderId: row.sender_id,
    coordinatorId: row.coordinator_id,
    registeredDate: row.registered_date,
    sentDate: row.sent_date,
    dueDate: row.due_date,
    description: row.description,
    status: row.status,
    createdBy: row.created_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
