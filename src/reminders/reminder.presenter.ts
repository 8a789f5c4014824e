import { reminderState } from './reminder-state';
import type { Reminder } from './reminder.entity';

/** Addresses are personal data: only those who manage the distribution see them, others the count. */
export function presentReminder(reminder: Reminder, showAddresses: boolean) {
  return {
    id: reminder.id,
    kind: reminder.kind,
    dueDate: reminder.dueDate,
    state: reminderState(reminder),
    createdAt: reminder.createdAt.toISOString(),
    sentAt: reminder.sentAt ? reminder.sentAt.toISOString() : null,
    sentToCount: reminder.sentTo.length,
    sentTo: showAddresses ? reminder.sentTo : null,
    attempts: reminder.attempts,
    lastError: reminder.lastError,
  };
}
