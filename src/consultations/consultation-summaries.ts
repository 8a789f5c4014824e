import type { EntityManager } from 'typeorm';
import { lateSql, RESPONSE_STATE_FROM_RECIPIENT_SQL } from '../recipients/lateness';
import { RESPONSE_STATUSES, type ResponseStatus } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';

export interface RecipientSummary {
  total: number;
  late: number;
  byStatus: Record<ResponseStatus, number>;
}

/**
 * Per remiss `c` (any row with c.id, c.status and c.due_date), its recipients counted per response
 * status (`sums.by_status`, jsonb) and late (`sums.late`), as a LATERAL join: the remiss list puts
 * it in its page query, summariseRecipients around a few ids. One index-only range scan of the
 * recipients per remiss (their copy of the response state, migration RecipientResponseState).
 */
export function recipientSummarySql(today: string): string {
  return `LEFT JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(per_status.status, per_status.n), '{}') AS by_status, coalesce(sum(per_status.late), 0)::int AS late
      FROM (SELECT p.status, count(*)::int AS n, count(*) FILTER (WHERE ${lateSql(today)})::int AS late
              FROM recipients r ${RESPONSE_STATE_FROM_RECIPIENT_SQL}
             WHERE r.consultation_id = c.id
             GROUP BY p.status) per_status
  ) sums ON TRUE`;
}

/** A summary from the columns recipientSummarySql adds. */
export function toRecipientSummary(byStatus: Partial<Record<ResponseStatus, number>>, late: number): RecipientSummary {
  const counts = Object.fromEntries(RESPONSE_STATUSES.map((status) => [status, byStatus[status] ?? 0])) as Record<ResponseStatus, number>;
  return { total: Object.values(counts).reduce((sum, n) => sum + n, 0), late, byStatus: counts };
}

/** Counts per response status and late recipients, for several remisser in one query. */
export async function summariseRecipients(manager: EntityManager, consultationIds: string[], today = todayInStockholm()): Promise<Map<string, RecipientSummary>> {
  const summaries = new Map(consultationIds.map((id) => [id, toRecipientSummary({}, 0)]));
  if (consultationIds.length === 0) return summaries;
  const rows: Array<{ id: string; by_status: Partial<Record<ResponseStatus, number>>; late: number }> = await manager.query(
    `SELECT c.id, sums.by_status, sums.late FROM consultations c ${recipientSummarySql('$2::date')} WHERE c.id = ANY($1::uuid[])`,
    [consultationIds, today],
  );
  for (const row of rows) summaries.set(row.id, toRecipientSummary(row.by_status, row.late));
  return summaries;
}
