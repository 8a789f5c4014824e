/**
 * SQL fragments shared by the status board, the consultation summaries and the deadlines view, so
 * "effective due date" and "late" mean the same everywhere. They expect the aliases r (recipients),
 * c (consultations) and p (responses), and `today` as a bound parameter placeholder.
 */
export const EFFECTIVE_DUE_SQL = 'COALESCE(r.extended_due_date, c.due_date)';

export const ANSWERED_SQL = `p.status IN ('submitted', 'declined', 'no_comments')`;

/**
 * Late is derived, never stored: answered after the deadline, or still unanswered after it. A
 * remiss without a deadline (it may be cleared while open) makes no one late: false, not NULL.
 */
export function lateSql(today: string): string {
  return `coalesce(r.role = 'respond' AND c.status <> 'cancelled' AND r.sent_at IS NOT NULL AND (
    (${ANSWERED_SQL} AND p.answered_date > ${EFFECTIVE_DUE_SQL})
    OR (NOT ${ANSWERED_SQL} AND ${today} > ${EFFECTIVE_DUE_SQL})), false)`;
}

/**
 * The response's status and answer date as `p`, read from the recipient's copy (migration
 * RecipientResponseState) instead of joining responses: for queries over many recipients that
 * need nothing else of the response. Goes after `FROM recipients r`.
 */
export const RESPONSE_STATE_FROM_RECIPIENT_SQL = 'CROSS JOIN LATERAL (SELECT r.response_status AS status, r.response_answered_date AS answered_date) p';
