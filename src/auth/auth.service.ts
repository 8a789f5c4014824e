import type { DataSource } from 'typeorm';
import type { Actor, RequestContext } from '../authz/actor';
import type { Role } from '../authz/roles';
import { recordAudit } from '../audit/audit.service';
import { HttpProblem } from '../http/problem';
import { User } from '../users/user.entity';
import { burnVerification, hashPassword, verifyPassword } from './password';
import type { SessionCache } from './session-cache';
import { Session } from './session.entity';
import { hashSessionToken, newSessionToken } from './session-token';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

const WRONG_CREDENTIALS = new HttpProblem(401, 'Wrong username or password.', { slug: 'invalid-credentials', title: 'Login failed' });

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessionTtlMinutes: number,
    private readonly cache: SessionCache,
  ) {}

  async login(username: string, password: string, context: RequestContext): Promise<LoginResult> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username: username.trim().toLowerCase() })
      .getOne();
    if (!user || !user.active) {
      await burnVerification(password);
      throw WRONG_CREDENTIALS;
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw WRONG_CREDENTIALS;

    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.sessionTtlMinutes * 60_000);
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.save(Session, manager.create(Session, { tokenHash: hashSessionToken(token), userId: user.id, expiresAt }));
      await manager.update(User, { id: user.id }, { lastLoginAt: new Date() });
      const actorContext: RequestContext = { ...context, actor: toActor(user, session.id) };
      await recordAudit(manager, actorContext, { action: 'auth.login', entityType: 'session', entityId: session.id, after: { expiresAt } });
    });
    return { token, expiresAt, user };
  }

  /** The actor behind a token, or null when it is unknown, expired, revoked or its user deactivated. */
  async resolve(token: string): Promise<Actor | null> {
    const tokenHash = hashSessionToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    const generation = this.cache.generation;
    const rows: Array<{ session_id: string; expires_at: Date; id: string; username: string; name: string; organisation_id: string; roles: Role[] }> =
      await this.dataSource.query(
        `SELECT s.id AS session_id, s.expires_at, u.id, u.username, u.name, u.organisation_id, u.roles
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
        [tokenHash],
      );
    const row = rows[0];
    if (!row) return null;
    const actor: Actor = {
      sessionId: row.session_id,
      userId: row.id,
      username: row.username,
      name: row.name,
      organisationId: row.organisation_id,
      roles: row.roles,
      sessionExpiresAt: new Date(row.expires_at),
    };
    this.cache.set(tokenHash, actor, row.expires_at, { generation });
    return actor;
  }

  /**
   * The user's own new password, given the current one. Every other session of the user ends (a
   * stolen one among them); this one goes on. Answers false when the current password is wrong.
   */
  async changeOwnPassword(context: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
    const actor = context.actor!;
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.userId }).getOne();
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: actor.userId }, { passwordHash, version: () => 'version + 1' });
      await manager
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: new Date() })
        .where('user_id = :userId AND revoked_at IS NULL AND id <> :sessionId', { userId: actor.userId, sessionId: actor.sessionId })
        .execute();
      await recordAudit(manager, context, { action: 'user.password-changed', entityType: 'user', entityId: actor.userId, after: { passwordChanged: true }, organisationId: actor.organisationId });
    });
    this.cache.evictUser(actor.userId);
    return true;
  }

  /**
   * Moves the end of the caller's session a whole lifetime on (the pages offer it before it ends,
   * WCAG 2.2.1); answers the new end.
   */
  async extend(context: RequestContext): Promise<Date> {
    const actor = context.actor!;
    const expiresAt = new Date(Date.now() + this.sessionTtlMinutes * 60_000);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Session, { id: actor.sessionId }, { expiresAt });
      await recordAudit(manager, context, { action: 'auth.extend', entityType: 'session', entityId: actor.sessionId, after: { expiresAt } });
    });
    this.cache.evictSession(actor.sessionId);
    return expiresAt;
  }

  /**
   * The user whose session behind this token ran out (not one that was logged out or whose user was
   * deactivated): a form they posted after expiry is kept for them until they log in again.
   */
  async userOfExpiredSession(token: string): Promise<string | undefined> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at <= now() AND u.active`,
      [hashSessionToken(token)],
    );
    return rows[0]?.user_id;
  }

  async logout(context: RequestContext): Promise<void> {
    const actor = context.actor;
    if (!actor) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Session, { id: actor.sessionId }, { revokedAt: new Date() });
      await recordAudit(manager, context, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId });
    });
    this.cache.evictSession(actor.sessionId);
  }
}

export function toActor(user: User, sessionId: string): Actor {
  return { sessionId, userId: user.id, username: user.username, name: user.name, organisationId: user.organisationId, roles: user.roles };
}
