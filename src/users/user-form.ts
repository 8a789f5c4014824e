import { z } from 'zod';
import { ROLES, type Role } from '../authz/roles';
import { USER_ROLE_LABELS } from '../shared/swedish-labels';
import { optionalField } from '../web/form-values';
import type { User } from './user.entity';
import { PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from './users.schemas';

/** What each role lets a person do, beside its checkbox: the admin picks by the job, not the code. */
const ROLE_HINTS: Record<Role, string> = {
  admin: 'Användare, avsnittskatalogen, granskningsloggen och allt en registrator gör.',
  registrator: 'Registrerar och skickar remisser, håller sändlistor och organisationer.',
  handlaggare: 'Skriver organisationens svar på remisser.',
  attestant: 'Granskar och godkänner organisationens svar.',
  coordinator: 'Följer och sammanställer svaren på remisser som organisationen samordnar.',
  reader: 'Läser skickade remisser.',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, text: USER_ROLE_LABELS[role], hint: ROLE_HINTS[role] }));

export const roleNames = (roles: readonly Role[]) => roles.map((role) => USER_ROLE_LABELS[role] ?? role).join(', ');


/** A checkbox group posts nothing, one value or several: always a list here. */
const rolesField = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(ROLES, { message: 'Välj roller ur listan.' }))
    .min(1, 'Välj minst en roll.')
    .transform((roles) => [...new Set(roles)]),
);

/**
 * The user form's fields, named as the API's body fields (a service's field error lands beside the
 * right one), with Swedish messages for what a person gets wrong; the API's own schema is applied
 * after these (parseForService) so a page can never hand the service what the API would refuse.
 */
const detailFields = {
  name: z.string({ message: 'Ange namnet.' }).trim().min(1, 'Ange namnet.').max(200, 'Namnet får vara högst 200 tecken.'),
  title: optionalField(z.string().trim().max(120, 'Titeln får vara högst 120 tecken.')),
  phone: optionalField(z.string().trim().max(40, 'Telefonnumret får vara högst 40 tecken.')),
  email: optionalField(z.email({ message: 'Ange en e-postadress i rätt format, till exempel namn@stockholm.se.' }).max(254, 'E-postadressen får vara högst 254 tecken.')),
  organisationId: z.uuid({ message: 'Välj organisation.' }),
  roles: rolesField,
};

export const passwordField = z
  .string({ message: 'Ange ett lösenord.' })
  .min(1, 'Ange ett lösenord.')
  .min(PASSWORD_MIN_LENGTH, `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken.`)
  .max(200, 'Lösenordet får vara högst 200 tecken.');

export const createUserFields = z.object({
  username: z
    .string({ message: 'Ange ett användarnamn.' })
    .trim()
    .toLowerCase()
    .min(1, 'Ange ett användarnamn.')
    .regex(USERNAME_PATTERN, 'Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck, 2–80 tecken, till exempel ”anna.andersson”.'),
  ...detailFields,
  password: passwordField,
});

export const editUserFields = z.object({ ...detailFields, etag: z.string().optional() });

export type EditUserFields = z.infer<typeof editUserFields>;

/** The edit form's values from a stored user. */
export function userValues(user: User): Record<string, unknown> {
  const { name, title, phone, email, organisationId, roles } = user;
  return { name, title, phone, email, organisationId, roles };
}

/** The fields as the conflict view compares them, with names for ids and Swedish for roles. */
export function userConflictFields(organisationNames: ReadonlyMap<string, string>) {
  const asRoles = (value: unknown) => {
    const list = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
    return roleNames(list as Role[]);
  };
  return [
    { name: 'name', label: 'Namn' },
    { name: 'title', label: 'Titel' },
    { name: 'phone', label: 'Telefon' },
    { name: 'email', label: 'E-post' },
    { name: 'organisationId', label: 'Organisation', display: (value: unknown) => (typeof value === 'string' ? (organisationNames.get(value) ?? value) : '') },
    { name: 'roles', label: 'Roller', display: asRoles },
  ];
}
