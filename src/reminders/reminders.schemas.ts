import { z } from 'zod';
import { isoDate, pageSchema, uuidSchema } from '../http/schemas';
import { REMINDER_STATES } from './reminder-state';
import { REMINDER_KINDS } from './reminder.entity';

export const recipientRemindersParams = z.strictObject({ id: uuidSchema, recipientId: uuidSchema });

export const reminderSchema = z
  .object({
    id: z.string(),
    kind: z.enum(REMINDER_KINDS).openapi({ description: 'before_due: ahead of the deadline; overdue: after it passed' }),
    dueDate: isoDate.openapi({ description: 'The effective due date the reminder is about' }),
    state: z.enum(REMINDER_STATES).openapi({ description: 'skipped: closed unsent (answered, deadline changed …); failed: given up after repeated errors' }),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    sentToCount: z.number().int(),
    sentTo: z.array(z.string()).nullable().openapi({ description: 'The addresses, for registrators and admins only (null for others)' }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .openapi('Reminder');

export const reminderListSchema = pageSchema(reminderSchema, 'ReminderList');
