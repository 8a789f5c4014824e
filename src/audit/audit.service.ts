import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import type { Page } from '../http/schemas';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
  /** The organisation the change concerns; defaults to the actor's. */
  organisationId?: string | null;
}

/**
 * Writes an audit event through the caller's transaction manager, so the event commits or
 * rolls back together with the change it describes.
 */
export async function recordAudit(manager: EntityManager, context: RequestContext, entry: AuditEntry): Promise<void> {
  await manager.insert(AuditEvent, {
    actorUserId: context.actor?.userId ?? null,
    actorUsername: context.actor?.username ?? null,
    organisationId: entry.organisationId !== undefined ? entry.organisationId : (context.actor?.organisationId ?? null),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: context.requestId,
  });
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  /** The actor by username (resolved to the user's id, which is indexed; usernames never change). */
  actorUsername?: string;
  organisationId?: string;
  requestId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditFilter): Promise<Page<AuditEvent>> {
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) query.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorUserId) query.andWhere('e.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.actorUsername) query.andWhere('e.actor_user_id = (SELECT u.id FROM users u WHERE u.username = :actorUsername)', { actorUsername: filter.actorUsername.trim().toLowerCase() });
    if (filter.organisationId) query.andWhere('e.organisation_id = :organisationId', { organisationId: filter.organisationId });
    if (filter.requestId) query.andWhere('e.request_id = :requestId', { requestId: filter.requestId });
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    const [items, total] = await query.orderBy('e.id', 'DESC').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /**
   * The actions and entity types that occur in the log, for the filters' choices. A loose index
   * scan (one index probe per distinct value) instead of DISTINCT, which would read every event.
   */
  async facets(): Promise<{ actions: string[]; entityTypes: string[] }> {
    const distinct = async (column: 'action' | 'entity_type'): Promise<string[]> => {
      const rows: Array<{ value: string }> = await this.dataSource.query(
        `WITH RECURSIVE seen(value) AS (
           (SELECT ${column} FROM audit_events ORDER BY ${column} LIMIT 1)
           UNION ALL
           SELECT (SELECT ${column} FROM audit_events WHERE ${column} > seen.value ORDER BY ${column} LIMIT 1) FROM seen WHERE seen.value IS NOT NULL
         )
         SELECT value FROM seen WHERE value IS NOT NULL`,
      );
      return rows.map((row) => row.value);
    };
    const [actions, entityTypes] = await Promise.all([distinct('action'), distinct('entity_type')]);
    return { actions, entityTypes };
  }
}
