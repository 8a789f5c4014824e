import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { assertCanManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import type { NamedDocument } from '../documents/documents.service';
import { loadCoverLetter, writingAdministration } from '../documents/letter-documents.loader';
import { conflict } from '../http/problem';
import { wasRegisteredAfterwards } from '../consultations/historic-sending';
import { Organisation } from '../organisations/organisation.entity';
import { recordRecipientEvents } from '../recipients/recipient-events';
import { findRecipient } from '../recipients/recipients.service';
import { Recipient } from '../recipients/recipient.entity';
import type { RecipientDeliveryView } from '../recipients/status-board';
import type { DeliveryNotifier } from './delivery-queue';
import { RecipientDelivery } from './delivery.entity';

/** Delivery statuses whose letter the postal PDF can hold: never mailed, or mailing given up. */
export type PostalStatus = 'no_address' | 'failed';

export class DeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier?: DeliveryNotifier,
  ) {}

  /**
   * One PDF of the remissbrev of every recipient the letter could not be e-mailed to (no address in
   * the register; with `failed`, also those given up), in distribution order, for sending by post.
   * 409 when there is none.
   */
  async postalLetters(consultationId: string, statuses: PostalStatus[], context: RequestContext): Promise<NamedDocument> {
    assertCanManageConsultations(context.actor!);
    const manager = this.dataSource.manager;
    const consultation = await findReadableConsultation(manager, context.actor!, consultationId);
    const recipients = await manager
      .createQueryBuilder(Recipient, 'r')
      .innerJoin(RecipientDelivery, 'd', 'd.recipient_id = r.id')
      .where('r.consultation_id = :consultationId', { consultationId })
      .andWhere('d.status IN (:...statuses)', { statuses })
      .orderBy('r.position', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    if (recipients.length === 0) {
      throw conflict(`No remissinstans of this remiss has a delivery that is ${statuses.join(' or ')}: there is no letter to send by post.`, 'no-postal-letters');
    }
    const letters = [];
    for (const recipient of recipients) letters.push(await loadCoverLetter(manager, consultation, recipient));
    const sender = await manager.findOneByOrFail(Organisation, { id: consultation.senderId });
    const administration = await writingAdministration(manager, sender, letters[0].date);
    return {
      document: { kind: 'cover-letters', model: { consultation: { caseNumber: consultation.caseNumber, title: consultation.title }, administration: administration.name, letters } },
      fileName: `Remissbrev att skicka med post ${consultation.caseNumber}.pdf`,
    };
  }

  /**
   * Queues a recipient's remissbrev for e-mail again, to the address the register has now: after
   * the register keeper entered a missing address, or after a failed delivery was put right.
   * 409 while the remiss is not open, before it was sent to the recipient, while a delivery is
   * still queued, or while the register has no address.
   */
  async resend(consultationId: string, recipientId: string, context: RequestContext): Promise<RecipientDeliveryView> {
    assertCanManageConsultations(context.actor!);
    const delivery = await this.dataSource.transaction(async (manager) => {
      const consultation = await findReadableConsultation(manager, context.actor!, consultationId, true);
      if (consultation.status !== 'open') throw conflict(`The remiss is ${consultation.status}; only an open remiss's letters are sent.`, 'consultation-not-open');
      const recipient = await findRecipient(manager, consultationId, recipientId);
      if (!recipient.sentAt) throw conflict('The remiss has not been sent to this recipient yet; sending the remiss sends its letter.', 'recipient-not-sent');
      if (await wasRegisteredAfterwards(manager, recipientId)) throw conflict('The remiss went to this recipient before the remisstjänst existed and was registered afterwards; its letter is not e-mailed from here.', 'registered-afterwards');
      const before = await manager.findOne(RecipientDelivery, { where: { recipientId }, lock: { mode: 'pessimistic_write' } });
      if (before?.status === 'queued') throw conflict('The letter is already queued to be e-mailed.', 'delivery-queued');
      const organisation = await manager.findOneByOrFail(Organisation, { id: recipient.organisationId });
      const address = organisation.email?.trim();
      if (!address) throw conflict(`The register has no e-mail address for ${organisation.name}; add one to the organisation first, or send the letter by post.`, 'no-address');
      const now = new Date();
      const fields = { status: 'queued' as const, address, attempts: 0, nextAttemptAt: now, leaseUntil: null, leaseToken: null, lastError: null, messageId: null, statusAt: now };
      if (before) await manager.update(RecipientDelivery, { id: before.id }, fields);
      else await manager.insert(RecipientDelivery, { recipientId, ...fields });
      const after = await manager.findOneByOrFail(RecipientDelivery, { recipientId });
      await recordRecipientEvents(manager, [recipientId], 'delivery_requeued', context.actor!.userId, { previousStatus: before?.status ?? null });
      await recordAudit(manager, context, {
        action: 'delivery.requeued',
        entityType: 'recipient_delivery',
        entityId: after.id,
        organisationId: recipient.organisationId,
        before: before ? { status: before.status, attempts: before.attempts } : undefined,
        after: { recipientId, consultationId, status: 'queued' },
      });
      return after;
    });
    this.notifier?.notify();
    return presentDelivery(delivery);
  }
}

export function presentDelivery(delivery: RecipientDelivery): RecipientDeliveryView {
  return { status: delivery.status, at: delivery.statusAt.toISOString(), address: delivery.address, attempts: delivery.attempts, error: delivery.lastError };
}
