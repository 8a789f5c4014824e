import { z } from '../http/zod-openapi';
import { REMINDER_KINDS } from '../reminders/reminder.entity';
import { RESPONSE_STATUSES } from '../responses/response.entity';

const event = <T extends string, D extends z.ZodType>(type: T, detail: D, description: string) =>
  z.object({ type: z.literal(type), at: z.string(), actorUserId: z.string().nullable(), detail }).openapi({ description });

const dueDate = z.string().nullable();

/** One entry of a response's timeline: what happened to its recipient, and the facts of it in `detail`. */
export const timelineEventSchema = z
  .discriminatedUnion('type', [
    event('added', z.null(), 'The organisation was added as a recipient'),
    event('sent', z.object({ dueDate, individually: z.boolean().optional(), registeredAfterwards: z.boolean().optional() }), 'The remiss was sent (individually: to this recipient after the remiss had gone out; registeredAfterwards: before the remisstjänst existed, recorded later on its real send date, no e-mail)'),
    event('extension_granted', z.object({ dueDate: z.string(), previousDueDate: dueDate }), 'Anstånd: a new deadline for this recipient'),
    event('reminder_sent', z.object({ kind: z.enum(REMINDER_KINDS), dueDate: z.string() }), 'A reminder was mailed'),
    event('response_status_changed', z.object({ action: z.string(), from: z.enum(RESPONSE_STATUSES), to: z.enum(RESPONSE_STATUSES) }), 'The response moved from one status to another'),
    event('answer_recorded', z.record(z.string(), z.unknown()).nullable(), 'An answer was recorded'),
    event('delivery_sent', z.object({ attempts: z.number().int() }), 'The remissbrev went out by e-mail to the registratur address (the mail server accepted it)'),
    event('delivery_failed', z.object({ attempts: z.number().int(), error: z.string().nullable() }), 'The remissbrev e-mail was given up after repeated attempts'),
    event('delivery_no_address', z.null(), 'The register has no e-mail address for the organisation: the remissbrev goes by post'),
    event('delivery_requeued', z.object({ previousStatus: z.string().nullable() }), 'The remissbrev was queued to be e-mailed again'),
    event('delivery_cancelled', z.null(), 'The remiss was cancelled before its remissbrev e-mail went out'),
  ])
  .openapi('TimelineEvent');
