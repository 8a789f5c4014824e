import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { ROLES } from '../authz/roles';
import { pageSchema, paginationQuery, uuidSchema } from '../http/schemas';

/** A username: lower case letters, digits, dot, dash, underscore (the pages check the same). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{2,80}$/;
export const PASSWORD_MIN_LENGTH = 10;

const roleSchema = z.enum(ROLES);
const rolesSchema = z.array(roleSchema).min(1, 'needs at least one role').max(ROLES.length).refine((roles) => new Set(roles).size === roles.length, 'lists a role twice');
// Long enough to resist guessing; the upper bound keeps argon2 work bounded.
const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(200);
const emailSchema = z.email({ message: 'must be an e-mail address' }).max(254);
// A user's name, title and phone are printed: as handläggare and contact in letters, as a signatory, in the attest.
const nameSchema = z.string().trim().min(1).max(200).superRefine(printable);
const phoneSchema = z.string().trim().max(40).superRefine(printable);
const titleSchema = z.string().trim().max(120).superRefine(printable);

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    organisationId: z.string(),
    roles: z.array(roleSchema),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('User');

export const createUserBody = z
  .strictObject({
    username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'may hold a–z, 0–9, dot, dash and underscore (2–80)'),
    name: nameSchema,
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    title: titleSchema.nullable().optional(),
    organisationId: uuidSchema,
    roles: rolesSchema,
    password: passwordSchema,
  })
  .openapi('CreateUser');

export const updateUserBody = z
  .strictObject({
    name: nameSchema,
    email: emailSchema.nullable(),
    phone: phoneSchema.nullable(),
    title: titleSchema.nullable(),
    organisationId: uuidSchema,
    roles: rolesSchema,
    active: z.boolean(),
    password: passwordSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateUser');

export const listUsersQuery = z.strictObject({
  organisationId: uuidSchema.optional(),
  role: roleSchema.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...paginationQuery,
});

export const userPageSchema = pageSchema(userSchema, 'UserPage');

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
