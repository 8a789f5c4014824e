import type { EntityManager } from 'typeorm';
import type { Actor } from '../authz/actor';
import { todayInStockholm } from '../shared/dates';
import { addDays } from '../shared/working-days';
import { ANSWERED_SQL, EFFECTIVE_DUE_SQL, RESPONSE_STATE_FROM_RECIPIENT_SQL } from '../recipients/lateness';
import { assertCanManageConsultations } from './consultation-access';

export interface TodaysWork {
  today: string;
  /** The Sunday of this week: "deadlines this week" run from today up to it. */
  weekEnd: string;
  drafts: number;
  overdue: number;
  dueThisWeek: number;
  lateAnswers: number;
}

/**
 * What needs doing today for those who run the remisser (registrators, admins, who see them all):
 * drafts not yet sent, open remisser past their deadline, deadlines this week, answers overdue.
 * One statement; each count matches a filter of the remiss list.
 */
export async function todaysWork(manager: EntityManager, actor: Actor, today = todayInStockholm()): Promise<TodaysWork> {
  assertCanManageConsultations(actor);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const weekEnd = addDays(today, 6 - weekday);
  const [row]: Array<Omit<TodaysWork, 'today' | 'weekEnd'>> = await manager.query(
    `SELECT count(*) FILTER (WHERE c.status = 'draft')::int AS drafts,
            count(*) FILTER (WHERE c.status = 'open' AND c.due_date < $1)::int AS overdue,
            count(*) FILTER (WHERE c.status = 'open' AND c.due_date BETWEEN $1 AND $2)::int AS "dueThisWeek",
            (SELECT count(*)::int FROM recipients r
               JOIN consultations c ON c.id = r.consultation_id AND c.status = 'open'
               ${RESPONSE_STATE_FROM_RECIPIENT_SQL}
              WHERE r.role = 'respond' AND r.sent_at IS NOT NULL AND NOT ${ANSWERED_SQL} AND $1::date > ${EFFECTIVE_DUE_SQL}) AS "lateAnswers"
       FROM consultations c`,
    [today, weekEnd],
  );
  return { today, weekEnd, ...row };
}
