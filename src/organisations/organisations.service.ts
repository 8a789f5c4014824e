import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import type { Role } from '../authz/roles';
import { recordAudit } from '../audit/audit.service';
import { sqlState } from '../http/database-errors';
import { badRequest, conflict, notFound } from '../http/problem';
import type { Page } from '../http/schemas';
import { todayInStockholm } from '../shared/dates';
import { escapeLike } from '../shared/sql-text';
import { activeOnSql } from './active-period';
import { Organisation } from './organisation.entity';
import { presentOrganisation } from './organisation.presenter';
import type { CreateOrganisationInput, ListOrganisationsQuery, UpdateOrganisationInput } from './organisations.schemas';
import { lockAtVersion, writeNextVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';

const SELECT_ORGANISATION_BY_ID = `
  SELECT id, register_key AS "registerKey", name, short_name AS "shortName", kind, parent_id AS "parentId", email,
         active_from::text AS "activeFrom", active_to::text AS "activeTo", successor_id AS "successorId", version, created_at AS "createdAt", updated_at AS "updatedAt"
    FROM organisations WHERE id = $1`;

/** Who keeps the register, and who may delete a mistaken entry (the API's policies and the pages' buttons). */
export const REGISTER_KEEPERS: readonly Role[] = ['admin', 'registrator'];
export const REGISTER_DELETERS: readonly Role[] = ['admin'];

const SORT_COLUMNS = { name: 'lower(o.name)', kind: 'o.kind', createdAt: 'o.created_at' } as const;

export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ListOrganisationsQuery): Promise<Page<Organisation>> {
    const qb = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: query.parentId });
    if (query.q) qb.andWhere('(o.name ILIKE :q OR o.short_name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.active !== undefined) {
      qb.andWhere(query.active ? activeOnSql('o', 'today') : `NOT ${activeOnSql('o', 'today')}`, { today: todayInStockholm() });
    }
    if (query.activeOn) qb.andWhere(activeOnSql('o', 'activeOn'), { activeOn: query.activeOn });
    const descending = query.sort.startsWith('-');
    const column = SORT_COLUMNS[query.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('o.id', 'ASC');
    const [items, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Organisation> {
    // The hottest read in the API (bench:api): plain SQL, because building and hydrating a TypeORM
    // query costs more CPU than the database lookup itself.
    const rows: Organisation[] = await this.dataSource.query(SELECT_ORGANISATION_BY_ID, [id]);
    if (!rows[0]) throw notFound('The organisation');
    return rows[0];
  }

  /** Names of the given organisations (a list's parents and successors, a sändlista's members on a conflict page). */
  async namesOf(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query('SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])', [wanted]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Every organisation active on the day, by kind then name: what a chooser offers (the register is some hundred rows). */
  async activeOn(day = todayInStockholm()): Promise<Array<{ id: string; name: string; kind: Organisation['kind'] }>> {
    return this.dataSource.query(
      `SELECT id, name, kind FROM organisations o WHERE (o.active_from IS NULL OR o.active_from <= $1) AND (o.active_to IS NULL OR o.active_to >= $1) ORDER BY kind, lower(name), id`,
      [day],
    );
  }

  /** Every organisation (for the parent and successor choosers), by name. */
  async all(): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query('SELECT id, name FROM organisations ORDER BY lower(name), id');
  }

  async create(input: CreateOrganisationInput, context: RequestContext): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      if (input.parentId) await assertValidParent(manager, input.parentId, null);
      if (input.successorId) await assertValidSuccessor(manager, input.successorId, null);
      await assertNameFree(manager, input.name, null);
      const organisation = await manager.save(Organisation, manager.create(Organisation, input));
      await recordAudit(manager, context, { action: 'organisation.created', entityType: 'organisation', entityId: organisation.id, after: presentOrganisation(organisation) });
      return organisation;
    });
  }

  async update(id: string, ifMatch: IfMatch, input: UpdateOrganisationInput, context: RequestContext): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockAtVersion(manager, Organisation, { id }, ifMatch, 'The organisation');
      if (input.parentId) await assertValidParent(manager, input.parentId, id);
      if (input.successorId) await assertValidSuccessor(manager, input.successorId, id);
      if (input.name) await assertNameFree(manager, input.name, id);
      const activeFrom = input.activeFrom !== undefined ? input.activeFrom : before.activeFrom;
      const activeTo = input.activeTo !== undefined ? input.activeTo : before.activeTo;
      if (activeFrom && activeTo && activeTo < activeFrom) {
        throw badRequest('The active period ends before it starts.', [{ path: 'body.activeTo', message: 'must not be before activeFrom' }]);
      }
      const after = await writeNextVersion(manager, Organisation, { id }, before.version, input);
      await recordAudit(manager, context, {
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        before: presentOrganisation(before),
        after: presentOrganisation(after),
      });
      return after;
    });
  }

  /** Hard delete only for a mistaken entry nothing refers to; otherwise end it with activeTo. */
  async remove(id: string, context: RequestContext): Promise<void> {
    await withInUseCheck(() =>
      this.dataSource.transaction(async (manager) => {
        const before = await manager.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!before) throw notFound('The organisation');
        await manager.delete(Organisation, { id });
        await recordAudit(manager, context, { action: 'organisation.deleted', entityType: 'organisation', entityId: id, before: presentOrganisation(before) });
      }),
    );
  }
}

async function assertNameFree(manager: EntityManager, name: string, ownId: string | null): Promise<void> {
  const clash = await manager
    .createQueryBuilder(Organisation, 'o')
    .where('lower(o.name) = lower(:name)', { name })
    .andWhere(ownId ? 'o.id <> :ownId' : 'TRUE', { ownId })
    .getOne();
  if (clash) throw conflict(`An organisation named "${clash.name}" already exists.`, 'duplicate');
}

/** The parent must exist and must not be the organisation itself or one of its descendants. */
async function assertValidParent(manager: EntityManager, parentId: string, ownId: string | null): Promise<void> {
  const parentError = (message: string) => badRequest('The parent organisation is not valid.', [{ path: 'body.parentId', message }]);
  if (!(await manager.existsBy(Organisation, { id: parentId }))) throw parentError('is not a known organisation');
  if (!ownId) return;
  const rows: Array<{ id: string }> = await manager.query(
    `WITH RECURSIVE ancestors(id, parent_id) AS (
       SELECT id, parent_id FROM organisations WHERE id = $1
       UNION SELECT o.id, o.parent_id FROM organisations o JOIN ancestors a ON o.id = a.parent_id
     ) SELECT id FROM ancestors WHERE id = $2`,
    [parentId, ownId],
  );
  if (rows.length) throw parentError('would make the organisation its own ancestor');
}

/** A successor is another existing organisation, and following successors from it never comes back (a resolution must end). */
async function assertValidSuccessor(manager: EntityManager, successorId: string, ownId: string | null): Promise<void> {
  const successorError = (message: string) => badRequest('The successor organisation is not valid.', [{ path: 'body.successorId', message }]);
  if (successorId === ownId) throw successorError('must be another organisation');
  if (!(await manager.existsBy(Organisation, { id: successorId }))) throw successorError('is not a known organisation');
  if (!ownId) return;
  const rows: Array<{ id: string }> = await manager.query(
    `WITH RECURSIVE successors(id, successor_id) AS (
       SELECT id, successor_id FROM organisations WHERE id = $1
       UNION SELECT o.id, o.successor_id FROM organisations o JOIN successors s ON o.id = s.successor_id
     ) SELECT id FROM successors WHERE id = $2`,
    [successorId, ownId],
  );
  if (rows.length) throw successorError('would make the organisation its own successor');
}

/** Whatever refers to the organisation (users, sub-organisations, remisser, answers), the delete says how to retire it instead. */
async function withInUseCheck<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === '23503') {
      throw conflict('The organisation is in use (it has users, sub-organisations or remisser). Set activeTo to retire it instead.', 'in-use');
    }
    throw error;
  }
}
