import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import { canManageConsultations } from '../consultations/consultation-access';
import type { Api } from '../http/route';
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
    response: reminderListSchema,
    errors: [404],
    handler: async ({ params, context }) => {
      const actor = context.actor!;
      const list = await reminders.listForRecipient(actor, params.id, params.recipientId);
      const showAddresses = canManageConsultations(actor);
      return { items: list.items.map((reminder) => presentReminder(reminder, showAddresses)), total: list.total };
    },
  });
}
