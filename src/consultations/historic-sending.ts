import type { EntityManager } from 'typeorm';
import { badRequest } from '../http/problem';
import { RecipientEvent } from '../recipients/recipient-event.entity';
import { todayInStockholm } from '../shared/dates';

/**
 * A remiss "registrerad i efterhand": one sent before the remisstjänst existed, recorded with its
 * real send date so that the answers it got have somewhere to go. No remissbrev is e-mailed, its
 * recipients are checked against the register as it stood that day, and reminders never go out for
 * it (src/reminders/reminder-planner.ts looks for the marker below on the 'sent' event).
 */
export const REGISTERED_AFTERWARDS = 'registeredAfterwards';

/** SQL: recipient r was sent a remiss registered afterwards (its 'sent' event carries the marker). */
export const REGISTERED_AFTERWARDS_SQL = `EXISTS (SELECT 1 FROM recipient_events hist WHERE hist.recipient_id = r.id AND hist.type = 'sent' AND hist.detail->>'${REGISTERED_AFTERWARDS}' = 'true')`;

/**
 * The instant recorded as a historic sending: noon on that day in UTC, which is 13:00 or 14:00 in
 * Stockholm and so always falls on the same Stockholm date. Lateness and answer dates compare
 * Stockholm dates only (todayInStockholm(sentAt), answered_date against the due date).
 */
export function historicSentAt(sentDate: string): Date {
  return new Date(`${sentDate}T12:00:00Z`);
}

/** The real send date cannot be in the future (today is allowed: a letter posted this morning), nor before the remiss was registered. */
export function assertHistoricSentDate(sentDate: string, registeredDate: string, today = todayInStockholm()): void {
  if (sentDate > today) throw badRequest('A remiss registered afterwards cannot have been sent in the future.', [{ path: 'body.sentDate', message: `must not be after today (${today})` }]);
  if (sentDate < registeredDate) throw badRequest('The remiss cannot have been sent before it was registered.', [{ path: 'body.sentDate', message: `must not be before the day the remiss was registered (${registeredDate})` }]);
}

/** The 'sent' events of a historic sending, dated on the real send day (the remissbrev's date). */
export async function recordHistoricSentEvents(manager: EntityManager, recipientIds: string[], sentAt: Date, actorUserId: string | null, dueDate: string | null): Promise<void> {
  if (recipientIds.length === 0) return;
  await manager.insert(
    RecipientEvent,
    recipientIds.map((recipientId) => ({ recipientId, type: 'sent', occurredAt: sentAt, actorUserId, detail: { dueDate, [REGISTERED_AFTERWARDS]: true } })),
  );
}

/** Whether the recipient's remiss was sent before the remisstjänst and registered afterwards. */
export async function wasRegisteredAfterwards(manager: EntityManager, recipientId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM recipients r WHERE r.id = $1 AND ${REGISTERED_AFTERWARDS_SQL}`, [recipientId]);
  return rows.length > 0;
}
