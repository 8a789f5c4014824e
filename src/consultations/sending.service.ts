import type { DataSource } from 'typeorm';
import { queueDeliveries, type DeliveryNotifier } from '../deliveries/delivery-queue';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { conflict, HttpProblem, type FieldError } from '../http/problem';
import { recordRecipientEvents } from '../recipients/recipient-events';
import { Recipient } from '../recipients/recipient.entity';
import { settleUnsentRecipients } from '../recipients/recipients-on-send-date';
import { todayInStockholm } from '../shared/dates';
import { assertCanManageConsultations, findReadableConsultation } from './consultation-access';
import { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.presenter';
import { snapshot, viewsOf } from './consultations.service';
import type { IfMatch } from '../http/etag';
import { assertVersion } from '../db/versioned-write';

export class SendingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries?: DeliveryNotifier,
  ) {}

  /**
   * Sends a draft remiss: every recipient is dispatched, the remiss opens. Deadline warnings come
   * with the answer. Each recipient's remissbrev is queued for e-mail to its registratur address
   * (or marked for post) in the same transaction; the delivery worker renders and mails them after
   * the commit, so sending stays one quick transaction however many recipients there are.
   */
  async send(consultationId: string, ifMatch: IfMatch | undefined, context: RequestContext): Promise<ConsultationView> {
    assertCanManageConsultations(context.actor!);
    const view = await this.dataSource.transaction(async (manager) => {
      const before = await findReadableConsultation(manager, context.actor!, consultationId, true);
      assertVersion(before, ifMatch);
      if (before.status !== 'draft') throw conflict(`The remiss is ${before.status}; only a draft can be sent, and only once.`, 'already-sent');
      const sentAt = new Date();
      const sentDate = todayInStockholm(sentAt);
      const ids = await settleUnsentRecipients(manager, consultationId, sentDate, context);
      const errors: FieldError[] = [];
      if (!before.dueDate) errors.push({ path: 'dueDate', message: 'must be set before sending' });
      if (ids.length === 0) errors.push({ path: 'recipients', message: 'add at least one recipient before sending' });
      if (errors.length) throw new HttpProblem(422, 'The remiss is not ready to be sent.', { slug: 'not-ready-to-send', errors });

      await manager.update(Consultation, { id: consultationId, version: before.version }, { status: 'open', sentDate, version: before.version + 1 });
      await manager.createQueryBuilder().update(Recipient).set({ sentAt }).where('id IN (:...ids)', { ids }).execute();
      await recordRecipientEvents(manager, ids, 'sent', context.actor!.userId, { dueDate: before.dueDate });
      const deliveries = await queueDeliveries(manager, ids, context.actor!.userId);
      const after = await manager.findOneByOrFail(Consultation, { id: consultationId });
      await recordAudit(manager, context, {
        action: 'consultation.sent',
        entityType: 'consultation',
        entityId: consultationId,
        before: snapshot(before),
        after: { ...snapshot(after), dispatchedRecipients: ids.length, emailsQueued: deliveries.queued, withoutAddress: deliveries.noAddress },
      });
      return (await viewsOf(manager, [after]))[0];
    });
    this.deliveries?.notify();
    return view;
  }
}
