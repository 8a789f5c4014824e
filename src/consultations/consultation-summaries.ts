import type { EntityManager } from 'typeorm';
import { RESPONSE_STATUSES, type ResponseStatus } from '../responses/response.entity';
import { lateSql } from '../recipients/lateness';
import { todayInStockholm } from '../shared/dates';

export interface RecipientSummary {
  total: number;
  late: number;
  byStatus: Record<ResponseStatus, number>;
}

const emptySummary = (): RecipientSummary => ({
  total: 0,
  late: 0,
  byStatus: Object.fromEntries(RESPONSE_STATUSES.map((status) => [status, 0])) as Record<ResponseStatus, number>,
});

/** Counts per response status and late recipients, for several remisser in one query. */
export async function summariseRecipients(manager: EntityManager, consultationIds: string[], today = todayInStockholm()): Promise<Map<string, RecipientSummary>> {
  const summaries = new Map(consultationIds.map((id) => [id, emptySummary()]));
  if (consultationIds.length === 0) return summaries;
  const rows: Array<{ consultation_id: string; status: ResponseStatus; n: number; late: number }> = await manager.query(
    `SELECT r.consultation_id, p.status, count(*)::int AS n, count(*) FILTER (WHERE ${lateSql('$2::date')})::int AS late
       FROM recipients r
       JOIN consultations c ON c.id = r.consultation_id
       JOIN responses p ON p.recipient_id = r.id
      WHERE r.consultation_id = ANY($1::uuid[])
        -- Repeated on c so the planner looks the page's remisser up by id instead of hashing them all.
        AND c.id = ANY($1::uuid[])
      GROUP BY r.consultation_id, p.status`,
    [consultationIds, today],
  );
  for (const row of rows) {
    const summary = summaries.get(row.consultation_id)!;
    summary.byStatus[row.status] = row.n;
    summary.total += row.n;
    summary.late += row.late;
  }
  return summaries;
}
