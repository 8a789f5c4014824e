import { z } from 'zod';
import { pageSchema, paginationQuery, uuidSchema } from '../http/schemas';

const members = z
  .array(uuidSchema)
  .max(1000)
  .refine((ids) => new Set(ids).size === ids.length, 'lists an organisation twice');

export const createDistributionListBody = z
  .strictObject({
    name: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    organisationIds: members,
  })
  .openapi('CreateDistributionList');

export const updateDistributionListBody = z
  .strictObject({ name: z.string().trim().min(2).max(200), description: z.string().trim().max(2000).nullable(), organisationIds: members })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateDistributionList');

export const listDistributionListsQuery = z.strictObject({ q: z.string().trim().min(1).max(100).optional(), ...paginationQuery });

export const distributionListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    memberCount: z.number().int(),
    members: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })).optional(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('DistributionList');

export const distributionListPageSchema = pageSchema(distributionListSchema, 'DistributionListPage');

export type CreateDistributionListInput = z.infer<typeof createDistributionListBody>;
export type UpdateDistributionListInput = z.infer<typeof updateDistributionListBody>;
