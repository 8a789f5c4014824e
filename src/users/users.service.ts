import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { Session } from '../auth/session.entity';
import { hashPassword } from '../auth/password';
import type { SessionCache } from '../auth/session-cache';
import { badRequest, conflict, notFound } from '../http/problem';
import type { Page } from '../http/schemas';
import { Organisation } from '../organisations/organisation.entity';
import { escapeLike } from '../shared/sql-text';
import { User } from './user.entity';
import { presentUser } from './user.presenter';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from './users.schemas';
import { lockAtVersion, writeNextVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';

export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessionCache?: SessionCache,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.organisationId) qb.andWhere('u.organisation_id = :org', { org: query.organisationId });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) qb.andWhere('(u.username ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    const [items, total] = await qb.orderBy('u.username').take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }).getOne();
    if (!user) throw notFound('The user');
    return user;
  }

  async create(input: CreateUserInput, context: RequestContext): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      await assertOrganisationExists(manager, input.organisationId);
      if (await manager.existsBy(User, { username: input.username })) {
        throw conflict(`The username ${input.username} is taken.`, 'duplicate', [{ path: 'body.username', message: 'is taken by another user' }]);
      }
      const { password: _password, ...fields } = input;
      const user = await manager.save(User, manager.create(User, { ...fields, passwordHash }));
      await recordAudit(manager, context, { action: 'user.created', entityType: 'user', entityId: user.id, after: presentUser(user), organisationId: user.organisationId });
      return user;
    });
  }

  async update(id: string, ifMatch: IfMatch, input: UpdateUserInput, context: RequestContext): Promise<User> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await lockAtVersion(manager, User, { id }, ifMatch, 'The user');
      assertNotLockingOutSelf(id, input, context);
      if (input.organisationId) await assertOrganisationExists(manager, input.organisationId);
      const { password: _password, ...fields } = input;
      const after = await writeNextVersion(manager, User, { id }, before.version, { ...fields, ...(passwordHash ? { passwordHash } : {}) });
      // Deactivation, a new password or changed roles end every open session of the user.
      if (passwordHash || input.active === false || input.roles || input.organisationId) {
        await manager.update(Session, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      await recordAudit(manager, context, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: presentUser(before),
        after: { ...presentUser(after), ...(passwordHash ? { passwordChanged: true } : {}) },
        organisationId: after.organisationId,
      });
      return after;
    });
    this.sessionCache?.evictUser(id);
    return updated;
  }
}

/**
 * An admin cannot deactivate their own account or take away their own admin role: the last admin
 * would lock everyone out of user administration, and any admin would end their own session
 * midway. Another admin does it.
 */
function assertNotLockingOutSelf(id: string, input: UpdateUserInput, context: RequestContext): void {
  if (context.actor?.userId !== id) return;
  if (input.active === false || (input.roles && !input.roles.includes('admin') && context.actor.roles.includes('admin'))) {
    throw conflict('You cannot deactivate your own account or remove your own admin role; ask another admin.', 'own-account');
  }
}

async function assertOrganisationExists(manager: EntityManager, organisationId: string): Promise<void> {
  if (!(await manager.existsBy(Organisation, { id: organisationId }))) {
    throw badRequest('The organisation does not exist.', [{ path: 'body.organisationId', message: 'is not a known organisation' }]);
  }
}

