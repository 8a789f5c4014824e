import { z } from 'zod';
import { pageSchema, paginationQuery, uuidSchema } from '../http/schemas';

export const auditQuery = z.strictObject({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  actorUserId: uuidSchema.optional(),
  actorUsername: z.string().trim().min(1).max(80).optional().openapi({ description: 'The actor by username' }),
  organisationId: uuidSchema.optional(),
  requestId: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  ...paginationQuery,
});

export const auditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actorUserId: z.string().nullable(),
    actorUsername: z.string().nullable(),
    organisationId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEvent');

export const auditPageSchema = pageSchema(auditEventSchema, 'AuditEventPage');
