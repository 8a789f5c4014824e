import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { isoDate, uuidSchema } from '../http/schemas';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { RECIPIENT_ROLES } from './recipient.entity';
import { DELIVERY_STATUSES } from '../deliveries/delivery-state';

export const recipientParams = z.strictObject({ id: uuidSchema, recipientId: uuidSchema });

export const addRecipientsBody = z
  .strictObject({
    organisationIds: z.array(uuidSchema).max(500).default([]),
    distributionListIds: z.array(uuidSchema).max(20).default([]),
    role: z.enum(RECIPIENT_ROLES).default('respond'),
    required: z.boolean().default(true),
    registerDate: isoDate.optional().openapi({
      description: 'Only for a draft to be registered afterwards (POST …/record-sent): check organisations and resolve sändlistor against the register of this past day (its real send date) instead of today',
    }),
  })
  .refine((body) => body.organisationIds.length + body.distributionListIds.length > 0, 'name at least one organisation or distribution list')
  .openapi('AddRecipients');

export const extensionBody = z
  .strictObject({
    dueDate: isoDate,
    // Printed in the beslut om anstånd (and the remissbrev of its day).
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(1000).superRefine(printable),
  })
  .openapi('GrantExtension');

export const statusBoardQuery = z.strictObject({
  status: z.enum(RESPONSE_STATUSES).optional(),
  late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  delivery: z.enum(DELIVERY_STATUSES).optional().openapi({ description: 'Only recipients whose remissbrev delivery has this status: no_address lists those to send by post' }),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deliverySchema = z
  .object({
    status: z.enum(DELIVERY_STATUSES).openapi({
      description:
        'queued: the e-mail with the remissbrev (PDF) and the link to the remiss page waits to go out or to be retried; sent: the mail server accepted it; failed: given up after repeated attempts (send again, or by post); no_address: the register has no e-mail address for the organisation, so the letter goes by post; cancelled: the remiss was cancelled before it went out',
    }),
    at: z.string().openapi({ description: 'When it reached this status' }),
    address: z.string().nullable().openapi({ description: 'The registratur address from the register, as it was when the letter was queued' }),
    attempts: z.number().int(),
    error: z.string().nullable().openapi({ description: "The mail server's last refusal (addresses removed)" }),
  })
  .openapi('RecipientDelivery');

export const recipientRowSchema = z
  .object({
    id: z.string(),
    organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    role: z.enum(RECIPIENT_ROLES),
    required: z.boolean(),
    position: z.number().int(),
    viaListId: z.string().nullable(),
    sentAt: z.string().nullable(),
    dueDate: z.string().nullable().openapi({ description: 'Effective due date: the latest anstånd, else the remiss due date' }),
    extended: z.boolean(),
    responseId: z.string(),
    status: z.enum(RESPONSE_STATUSES),
    answeredDate: z.string().nullable(),
    late: z.boolean(),
    lastEvent: z.object({ type: z.string(), at: z.string() }).nullable(),
    registeredAfterwards: z.boolean().openapi({ description: 'The remiss was sent to this recipient before the remisstjänst existed and registered afterwards (POST …/record-sent): no remissbrev was e-mailed, delivery is null' }),
    delivery: deliverySchema.nullable().openapi({ description: 'How the remissbrev reached the recipient; null before it was sent (or for a remiss sent before e-mail delivery)' }),
    assignee: z
      .object({ id: z.string(), name: z.string(), title: z.string().nullable() })
      .nullable()
      .openapi({
        description:
          "Who of the organisation works on the answer (Tilldela). Shown to the answering organisation itself, to admins, and to everyone once the response has answered; otherwise null, as the response's working material is the organisation's own.",
      }),
  })
  .openapi('Recipient');

export const statusBoardSchema = z
  .object({
    items: z.array(recipientRowSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    counts: z.object({
      byStatus: z.record(z.string(), z.number().int()),
      late: z.number().int(),
      byDelivery: z.record(z.string(), z.number().int()).openapi({ description: 'Recipients per delivery status (queued, sent, failed, no_address, cancelled); statuses nobody has are left out' }),
    }),
  })
  .openapi('StatusBoard');

export const addRecipientsResult = z
  .object({ added: z.array(recipientRowSchema), skipped: z.array(z.object({ organisationId: z.string(), reason: z.string() })) })
  .openapi('AddRecipientsResult');

export const extensionSchema = z
  .object({
    id: z.string(),
    dueDate: z.string(),
    previousDueDate: z.string().nullable(),
    reason: z.string(),
    grantedBy: z.string(),
    grantedAt: z.string(),
    letter: z.string().openapi({ description: 'The beslut om anstånd to the remissinstans (PDF): the new date, the one it replaces, the reason and who granted it' }),
  })
  .openapi('Extension');

export type AddRecipientsInput = z.infer<typeof addRecipientsBody>;
export type ExtensionInput = z.infer<typeof extensionBody>;
export type StatusBoardQuery = z.infer<typeof statusBoardQuery>;
