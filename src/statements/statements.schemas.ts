import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { isoDate } from '../http/schemas';
import { sectionBodySchema } from './statement-body';
import { STANCES } from './statement.entity';

export const SECTION_KEY = /^[a-z0-9-]{1,60}$/;
const stance = z.enum(STANCES).nullable();
/** Every text field here is printed in the tjänsteutlåtande, so each passes the printable rule. */
const shortText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).superRefine(printable);

export const headerSchema = z
  .strictObject({
    administration: shortText(200),
    department: shortText(200).nullable(),
    // A name the author does not know is left out (null), never printed as a placeholder.
    officer: z.strictObject({ name: shortText(200).nullable(), phone: shortText(40).nullable(), email: z.email().max(254).nullable() }),
    to: shortText(200),
    date: isoDate,
    ownCaseNumber: shortText(60).nullable(),
    remissCaseNumber: shortText(60),
    title: shortText(500),
    subtitle: shortText(500).nullable(),
  })
  .openapi('StatementHeader');

const sectionInput = z.strictObject({
  key: z.string().regex(SECTION_KEY, 'must be a section key like forslag-till-beslut or egen-ekonomi'),
  heading: shortText(200).optional(),
  body: sectionBodySchema,
  stance: stance.optional(),
});

const statementFields = {
  header: headerSchema,
  signatories: z.array(z.strictObject({ name: shortText(200).nullable(), title: shortText(120) })).max(10),
  enclosures: z.array(z.strictObject({ title: shortText(500) })).max(50),
  stance,
};

export const putStatementBody = z
  .strictObject({ ...statementFields, sections: z.array(sectionInput).min(1).max(40) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.sections.forEach((section, index) => {
      if (seen.has(section.key)) ctx.addIssue({ code: 'custom', path: ['sections', index, 'key'], message: 'appears twice' });
      seen.add(section.key);
    });
  })
  .openapi('PutStatement');

export const putHeaderBody = z.strictObject(statementFields).openapi('PutStatementHeader');

export const putSectionBody = z
  .strictObject({ heading: shortText(200).optional(), body: sectionBodySchema, stance: stance.optional() })
  .openapi('PutSection');

export const correctionBody = z
  .strictObject({
    reason: z.string().trim().min(5, 'must say why the submitted answer is corrected').max(1000),
    header: headerSchema.optional(),
    sections: z.array(sectionInput).max(40).optional(),
  })
  .refine((body) => body.header || body.sections?.length, 'correct the header or at least one section')
  .openapi('StatementCorrection');

export const sectionParams = z.strictObject({ id: z.uuid(), key: z.string().regex(SECTION_KEY, 'is not a section key') });

export type PutStatementInput = z.infer<typeof putStatementBody>;
export type PutHeaderInput = z.infer<typeof putHeaderBody>;
export type PutSectionInput = z.infer<typeof putSectionBody>;
export type SectionInput = z.infer<typeof sectionInput>;
export type CorrectionInput = z.infer<typeof correctionBody>;
