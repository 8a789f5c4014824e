import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import { findReadableConsultation } from '../consultations/consultation-access';
import { notFound } from '../http/problem';
import { Recipient } from '../recipients/recipient.entity';
import { Reminder } from './reminder.entity';

/** At most two per deadline, one more pair per anstånd: a fixed cap keeps the list bounded all the same. */
const MAX_LISTED = 200;

export class RemindersService {
  constructor(private readonly dataSource: DataSource) {}

  /** A recipient's reminders, oldest first; 404 unless the remiss is readable and the recipient is on it. */
  async listForRecipient(actor: Actor, consultationId: string, recipientId: string): Promise<{ items: Reminder[]; total: number }> {
    const manager = this.dataSource.manager;
    await findReadableConsultation(manager, actor, consultationId);
    if (!(await manager.existsBy(Recipient, { id: recipientId, consultationId }))) throw notFound('The remissinstans');
    const [items, total] = await manager.findAndCount(Reminder, { where: { recipientId }, order: { createdAt: 'ASC', id: 'ASC' }, take: MAX_LISTED });
    return { items, total };
  }
}
