import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { anyUser } from '../authz/policy';
import type { Api } from '../http/route';
import { NotificationSettingsService } from './notification-settings.service';

const settingsSchema = z
  .strictObject({ email: z.boolean().openapi({ description: 'E-mail when it is my turn: attestanter when an answer is sent to review, the assignee when it is returned or approved, the coordinator when it is submitted' }) })
  .openapi('NotificationSettings');

export function registerNotificationRoutes(api: Api, dataSource: DataSource): void {
  const settings = new NotificationSettingsService(dataSource);

  api.add({
    method: 'get',
    path: '/api/auth/me/notifications',
    tag: 'Auth',
    summary: "The logged-in user's choice of notifications",
    policy: anyUser(),
    response: settingsSchema,
    handler: async ({ context }) => settings.get(context.actor!.userId),
  });

  api.add({
    method: 'put',
    path: '/api/auth/me/notifications',
    tag: 'Auth',
    summary: 'Turn e-mail about my turn on or off (audited); messages queued and not yet sent are then not sent',
    policy: anyUser(),
    body: settingsSchema,
    response: settingsSchema,
    handler: async ({ body, context }) => settings.set(body.email, context),
  });
}
