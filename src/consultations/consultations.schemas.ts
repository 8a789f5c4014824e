import { z } from 'zod';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { printable } from '../documents/printable-text';
import { isoDate, pageSchema, paginationQuery, uuidSchema } from '../http/schemas';
import { CASE_NUMBER_PATTERN, normaliseCaseNumber } from './case-number';
import { CONSULTATION_KINDS, CONSULTATION_STATUSES } from './consultation.entity';

const caseNumber = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(60)
  .regex(CASE_NUMBER_PATTERN, 'must look like a diarienummer, e.g. KS 2020/924 or 3.1.1-723/2019')
  // The normal form is stored too (60 characters), and NFKC can lengthen a character ("½" → "1⁄2").
  .refine((value) => normaliseCaseNumber(value).length <= 60, 'is too long once normalised (at most 60 characters)')
  // Any letter passes the pattern; the Dnr is printed on every document of the remiss.
  .superRefine(printable)
  // zod-to-openapi writes a flagged RegExp as its source plus "/u"; JSON Schema patterns are unicode already.
  .openapi({ pattern: CASE_NUMBER_PATTERN.source });

const dueBeforeRegistered = (body: { registeredDate?: string | null; dueDate?: string | null }) =>
  !body.registeredDate || !body.dueDate || body.dueDate >= body.registeredDate;
const dueIssue = { message: 'must not be before registeredDate', path: ['dueDate'] };

const editable = {
  caseNumber,
  // Printed in every remissbrev and in the compilation.
  title: z.string().trim().min(3, 'must be at least 3 characters').max(500).superRefine(printable),
  kind: z.enum(CONSULTATION_KINDS),
  senderId: uuidSchema,
  coordinatorId: uuidSchema.nullable(),
  registeredDate: isoDate,
  dueDate: isoDate.nullable(),
  description: z.string().trim().max(20_000).superRefine(printable).nullable(),
};

export const createConsultationBody = z
  .strictObject({
    ...editable,
    coordinatorId: editable.coordinatorId.optional(),
    dueDate: editable.dueDate.optional(),
    description: editable.description.optional(),
  })
  .refine(dueBeforeRegistered, dueIssue)
  .openapi('CreateConsultation');

/** Status changes here are closing, cancelling and reopening; draft → open happens by sending. */
export const updateConsultationBody = z
  .strictObject({
    ...editable,
    // Every status is accepted so that a remiss read with GET can be sent back as it is; a change the
    // status rules do not allow (to draft, or from draft to open: that is sending) answers 409.
    status: z.enum(CONSULTATION_STATUSES),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .refine(dueBeforeRegistered, dueIssue)
  .openapi('UpdateConsultation');

export const recordSentBody = z
  .strictObject({ sentDate: isoDate.openapi({ description: 'The day the remiss really went out (YYYY-MM-DD)' }) })
  .openapi('RecordSent');

const booleanString = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

export const listConsultationsQuery = z.strictObject({
  status: z.enum(CONSULTATION_STATUSES).optional(),
  kind: z.enum(CONSULTATION_KINDS).optional(),
  senderId: uuidSchema.optional(),
  coordinatorId: uuidSchema.optional(),
  recipientOrganisationId: uuidSchema.optional(),
  dueBefore: isoDate.optional(),
  dueAfter: isoDate.optional(),
  overdue: booleanString.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['dueDate', '-dueDate', 'registeredDate', '-registeredDate', 'caseNumber', '-caseNumber', 'title', '-title', 'createdAt', '-createdAt']).default('-registeredDate'),
  ...paginationQuery,
});

const warningSchema = z.object({ code: z.string(), message: z.string(), suggestedDueDate: z.string().optional() });

export const deadlineSchema = z
  .object({ dueDate: z.string().nullable(), workingDaysRemaining: z.number().int().nullable(), warnings: z.array(warningSchema) })
  .openapi('DeadlineInfo');

const statusCounts = z.object(Object.fromEntries(RESPONSE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof RESPONSE_STATUSES)[number], z.ZodNumber>);

export const consultationSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    caseNumberNormalized: z.string(),
    title: z.string(),
    kind: z.enum(CONSULTATION_KINDS),
    sender: z.object({ id: z.string(), name: z.string() }),
    coordinator: z.object({ id: z.string(), name: z.string() }).nullable(),
    registeredDate: z.string(),
    sentDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    description: z.string().nullable(),
    status: z.enum(CONSULTATION_STATUSES),
    overdue: z.boolean(),
    recipients: z.object({ total: z.number().int(), late: z.number().int(), byStatus: statusCounts }),
    deadline: deadlineSchema,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Consultation');

export const consultationPageSchema = pageSchema(consultationSchema, 'ConsultationPage');

export type CreateConsultationInput = z.infer<typeof createConsultationBody>;
export type UpdateConsultationInput = z.infer<typeof updateConsultationBody>;
export type ListConsultationsQuery = z.infer<typeof listConsultationsQuery>;
