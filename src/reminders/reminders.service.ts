import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import { findReadableConsultation } from '../consultations/consultation-access';
import { notFound } from '../http/problem';
import type { Page } from '../http/schemas';
import { Recipient } from '../recipients/recipient.entity';
import { Reminder } from './reminder.entity';

export class RemindersService {
  constructor(private readonly dataSource: DataSource) {}

  /** A recipient's reminders, oldest first; 404 unless the remiss is readable and the recipient is on it. */
  async listForRecipient(actor: Actor, consultationId: string, recipientId: string, page: { limit: number; offset: number }): Promise<Page<Reminder>> {
    const manager = this.dataSource.manager;
    await findReadableConsultation(manager, actor, consultationId);
    if (!(await manager.existsBy(Recipient, { id: recipientId, consultationId }))) throw notFound('The remissinstans');
    const [items, total] = await manager.findAndCount(Reminder, { where: { recipientId }, order: { createdAt: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items, total, ...page };
  }
}
