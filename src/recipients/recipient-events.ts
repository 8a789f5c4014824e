import type { EntityManager } from 'typeorm';
import { formatSwedishDate } from '../shared/dates';
import { RecipientEvent } from './recipient-event.entity';

export type RecipientEventType =
  | 'added'
  | 'sent'
  | 'extension_granted'
  | 'reminder_sent'
  | 'response_status_changed'
  | 'answer_recorded'
  | 'delivery_sent'
  | 'delivery_failed'
  | 'delivery_no_address'
  | 'delivery_requeued'
  | 'delivery_cancelled';

/** Appends to a recipient's timeline, inside the caller's transaction. */
export async function recordRecipientEvents(
  manager: EntityManager,
  recipientIds: string[],
  type: RecipientEventType,
  actorUserId: string | null,
  detail: object | null = null,
): Promise<void> {
  if (recipientIds.length === 0) return;
  await manager.insert(
    RecipientEvent,
    recipientIds.map((recipientId) => ({ recipientId, type, actorUserId, detail })),
  );
}

/** A 'sent' event as the timelines say it (the answer's and the remiss's): to whom, the deadline, and whether it was registered afterwards. */
export function sentEventText(who: string, detail: Record<string, unknown>): string {
  const dueDate = typeof detail.dueDate === 'string' ? ` med sista svarsdag ${formatSwedishDate(detail.dueDate)}` : '';
  return `Remissen skickades till ${who}${dueDate}${detail.registeredAfterwards ? ' (före remisstjänsten, registrerat i efterhand)' : ''}`;
}
