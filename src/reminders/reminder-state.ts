import type { Reminder } from './reminder.entity';

/** After this many failed sends a reminder is given up (its last_error stays for the record). */
export const MAX_REMINDER_ATTEMPTS = 5;

/**
 * A reminder that turned pointless before it went out (answered, deadline changed …) is closed
 * with a last_error starting with this: the table has no status column, and the schema stays as is.
 */
export const SKIPPED_PREFIX = 'skipped: ';

/** SQL condition (table alias m) of a reminder still to be delivered; reminderState() is its twin. */
export const PENDING_REMINDER_SQL = `m.sent_at IS NULL AND m.attempts < ${MAX_REMINDER_ATTEMPTS} AND (m.last_error IS NULL OR m.last_error NOT LIKE '${SKIPPED_PREFIX.trim()}%')`;

export const REMINDER_STATES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];

export function reminderState(reminder: Pick<Reminder, 'sentAt' | 'attempts' | 'lastError'>): ReminderState {
  if (reminder.sentAt) return 'sent';
  if (reminder.lastError?.startsWith(SKIPPED_PREFIX)) return 'skipped';
  return reminder.attempts >= MAX_REMINDER_ATTEMPTS ? 'failed' : 'pending';
}
