import { In, type DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import type { Role } from '../authz/roles';
import { recordAudit } from '../audit/audit.service';
import { badRequest, notFound } from '../http/problem';
import type { Page } from '../http/schemas';
import { Organisation } from '../organisations/organisation.entity';
import { escapeLike } from '../shared/sql-text';
import { DistributionList, DistributionListMember } from './distribution-list.entity';
import type { CreateDistributionListInput, UpdateDistributionListInput } from './distribution-lists.schemas';
import { lockAtVersion, writeNextVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';

/** Who keeps the sändlistor (the API's policy and the pages' buttons). */
export const DISTRIBUTION_LIST_KEEPERS: readonly Role[] = ['admin', 'registrator'];

export interface DistributionListView {
  list: DistributionList;
  memberCount: number;
  members?: Array<{ id: string; name: string; kind: string }>;
}

export class DistributionListsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: { q?: string; limit: number; offset: number }): Promise<Page<DistributionListView>> {
    const qb = this.dataSource.manager.createQueryBuilder(DistributionList, 'l');
    if (query.q) qb.where('l.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const [lists, total] = await qb.orderBy('l.name').limit(query.limit).offset(query.offset).getManyAndCount();
    const counts: Array<{ list_id: string; n: number }> = lists.length
      ? await this.dataSource.query('SELECT list_id, count(*)::int AS n FROM distribution_list_members WHERE list_id = ANY($1::uuid[]) GROUP BY list_id', [lists.map((l) => l.id)])
      : [];
    const countOf = new Map(counts.map((c) => [c.list_id, c.n]));
    return { items: lists.map((list) => ({ list, memberCount: countOf.get(list.id) ?? 0 })), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<DistributionListView> {
    const list = await manager.findOneBy(DistributionList, { id });
    if (!list) throw notFound('The distribution list');
    const members: Array<{ id: string; name: string; kind: string }> = await manager.query(
      'SELECT o.id, o.name, o.kind FROM distribution_list_members m JOIN organisations o ON o.id = m.organisation_id WHERE m.list_id = $1 ORDER BY m.position',
      [id],
    );
    return { list, memberCount: members.length, members };
  }

  async create(input: CreateDistributionListInput, context: RequestContext): Promise<DistributionListView> {
    return this.dataSource.transaction(async (manager) => {
      await assertOrganisationsExist(manager, input.organisationIds);
      const list = await manager.save(DistributionList, manager.create(DistributionList, { name: input.name, description: input.description ?? null }));
      await replaceMembers(manager, list.id, input.organisationIds);
      await recordAudit(manager, context, { action: 'distribution_list.created', entityType: 'distribution_list', entityId: list.id, after: { name: list.name, organisationIds: input.organisationIds } });
      return this.get(list.id, manager);
    });
  }

  async update(id: string, ifMatch: IfMatch, input: UpdateDistributionListInput, context: RequestContext): Promise<DistributionListView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockAtVersion(manager, DistributionList, { id }, ifMatch, 'The distribution list');
      const beforeView = await this.get(id, manager);
      const { organisationIds, ...fields } = input;
      await writeNextVersion(manager, DistributionList, { id }, before.version, fields);
      if (organisationIds) {
        await assertOrganisationsExist(manager, organisationIds);
        await replaceMembers(manager, id, organisationIds);
      }
      const after = await this.get(id, manager);
      await recordAudit(manager, context, {
        action: 'distribution_list.updated',
        entityType: 'distribution_list',
        entityId: id,
        before: { name: before.name, description: before.description, organisationIds: beforeView.members!.map((m) => m.id) },
        after: { name: after.list.name, description: after.list.description, organisationIds: after.members!.map((m) => m.id) },
      });
      return after;
    });
  }

  /** Remisser already sent via the list keep their recipients; only the link to the list is cleared. */
  async remove(id: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.get(id, manager);
      await manager.delete(DistributionList, { id });
      await recordAudit(manager, context, { action: 'distribution_list.deleted', entityType: 'distribution_list', entityId: id, before: { name: before.list.name, organisationIds: before.members!.map((m) => m.id) } });
    });
  }
}

async function replaceMembers(manager: EntityManager, listId: string, organisationIds: string[]): Promise<void> {
  await manager.delete(DistributionListMember, { listId });
  if (organisationIds.length) await manager.insert(DistributionListMember, organisationIds.map((organisationId, index) => ({ listId, organisationId, position: index + 1 })));
}

async function assertOrganisationsExist(manager: EntityManager, ids: string[]): Promise<void> {
  const known = new Set((await manager.find(Organisation, { select: { id: true }, where: { id: In(ids) } })).map((o) => o.id));
  const errors = ids.flatMap((id, index) => (known.has(id) ? [] : [{ path: `body.organisationIds.${index}`, message: 'is not a known organisation' }]));
  if (errors.length) throw badRequest('Some organisations do not exist.', errors);
}

