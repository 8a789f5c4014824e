import { z } from 'zod';
import { isoDate, pageSchema, paginationQuery, uuidSchema } from '../http/schemas';
import { RESPONSE_STATUSES } from '../responses/response.entity';

export const deadlinesQuery = z.strictObject({
  scope: z.enum(['received', 'coordinated', 'all']).optional().openapi({
    description: "received: answers the caller's organisation owes; coordinated: answers owed on remisser it coordinates; all: registrators and admins. Default by role.",
  }),
  consultationId: uuidSchema.optional().openapi({ description: 'Only the answers owed on this remiss (within the scope)' }),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  status: z.enum(RESPONSE_STATUSES).optional().openapi({ description: 'Only answers in this status (in_review: what waits for attest)' }),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paginationQuery,
});

export const deadlineItemSchema = z
  .object({
    consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string() }),
    recipient: z.object({ id: z.string(), organisation: z.object({ id: z.string(), name: z.string() }) }),
    responseId: z.string(),
    status: z.enum(RESPONSE_STATUSES),
    dueDate: z.string(),
    extended: z.boolean(),
    overdue: z.boolean(),
    workingDaysRemaining: z.number().int(),
    assignee: z
      .object({ id: z.string(), name: z.string(), title: z.string().nullable() })
      .nullable()
      .openapi({ description: "Who of the organisation works on the answer (Tilldela): shown on the answering organisation's own rows (and to admins), null on others'" }),
  })
  .openapi('Deadline');

export const deadlinePageSchema = pageSchema(deadlineItemSchema, 'DeadlinePage');
export type DeadlinesQuery = z.infer<typeof deadlinesQuery>;
