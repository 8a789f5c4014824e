import { z } from 'zod';
import { KIND_LABELS } from '../shared/swedish-labels';
import { optionalField } from '../web/form-values';
import { ORGANISATION_KINDS, type Organisation } from './organisation.entity';

const DATE_HINT = 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2024-07-01.';

/** A real calendar day as YYYY-MM-DD (2024-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const day = optionalField(z.string().trim().refine(isCalendarDay, DATE_HINT));
const organisationChoice = optionalField(z.uuid({ message: 'Välj en organisation ur listan.' }));

/**
 * The register form's fields, named as the API's body fields (so a service's field error lands
 * beside the right one), with Swedish messages; an empty field is null ("not set").
 */
export const organisationFields = z
  .object({
    name: z.string({ message: 'Ange organisationens namn.' }).trim().min(2, 'Ange organisationens namn, minst 2 tecken.').max(200, 'Namnet får vara högst 200 tecken.'),
    shortName: optionalField(z.string().trim().max(60, 'Förkortningen får vara högst 60 tecken.')),
    kind: z.enum(ORGANISATION_KINDS, { message: 'Välj typ av organisation.' }),
    parentId: organisationChoice,
    email: optionalField(z.email({ message: 'Ange en e-postadress i rätt format, till exempel registrator@exempel.se.' }).max(254, 'E-postadressen får vara högst 254 tecken.')),
    activeFrom: day,
    activeTo: day,
    successorId: organisationChoice,
    etag: z.string().optional(),
  })
  .refine((o) => !o.activeFrom || !o.activeTo || o.activeTo >= o.activeFrom, { message: 'Aktiv till kan inte vara före Aktiv från.', path: ['activeTo'] });

export type OrganisationFields = z.infer<typeof organisationFields>;

/** What the service takes: the fields without the form's etag. */
export function organisationInput(fields: OrganisationFields) {
  const { etag: _etag, ...input } = fields;
  return input;
}

/** The form's values from a stored organisation. */
export function organisationValues(organisation: Organisation): Record<string, unknown> {
  const { name, shortName, kind, parentId, email, activeFrom, activeTo, successorId } = organisation;
  return { name, shortName, kind, parentId, email, activeFrom, activeTo, successorId };
}

export const KIND_OPTIONS = ORGANISATION_KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind] }));

/** The fields as the conflict view compares them, with names for ids and Swedish for kinds. */
export function conflictFields(names: ReadonlyMap<string, string>) {
  const organisationName = (value: unknown) => (typeof value === 'string' && value ? (names.get(value) ?? value) : '');
  return [
    { name: 'name', label: 'Namn' },
    { name: 'shortName', label: 'Förkortning' },
    { name: 'kind', label: 'Typ', display: (value: unknown) => KIND_LABELS[value as keyof typeof KIND_LABELS] ?? String(value ?? '') },
    { name: 'parentId', label: 'Överordnad', display: organisationName },
    { name: 'email', label: 'E-post (registratur)' },
    { name: 'activeFrom', label: 'Aktiv från' },
    { name: 'activeTo', label: 'Aktiv till' },
    { name: 'successorId', label: 'Efterträdare', display: organisationName },
  ];
}
