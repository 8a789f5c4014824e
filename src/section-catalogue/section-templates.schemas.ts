import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity';
import { SECTION_KEY } from '../statements/statements.schemas';

export const keyParams = z.strictObject({ key: z.string().regex(SECTION_KEY, 'must be a section key like forslag-till-beslut') });
const defaultsSchema = z
  .partialRecord(z.enum([...ORGANISATION_KINDS, '*']), z.string().max(20_000).superRefine(printable))
  .openapi({ description: "Handlebars source of the default text per organisation kind; '*' for any other kind" });
const fields = {
  // Both are printed: the heading of the section, and its default text in every new draft.
  heading: z.string().trim().min(1).max(200).superRefine(printable),
  position: z.number().int().min(0).max(10_000),
  standard: z.boolean(),
  required: z.boolean(),
  defaults: defaultsSchema,
};
export const createSectionTemplateBody = z.strictObject({ key: keyParams.shape.key, ...fields, position: fields.position.optional().openapi({ description: 'Place in the order; without it the entry goes last' }), standard: fields.standard.default(false), required: fields.required.default(false), defaults: defaultsSchema.default({}) }).openapi('CreateSectionTemplate');
export const updateSectionTemplateBody = z.strictObject(fields).partial().refine((b) => Object.keys(b).length > 0, 'send at least one field to change').openapi('UpdateSectionTemplate');
export const moveSectionTemplateBody = z.strictObject({ direction: z.enum(['up', 'down']) }).openapi('MoveSectionTemplate');
export const sectionTemplateSchema = z.object({ key: z.string(), ...fields, version: z.number().int() }).openapi('SectionTemplate');
