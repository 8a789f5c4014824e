import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import { canManageConsultations } from '../consultations/consultation-access';
import type { Api } from '../http/route';
import { paginationQuerySchema } from '../http/schemas';
import { presentReminder } from './reminder.presenter';
import { recipientRemindersParams, reminderListSchema } from './reminders.schemas';
import { RemindersService } from './reminders.service';

export function registerReminderRoutes(api: Api, deps: { dataSource: DataSource }): void {
  const reminders = new RemindersService(deps.dataSource);

  api.add({
    method: 'get',
    path: '/api/consultations/:id/recipients/:recipientId/reminders',
    tag: 'Reminders',
    summary: "A remissinstans' reminders (påminnelser): owed, sent, skipped or given up",
    policy: anyUser(),
    params: recipientRemindersParams,
    query: paginationQuerySchema,
    response: reminderListSchema,
    errors: [404],
    handler: async ({ params, query, context }) => {
      const actor = context.actor!;
      const list = await reminders.listForRecipient(actor, params.id, params.recipientId, query);
      const showAddresses = canManageConsultations(actor);
      return { ...list, items: list.items.map((reminder) => presentReminder(reminder, showAddresses)) };
    },
  });
}
