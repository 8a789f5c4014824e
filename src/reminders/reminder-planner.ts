import type { DataSource, EntityManager } from 'typeorm';
import { REGISTERED_AFTERWARDS_SQL } from '../consultations/historic-sending';
import { ANSWERED_STATUSES } from '../responses/response.entity';
import { addDays, subtractWorkingDays } from '../shared/working-days';

/**
 * The latest effective due date that is owed a before_due reminder today: a deadline D is due
 * one when subtractWorkingDays(D, n) <= today <= D. subtractWorkingDays grows with D, so the
 * deadlines that qualify form one range [today, result], and the database can select them with
 * a plain comparison instead of JavaScript computing a threshold per deadline.
 */
export function lastDueDateRemindedOn(today: string, workingDaysBefore: number): string {
  let due = today;
  while (subtractWorkingDays(addDays(due, 1), workingDaysBefore) <= today) due = addDays(due, 1);
  return due;
}

/**
 * The latest due date that has passed by `today`. A deadline on a weekend or holiday runs to the
 * next working day (lagen 1930:173), so a due date D has passed when that day is before today:
 * exactly when D is on or before the last working day before today.
 */
export function lastOverdueDueDate(today: string): string {
  return subtractWorkingDays(today, 1);
}

/**
 * One set-based statement that queues every reminder owed today: before_due for deadlines in
 * [today, lastDueDateRemindedOn], overdue for deadlines that have passed (lastOverdueDueDate). The unique constraint
 * (recipient_id, kind, due_date) with ON CONFLICT DO NOTHING makes this idempotent across
 * cycles and processes; an anstånd changes the effective due date, so it is owed new ones.
 * Only sent 'respond' recipients of open remisser that have not answered qualify.
 */
const PLAN_REMINDERS = `
  WITH owed AS (
    SELECT r.id AS recipient_id, CASE WHEN d.due <= $4::date THEN 'overdue' ELSE 'before_due' END AS kind, d.due AS due_date
      FROM recipients r
      JOIN consultations c ON c.id = r.consultation_id
      CROSS JOIN LATERAL (SELECT COALESCE(r.extended_due_date, c.due_date) AS due) d
     WHERE c.status = 'open'
       AND r.role = 'respond'
       AND r.sent_at IS NOT NULL
       AND d.due <= $1::date
       AND d.due >= $3::date
       -- Invited, not obliged to answer (required false): reminded, never told it is late.
       AND (r.required OR d.due > $4::date)
       AND NOT EXISTS (SELECT 1 FROM responses s WHERE s.recipient_id = r.id AND s.status = ANY($2::text[]))
       -- A remiss sent before the remisstjänst and registered afterwards is never reminded about from here.
       AND NOT ${REGISTERED_AFTERWARDS_SQL}
  ), queued AS (
    -- The anti-join skips the (many) reminders queued in earlier cycles cheaply; ON CONFLICT
    -- settles the race with another process planning at the same moment.
    INSERT INTO reminders (recipient_id, kind, due_date)
    SELECT o.recipient_id, o.kind, o.due_date FROM owed o
     WHERE NOT EXISTS (SELECT 1 FROM reminders m WHERE m.recipient_id = o.recipient_id AND m.kind = o.kind AND m.due_date = o.due_date)
    ON CONFLICT (recipient_id, kind, due_date) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS queued FROM queued`;

/**
 * Deadlines further back than this get no overdue reminder: a remiss left open for months is
 * forgotten to be closed, and a first deployment must not mail everyone about years-old deadlines.
 */
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

/** Queues the reminders owed on `today`; answers how many were new. */
export async function planReminders(db: DataSource | EntityManager, today: string, workingDaysBefore: number): Promise<number> {
  const rows: Array<{ queued: number }> = await db.query(PLAN_REMINDERS, [
    lastDueDateRemindedOn(today, workingDaysBefore),
    [...ANSWERED_STATUSES],
    addDays(today, -OVERDUE_REMINDER_WINDOW_DAYS),
    lastOverdueDueDate(today),
  ]);
  return rows[0]?.queued ?? 0;
}
