import { REGISTERED_AFTERWARDS_SQL } from '../consultations/historic-sending';
import type { EntityManager } from 'typeorm';
import type { DeliveryStatus } from '../deliveries/delivery-state';
import type { RecipientRole } from './recipient.entity';
import type { ResponseStatus } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import { EFFECTIVE_DUE_SQL, lateSql } from './lateness';
import type { StatusBoardQuery } from './recipients.schemas';
import { pageTotal } from '../http/schemas';

export interface RecipientRow {
  id: string;
  organisation: { id: string; name: string; kind: string };
  role: RecipientRole;
  required: boolean;
  position: number;
  viaListId: string | null;
  sentAt: string | null;
  dueDate: string | null;
  extended: boolean;
  responseId: string;
  status: ResponseStatus;
  answeredDate: string | null;
  late: boolean;
  lastEvent: { type: string; at: string } | null;
  delivery: RecipientDeliveryView | null;
  /** Sent before the remisstjänst existed and registered afterwards: no remissbrev was e-mailed. */
  registeredAfterwards: boolean;
  /** Who works on the answer: shown only where the caller may read the response's working material. */
  assignee: { id: string; name: string; title: string | null } | null;
}

/**
 * Whose assignees the caller sees: the response's working material (mayReadWorkingMaterial in
 * src/responses/response-access.ts): all for admins, else its own organisations' (its nämnd and
 * förvaltning) and every answered one; others see the status board's fields only.
 */
export interface BoardViewer {
  all: boolean;
  organisationIds: string[];
}

/** How the remissbrev reached the recipient; null for one not sent yet, or sent before e-mail delivery existed. */
export interface RecipientDeliveryView {
  status: DeliveryStatus;
  at: string;
  address: string | null;
  attempts: number;
  error: string | null;
}

interface RawRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  role: RecipientRole;
  required: boolean;
  position: number;
  via_list_id: string | null;
  sent_at: Date | null;
  due_date: string | null;
  extended: boolean;
  response_id: string;
  status: ResponseStatus;
  answered_date: string | null;
  late: boolean;
  last_event_type: string | null;
  last_event_at: Date | null;
  delivery_status: DeliveryStatus | null;
  delivery_at: Date | null;
  delivery_address: string | null;
  delivery_attempts: number | null;
  delivery_error: string | null;
  registered_afterwards: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_title: string | null;
  total: number;
}

/** Per recipient: status, effective due date, late flag (derived), last event and delivery, in distribution order. */
export async function statusBoard(
  manager: EntityManager,
  consultationId: string,
  query: Pick<StatusBoardQuery, 'status' | 'late' | 'limit' | 'offset'> & Partial<Pick<StatusBoardQuery, 'delivery'>>,
  viewer: BoardViewer,
  onlyRecipientIds?: string[],
) {
  const today = todayInStockholm();
  const rows: RawRow[] = await manager.query(
    `SELECT r.id, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, r.role, r.required, r.position,
            r.via_list_id, r.sent_at, ${EFFECTIVE_DUE_SQL}::text AS due_date, r.extended_due_date IS NOT NULL AS extended,
            p.id AS response_id, p.status, p.answered_date::text AS answered_date, ${lateSql('$2::date')} AS late,
            e.type AS last_event_type, e.occurred_at AS last_event_at,
            d.status AS delivery_status, d.status_at AS delivery_at, d.address AS delivery_address, d.attempts AS delivery_attempts, d.last_error AS delivery_error,
            ${REGISTERED_AFTERWARDS_SQL} AS registered_afterwards,
            u.id AS assignee_id, u.name AS assignee_name, u.title AS assignee_title,
            count(*) OVER ()::int AS total
       FROM recipients r
       JOIN consultations c ON c.id = r.consultation_id
       JOIN organisations o ON o.id = r.organisation_id
       JOIN responses p ON p.recipient_id = r.id
       LEFT JOIN recipient_deliveries d ON d.recipient_id = r.id
       LEFT JOIN users u ON u.id = p.assignee_id AND ($9::boolean OR r.organisation_id = ANY($10::uuid[]) OR p.status IN ('submitted', 'declined', 'no_comments'))
       LEFT JOIN LATERAL (SELECT type, occurred_at FROM recipient_events ev WHERE ev.recipient_id = r.id ORDER BY occurred_at DESC, id DESC LIMIT 1) e ON TRUE
      WHERE r.consultation_id = $1
        AND ($3::text IS NULL OR p.status = $3)
        AND ($4::boolean IS NULL OR ${lateSql('$2::date')} = $4)
        AND ($7::uuid[] IS NULL OR r.id = ANY($7::uuid[]))
        AND ($8::text IS NULL OR d.status = $8)
      ORDER BY r.position, r.id
      LIMIT $5 OFFSET $6`,
    [consultationId, today, query.status ?? null, query.late ?? null, query.limit, query.offset, onlyRecipientIds ?? null, query.delivery ?? null, viewer.all, viewer.organisationIds],
  );
  const total = await pageTotal(rows, query.offset, () => countRecipients(manager, consultationId, query, today, onlyRecipientIds));
  return { items: rows.map(toRow), total };
}

async function countRecipients(manager: EntityManager, consultationId: string, query: Pick<StatusBoardQuery, 'status' | 'late' | 'delivery'>, today: string, onlyRecipientIds?: string[]): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM recipients r JOIN consultations c ON c.id = r.consultation_id JOIN responses p ON p.recipient_id = r.id
       LEFT JOIN recipient_deliveries d ON d.recipient_id = r.id
      WHERE r.consultation_id = $1 AND ($3::text IS NULL OR p.status = $3) AND ($4::boolean IS NULL OR ${lateSql('$2::date')} = $4)
        AND ($5::uuid[] IS NULL OR r.id = ANY($5::uuid[])) AND ($6::text IS NULL OR d.status = $6)`,
    [consultationId, today, query.status ?? null, query.late ?? null, onlyRecipientIds ?? null, query.delivery ?? null],
  );
  return row.n;
}

function toRow(row: RawRow): RecipientRow {
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name, kind: row.organisation_kind },
    role: row.role,
    required: row.required,
    position: row.position,
    viaListId: row.via_list_id,
    sentAt: row.sent_at?.toISOString() ?? null,
    dueDate: row.due_date,
    extended: row.extended,
    responseId: row.response_id,
    status: row.status,
    answeredDate: row.answered_date,
    late: row.late,
    lastEvent: row.last_event_type && row.last_event_at ? { type: row.last_event_type, at: row.last_event_at.toISOString() } : null,
    delivery:
      row.delivery_status && row.delivery_at
        ? { status: row.delivery_status, at: row.delivery_at.toISOString(), address: row.delivery_address, attempts: row.delivery_attempts ?? 0, error: row.delivery_error }
        : null,
    registeredAfterwards: row.registered_afterwards,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name!, title: row.assignee_title } : null,
  };
}

/** The recipients of a remiss per delivery status (those without a delivery record not counted). */
export async function deliveryCounts(manager: EntityManager, consultationId: string): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: number }> = await manager.query(
    `SELECT d.status, count(*)::int AS n FROM recipient_deliveries d JOIN recipients r ON r.id = d.recipient_id WHERE r.consultation_id = $1 GROUP BY d.status`,
    [consultationId],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}
