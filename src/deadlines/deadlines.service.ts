import type { DataSource } from 'typeorm';
import { hasRole, isAdmin, type Actor } from '../authz/actor';
import { canManageConsultations, ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';
import { forbidden } from '../http/problem';
import { pageTotal, type Page } from '../http/schemas';
import { EFFECTIVE_DUE_SQL, RESPONSE_STATE_FROM_RECIPIENT_SQL } from '../recipients/lateness';
import type { ResponseStatus } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import { workingDaysBetween } from '../shared/working-days';
import type { DeadlinesQuery } from './deadlines.schemas';

type Scope = NonNullable<DeadlinesQuery['scope']>;

function defaultScope(actor: Actor): Scope {
  if (canManageConsultations(actor)) return 'all';
  if (hasRole(actor, 'coordinator')) return 'coordinated';
  return 'received';
}

interface Row {
  consultation_id: string;
  case_number: string;
  title: string;
  recipient_id: string;
  organisation_id: string;
  organisation_name: string;
  response_id: string;
  status: ResponseStatus;
  due_date: string;
  extended: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_title: string | null;
  total: number;
}

/** Answers still owed on open remisser, by effective due date: the handläggare's and the coordinator's to-do list. */
export async function listDeadlines(dataSource: DataSource, actor: Actor, query: DeadlinesQuery) {
  const scope = query.scope ?? defaultScope(actor);
  if (scope === 'all' && !canManageConsultations(actor)) throw forbidden('Only registrators and admins see every deadline.');
  if (scope === 'coordinated' && !hasRole(actor, 'coordinator', 'admin')) throw forbidden('Only coordinators see the deadlines of the remisser they coordinate.');
  const today = todayInStockholm();
  // The caller's organisations (ORGANISATION_FAMILY_SQL) as a subquery of the same statement, not a
  // query of their own first: one round trip less on a list opened all day.
  const mine = scope === 'all' ? null : actor.organisationId;
  const family = ORGANISATION_FAMILY_SQL.replaceAll('$1', '$2::uuid');
  const scopeSql = { all: '$2::uuid IS NULL', received: `r.organisation_id IN (${family})`, coordinated: `c.coordinator_id IN (${family})` }[scope];
  // The assignee is the answering organisation's working material (mayReadWorkingMaterial): its
  // own rows and, for admins, all; a coordinator's or registrator's other rows show none.
  const assigneeVisible = `($9::boolean OR page.organisation_id IN (${ORGANISATION_FAMILY_SQL.replaceAll('$1', '$10::uuid')}))`;
  // The page is chosen from the recipients alone (their copy of the response status, migration
  // RecipientResponseState, through an index of the answers still owed); only its rows are joined
  // to their response and organisation.
  const run = (limit: number, offset: number): Promise<Row[]> =>
    dataSource.query(
      `SELECT page.consultation_id, page.case_number, page.title, page.recipient_id, o.id AS organisation_id, o.name AS organisation_name,
              resp.id AS response_id, page.status, page.due_date::text AS due_date, page.extended,
              u.id AS assignee_id, u.name AS assignee_name, u.title AS assignee_title, page.total
         FROM (
           SELECT c.id AS consultation_id, c.case_number, c.title, r.id AS recipient_id, r.organisation_id, r.position, p.status,
                  ${EFFECTIVE_DUE_SQL} AS due_date, r.extended_due_date IS NOT NULL AS extended, count(*) OVER ()::int AS total
             FROM recipients r
             ${RESPONSE_STATE_FROM_RECIPIENT_SQL}
             JOIN consultations c ON c.id = r.consultation_id
            WHERE c.status = 'open' AND r.role = 'respond' AND r.sent_at IS NOT NULL AND r.response_status NOT IN ('submitted', 'declined', 'no_comments')
              AND ${scopeSql}
              AND ($3::boolean IS NULL OR (${EFFECTIVE_DUE_SQL} < $1::date) = $3)
              AND ($4::date IS NULL OR ${EFFECTIVE_DUE_SQL} >= $4::date)
              AND ($5::date IS NULL OR ${EFFECTIVE_DUE_SQL} <= $5::date)
              AND ($8::uuid IS NULL OR c.id = $8::uuid)
              AND ($11::varchar IS NULL OR r.response_status = $11::varchar)
            ORDER BY ${EFFECTIVE_DUE_SQL}, c.case_number, r.position
            LIMIT $6 OFFSET $7
         ) page
         JOIN responses resp ON resp.recipient_id = page.recipient_id
         JOIN organisations o ON o.id = page.organisation_id
         LEFT JOIN users u ON u.id = resp.assignee_id AND ${assigneeVisible}
        ORDER BY page.due_date, page.case_number, page.position`,
      [today, mine, query.overdue ?? null, query.from ?? null, query.to ?? null, limit, offset, query.consultationId ?? null, isAdmin(actor), actor.organisationId, query.status ?? null],
    );
  const rows = await run(query.limit, query.offset);
  const total = await pageTotal(rows, query.offset, async () => (await run(1, 0))[0]?.total ?? 0);
  const page: Page<ReturnType<typeof present>> = { items: rows.map((row) => present(row, today)), total, limit: query.limit, offset: query.offset };
  return { scope, ...page };
}

function present(row: Row, today: string) {
  return {
    consultation: { id: row.consultation_id, caseNumber: row.case_number, title: row.title },
    recipient: { id: row.recipient_id, organisation: { id: row.organisation_id, name: row.organisation_name } },
    responseId: row.response_id,
    status: row.status,
    dueDate: row.due_date,
    extended: row.extended,
    overdue: row.due_date < today,
    workingDaysRemaining: workingDaysBetween(today, row.due_date),
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name!, title: row.assignee_title } : null,
  };
}
