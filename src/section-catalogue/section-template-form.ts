import { z } from 'zod';
import { HttpProblem } from '../http/problem';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisations/organisation.entity';
import { ORGANISATION_KIND_GROUP_LABELS, yesNo } from '../shared/swedish-labels';
import { SECTION_KEY } from '../statements/statements.schemas';
import { FormRejection, type FormError } from '../web/form-errors';
import type { SectionTemplate } from './section-template.entity';

type DefaultKind = OrganisationKind | '*';

/** One textarea per organisation kind, the catch-all first; its form field name and label. */
export const DEFAULT_TEXT_FIELDS: Array<{ kind: DefaultKind; name: string; label: string }> = [
  { kind: '*', name: 'default-all', label: 'Standardtext för alla' },
  ...ORGANISATION_KINDS.map((kind) => ({ kind, name: `default-${kind}`, label: `Standardtext för ${ORGANISATION_KIND_GROUP_LABELS[kind].toLowerCase()}` })),
];

const fieldOfKind = new Map(DEFAULT_TEXT_FIELDS.map((field) => [field.kind as string, field.name]));

/** A checkbox posts "ja" when checked and nothing when not. */
const checkbox = z.preprocess((value) => value === 'ja', z.boolean());
const defaultText = z.string().optional().transform((text) => text?.replace(/\r\n/g, '\n').trim() ?? '');

const commonFields = {
  heading: z.string({ message: 'Ange rubriken.' }).trim().min(1, 'Ange rubriken.').max(200, 'Rubriken får vara högst 200 tecken.'),
  standard: checkbox,
  required: checkbox,
  ...Object.fromEntries(DEFAULT_TEXT_FIELDS.map((field) => [field.name, defaultText])),
} as Record<string, z.ZodType>;

export const createTemplateFields = z.object({
  key: z
    .string({ message: 'Ange en nyckel.' })
    .trim()
    .toLowerCase()
    .min(1, 'Ange en nyckel.')
    .regex(SECTION_KEY, 'Nyckeln får bara innehålla a–z, 0–9 och bindestreck, högst 60 tecken, till exempel ”ekonomiska-konsekvenser”.'),
  ...commonFields,
});

export const editTemplateFields = z.object({ ...commonFields, etag: z.string().optional() });

type Fields = Record<string, unknown>;

/** The service's input from the form: the non-empty default texts by kind. */
export function templateInput(fields: Fields) {
  const defaults: Partial<Record<DefaultKind, string>> = {};
  for (const field of DEFAULT_TEXT_FIELDS) {
    const text = fields[field.name];
    if (typeof text === 'string' && text) defaults[field.kind] = text;
  }
  return { heading: fields.heading, standard: fields.standard, required: fields.required, defaults };
}

/** Where a path of the service's input is on the form. */
export function templateFieldFor(path: readonly PropertyKey[]): string | undefined {
  const [first, second] = path.map(String);
  return first === 'defaults' ? fieldOfKind.get(second) : first;
}

/** The form's values from a stored entry (checkboxes as the "ja" they post). */
export function templateValues(template: SectionTemplate): Record<string, unknown> {
  const values: Record<string, unknown> = { heading: template.heading, standard: template.standard ? 'ja' : '', required: template.required ? 'ja' : '' };
  for (const field of DEFAULT_TEXT_FIELDS) values[field.name] = template.defaults[field.kind] ?? '';
  return values;
}

/** A checkbox as posted ('ja') or stored (true), as the conflict view shows it. */
const yesNoPosted = (value: unknown) => yesNo(value === 'ja' || value === true);

export function templateConflictFields() {
  return [
    { name: 'heading', label: 'Rubrik' },
    { name: 'standard', label: 'Med i nya utlåtanden', display: yesNoPosted },
    { name: 'required', label: 'Obligatoriskt', display: yesNoPosted },
    ...DEFAULT_TEXT_FIELDS.map((field) => ({ name: field.name, label: field.label })),
  ];
}

/**
 * A default text the service could not compile comes back as a field error with Handlebars' own
 * English message: the page says it in Swedish beside the right textarea, with the line if known.
 */
export function rejectBrokenTemplates(error: unknown): never {
  if (error instanceof HttpProblem && error.status === 400 && error.options.errors?.some((e) => e.path.startsWith('body.defaults.'))) {
    const errors: FormError[] = error.options.errors.map((e) => {
      const line = /line (\d+)/.exec(e.message)?.[1];
      return {
        field: fieldOfKind.get(e.path.replace('body.defaults.', '')),
        message: `Texten går inte att använda som mall${line ? ` (rad ${line})` : ''}. Kontrollera klamrarna: varje {{#if …}} behöver sitt {{/if}}, och bara uppgifterna i listan går att använda.`,
      };
    });
    throw new FormRejection(errors);
  }
  throw error;
}
