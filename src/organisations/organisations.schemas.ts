import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { isoDate, pageSchema, paginationQuery, uuidSchema } from '../http/schemas';
import { ORGANISATION_KINDS } from './organisation.entity';

const kindSchema = z.enum(ORGANISATION_KINDS);

export const organisationSchema = z
  .object({
    id: z.string(),
    registerKey: z.string().nullable(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: kindSchema,
    parentId: z.string().nullable(),
    email: z.string().nullable(),
    activeFrom: z.string().nullable(),
    activeTo: z.string().nullable(),
    successorId: z.string().nullable().openapi({ description: 'The body that took over its work after activeTo (e.g. a merger); a sändlista resolves a retired member to it' }),
    active: z.boolean().openapi({ description: 'Whether the organisation is active today (Europe/Stockholm)' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Organisation');

const fields = {
  // Printed in letterheads, letters and the compilation.
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200).superRefine(printable),
  shortName: z.string().trim().min(1).max(60).nullable(),
  kind: kindSchema,
  parentId: uuidSchema.nullable(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).nullable(),
  activeFrom: isoDate.nullable(),
  activeTo: isoDate.nullable(),
  successorId: uuidSchema.nullable(),
};

const activeRangeIsOrdered = (o: { activeFrom?: string | null; activeTo?: string | null }) =>
  !o.activeFrom || !o.activeTo || o.activeTo >= o.activeFrom;
const activeRangeIssue = { message: 'must not be before activeFrom', path: ['activeTo'] };

export const createOrganisationBody = z
  .strictObject({
    name: fields.name,
    kind: fields.kind,
    shortName: fields.shortName.optional(),
    parentId: fields.parentId.optional(),
    email: fields.email.optional(),
    activeFrom: fields.activeFrom.optional(),
    activeTo: fields.activeTo.optional(),
    successorId: fields.successorId.optional(),
  })
  .refine(activeRangeIsOrdered, activeRangeIssue)
  .openapi('CreateOrganisation');

export const updateOrganisationBody = z
  .strictObject(fields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .refine(activeRangeIsOrdered, activeRangeIssue)
  .openapi('UpdateOrganisation');

export const listOrganisationsQuery = z.strictObject({
  kind: kindSchema.optional(),
  parentId: uuidSchema.optional(),
  active: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
  activeOn: isoDate.optional().openapi({ description: 'Only organisations that existed on this day (the register as it was on a date)' }),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['name', '-name', 'kind', '-kind', 'createdAt', '-createdAt']).default('name'),
  ...paginationQuery,
});

export const organisationPageSchema = pageSchema(organisationSchema, 'OrganisationPage');

export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;
