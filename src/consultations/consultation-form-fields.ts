import { z } from 'zod';
import { HttpProblem } from '../http/problem';
import { CONSULTATION_KIND_LABELS } from '../shared/swedish-labels';
import { FormRejection, type FormError } from '../web/form-errors';
import { swedishFieldMessage } from '../web/swedish-problems';
import { CASE_NUMBER_PATTERN } from './case-number';
import { CONSULTATION_KINDS } from './consultation.entity';
import type { ConsultationView } from './consultation.presenter';
import { createConsultationBody, type CreateConsultationInput } from './consultations.schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const day = (what: string) => z.string().trim().refine((value) => value === '' || validDay(value), `Ange ${what} som ÅÅÅÅ-MM-DD, till exempel 2025-03-14.`);
const optional = (value: string) => (value === '' ? null : value);

/** The remiss form's fields (register and edit), named as the API's body fields, with Swedish messages. */
export const consultationFields = z.object({
  caseNumber: z
    .string()
    .trim()
    .min(1, 'Fyll i diarienummer.')
    .max(60, 'Diarienumret får vara högst 60 tecken.')
    .regex(CASE_NUMBER_PATTERN, 'Skriv diarienumret som avsändaren skrev det, till exempel KS 2020/924.'),
  title: z.string().trim().min(1, 'Fyll i rubrik.').min(3, 'Rubriken måste ha minst 3 tecken.').max(500, 'Rubriken får vara högst 500 tecken.'),
  kind: z.enum(CONSULTATION_KINDS, { message: 'Välj typ av remiss.' }),
  senderId: z.string().regex(UUID, 'Välj avsändare.'),
  coordinatorId: z.string().refine((value) => value === '' || UUID.test(value), 'Välj samordnande förvaltning i listan.').transform(optional),
  registeredDate: day('registreringsdatum').refine((value) => value !== '', 'Fyll i registreringsdatum.'),
  dueDate: day('sista svarsdag').transform(optional),
  description: z.string().trim().max(20_000, 'Beskrivningen får vara högst 20 000 tecken.').transform(optional),
  etag: z.string().optional(),
});

export type ConsultationFields = z.infer<typeof consultationFields>;

/**
 * The fields as the service's input, checked once more by the API's own schema (printable text,
 * due date not before registration …) so a page accepts exactly what the API accepts.
 */
export function consultationInput(fields: ConsultationFields): CreateConsultationInput {
  const { etag: _etag, ...input } = fields;
  const parsed = createConsultationBody.safeParse(input);
  if (parsed.success) return parsed.data;
  const problem = new HttpProblem(400, 'invalid');
  const errors: FormError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors.some((error) => error.field === field)) errors.push({ field: field || undefined, message: swedishFieldMessage(problem, field, issue.message) });
  }
  throw new FormRejection(errors);
}

/** A duplicate Dnr: the message beside the field, with a link to the remiss that has it. */
export function duplicateRejection(error: unknown): FormRejection | undefined {
  if (!(error instanceof HttpProblem) || error.options.slug !== 'duplicate-case-number') return undefined;
  const existing = error.options.extensions?.existing as { id: string; caseNumber: string; title: string } | undefined;
  if (!existing) return undefined;
  return new FormRejection(
    [{ field: 'caseNumber', message: `Avsändaren har redan en remiss med diarienumret ${existing.caseNumber}.`, link: { href: `/remisser/${existing.id}`, text: `Öppna ${existing.caseNumber} ”${existing.title}”` } }],
    409,
  );
}

/** The stored remiss as the form's values. */
export function formValuesOf(view: ConsultationView): Record<string, unknown> {
  const c = view.consultation;
  return {
    caseNumber: c.caseNumber,
    title: c.title,
    kind: c.kind,
    senderId: c.senderId,
    coordinatorId: c.coordinatorId ?? '',
    registeredDate: c.registeredDate,
    dueDate: c.dueDate ?? '',
    description: c.description ?? '',
  };
}

export const KIND_OPTIONS = CONSULTATION_KINDS.map((kind) => ({ value: kind, text: CONSULTATION_KIND_LABELS[kind] }));
