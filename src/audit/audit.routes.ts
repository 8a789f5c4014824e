import type { DataSource } from 'typeorm';
import { rolesOnly } from '../authz/policy';
import type { Api } from '../http/route';
import type { AuditEvent } from './audit-event.entity';
import { auditPageSchema, auditQuery } from './audit.schemas';
import { AuditService } from './audit.service';

const presentAuditEvent = (e: AuditEvent) => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  actorUserId: e.actorUserId,
  actorUsername: e.actorUsername,
  organisationId: e.organisationId,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  before: e.before,
  after: e.after,
  requestId: e.requestId,
});

export function registerAuditRoutes(api: Api, dataSource: DataSource): void {
  const audit = new AuditService(dataSource);
  api.add({
    method: 'get',
    path: '/api/audit',
    tag: 'Audit',
    summary: 'List audit events, newest first',
    policy: rolesOnly(['admin']),
    query: auditQuery,
    response: auditPageSchema,
    handler: async ({ query }) => {
      const page = await audit.list(query);
      return { ...page, items: page.items.map(presentAuditEvent) };
    },
  });
}
