import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { User } from '../users/user.entity';

/** Each person's own choice whether to get e-mail when it is their turn (Mitt konto and PUT /api/auth/me/notifications). */
export class NotificationSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<{ email: boolean }> {
    const user = await this.dataSource.manager.findOneOrFail(User, { select: { id: true, emailNotifications: true }, where: { id: userId } });
    return { email: user.emailNotifications };
  }

  /** Turning e-mail off also stops what is queued for the user and not yet sent (the worker skips it). */
  async set(email: boolean, context: RequestContext): Promise<{ email: boolean }> {
    const userId = context.actor!.userId;
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneOrFail(User, { select: { id: true, emailNotifications: true }, where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (before.emailNotifications !== email) {
        await manager.update(User, { id: userId }, { emailNotifications: email });
        await recordAudit(manager, context, { action: 'user.notifications_changed', entityType: 'user', entityId: userId, before: { emailNotifications: before.emailNotifications }, after: { emailNotifications: email } });
      }
      return { email };
    });
  }
}
