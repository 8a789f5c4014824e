import type { EntityManager } from 'typeorm';
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
  total: number;
}

/** Per recipient: status, effective due date, late flag (derived) and last event, in distribution order. */
export async function statusBoard(manager: EntityManager, consultationId: string, query: Pick<StatusBoardQuery, 'status' | 'late' | 'limit' | 'offset'>, onlyRecipientIds?: string[]) {
  const today = todayInStockholm();
  const rows: RawRow[] = await manager.query(
    `SELECT r.id, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, r.role, r.required, r.position,
            r.via_list_id, r.sent_at, ${EFFECTIVE_DUE_SQL}::text AS due_date, r.extended_due_date IS NOT NULL AS extended,
            p.id AS response_id, p.status, p.answered_date::text AS answered_date, ${lateSql('$2::date')} AS late,
            e.type AS last_event_type, e.occurred_at AS last_event_at, count(*) OVER ()::int AS total
       FROM recipients r
       JOIN consultations c ON c.id = r.consultation_id
       JOIN organisations o ON o.id = r.organisation_id
       JOIN responses p ON p.recipient_id = r.id
       LEFT JOIN LATERAL (SELECT type, occurred_at FROM recipient_events ev WHERE ev.recipient_id = r.id ORDER BY occurred_at DESC, id DESC LIMIT 1) e ON TRUE
      WHERE r.consultation_id = $1
        AND ($3::text IS NULL OR p.status = $3)
        AND ($4::boolean IS NULL OR ${lateSql('$2::date')} = $4)
        AND ($7::uuid[] IS NULL OR r.id = ANY($7::uuid[]))
      ORDER BY r.position, r.id
      LIMIT $5 OFFSET $6`,
    [consultationId, today, query.status ?? null, query.late ?? null, query.limit, query.offset, onlyRecipientIds ?? null],
  );
  const total = await pageTotal(rows, query.offset, () => countRecipients(manager, consultationId, query, today, onlyRecipientIds));
  return { items: rows.map(toRow), total };
}

async function countRecipients(manager: EntityManager, consultationId: string, query: Pick<StatusBoardQuery, 'status' | 'late'>, today: string, onlyRecipientIds?: string[]): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM recipients r JOIN consultations c ON c.id = r.consultation_id JOIN responses p ON p.recipient_id = r.id
      WHERE r.consultation_id = $1 AND ($3::text IS NULL OR p.status = $3) AND ($4::boolean IS NULL OR ${lateSql('$2::date')} = $4)
        AND ($5::uuid[] IS NULL OR r.id = ANY($5::uuid[]))`,
    [consultationId, today, query.status ?? null, query.late ?? null, onlyRecipientIds ?? null],
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
  };
}
