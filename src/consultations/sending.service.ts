import type { DataSource, EntityManager } from 'typeorm';
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
import { assertHistoricSentDate, historicSentAt, recordHistoricSentEvents, REGISTERED_AFTERWARDS } from './historic-sending';

interface Dispatch {
  sentAt: Date;
  sentDate: string;
  /** Registered afterwards: the send date is the registrator's and must be checked. */
  historic: boolean;
  /** Queues the remissbrev (or, for a remiss registered afterwards, records that none goes out); answers the audit's figures. */
  dispatch(manager: EntityManager, ids: string[], dueDate: string | null, actorUserId: string): Promise<Record<string, unknown>>;
}

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
    const sentAt = new Date();
    const view = await this.open(consultationId, ifMatch, context, {
      sentAt,
      sentDate: todayInStockholm(sentAt),
      historic: false,
      async dispatch(manager, ids, dueDate, actorUserId) {
        await recordRecipientEvents(manager, ids, 'sent', actorUserId, { dueDate });
        const deliveries = await queueDeliveries(manager, ids, actorUserId);
        return { emailsQueued: deliveries.queued, withoutAddress: deliveries.noAddress };
      },
    });
    this.deliveries?.notify();
    return view;
  }

  /**
   * Registers a remiss sent before the remisstjänst existed (src/consultations/historic-sending.ts):
   * the draft opens as sent on `sentDate`, its recipients checked against the register of that day,
   * and no remissbrev is queued or mailed. The due date may have passed.
   */
  async recordSent(consultationId: string, sentDate: string, ifMatch: IfMatch | undefined, context: RequestContext): Promise<ConsultationView> {
    const sentAt = historicSentAt(sentDate);
    return this.open(consultationId, ifMatch, context, {
      sentAt,
      sentDate,
      historic: true,
      async dispatch(manager, ids, dueDate, actorUserId) {
        await recordHistoricSentEvents(manager, ids, sentAt, actorUserId, dueDate);
        return { [REGISTERED_AFTERWARDS]: true, emailsQueued: 0 };
      },
    });
  }

  private async open(consultationId: string, ifMatch: IfMatch | undefined, context: RequestContext, how: Dispatch): Promise<ConsultationView> {
    assertCanManageConsultations(context.actor!);
    return this.dataSource.transaction(async (manager) => {
      const before = await findReadableConsultation(manager, context.actor!, consultationId, true);
      assertVersion(before, ifMatch);
      if (before.status !== 'draft') throw conflict(`The remiss is ${before.status}; only a draft can be sent, and only once.`, 'already-sent');
      const { sentAt, sentDate } = how;
      if (how.historic) assertHistoricSentDate(sentDate, before.registeredDate);
      const ids = await settleUnsentRecipients(manager, consultationId, sentDate, context);
      const errors: FieldError[] = [];
      if (!before.dueDate) errors.push({ path: 'dueDate', message: 'must be set before sending' });
      if (ids.length === 0) errors.push({ path: 'recipients', message: 'add at least one recipient before sending' });
      if (errors.length) throw new HttpProblem(422, 'The remiss is not ready to be sent.', { slug: 'not-ready-to-send', errors });

      await manager.update(Consultation, { id: consultationId, version: before.version }, { status: 'open', sentDate, version: before.version + 1 });
      await manager.createQueryBuilder().update(Recipient).set({ sentAt }).where('id IN (:...ids)', { ids }).execute();
      const figures = await how.dispatch(manager, ids, before.dueDate, context.actor!.userId);
      const after = await manager.findOneByOrFail(Consultation, { id: consultationId });
      await recordAudit(manager, context, {
        action: 'consultation.sent',
        entityType: 'consultation',
        entityId: consultationId,
        before: snapshot(before),
        after: { ...snapshot(after), dispatchedRecipients: ids.length, ...figures },
      });
      return (await viewsOf(manager, [after]))[0];
    });
  }
}
