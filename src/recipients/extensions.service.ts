import type { DataSource } from 'typeorm';
import { hasRole, type RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { actingOrganisationIds, canManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import { deadlineInfo } from '../consultations/deadline-warnings';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';
import { RecipientExtension } from './recipient-extension.entity';
import { recordRecipientEvents } from './recipient-events';
import { Recipient } from './recipient.entity';
import type { ExtensionInput } from './recipients.schemas';
import { assertChangeable, findRecipient } from './recipients.service';

/** An anstånd as the API shows it; letter is its own letter to the remissinstans (beslut om anstånd, PDF). */
export function presentExtension(e: RecipientExtension, consultationId: string) {
  return {
    id: e.id,
    dueDate: e.dueDate,
    previousDueDate: e.previousDueDate,
    reason: e.reason,
    grantedBy: e.grantedByName,
    grantedAt: e.grantedAt.toISOString(),
    letter: `/api/consultations/${consultationId}/recipients/${e.recipientId}/extensions/${e.id}/letter.pdf`,
  };
}

export class ExtensionsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Grants an anstånd: the recipient's own, later due date. Registrators and admins may, and so may
   * the coordinator of the remiss. History is kept; the latest extension is the effective date.
   */
  async grant(consultationId: string, recipientId: string, input: ExtensionInput, context: RequestContext) {
    const actor = context.actor!;
    return this.dataSource.transaction(async (manager) => {
      const consultation = await findReadableConsultation(manager, actor, consultationId, true);
      const coordinates = hasRole(actor, 'coordinator') && !!consultation.coordinatorId && (await actingOrganisationIds(manager, actor)).includes(consultation.coordinatorId);
      if (!canManageConsultations(actor) && !coordinates) throw forbidden('Only a registrator, an admin or the coordinating organisation may grant anstånd.');
      assertChangeable(consultation);
      const recipient = await findRecipient(manager, consultationId, recipientId);
      if (recipient.role !== 'respond') throw conflict('The recipient only receives the remiss for information; it has no deadline to extend.', 'no-deadline');
      const current = recipient.extendedDueDate ?? consultation.dueDate;
      if (current && input.dueDate <= current) {
        throw badRequest('An anstånd must move the deadline later.', [{ path: 'body.dueDate', message: `must be later than the current due date ${current}` }]);
      }
      const extension = await manager.save(
        RecipientExtension,
        manager.create(RecipientExtension, { recipientId, dueDate: input.dueDate, previousDueDate: current, reason: input.reason, grantedByUserId: actor.userId, grantedByName: actor.name }),
      );
      await manager.update(Recipient, { id: recipientId }, { extendedDueDate: input.dueDate });
      await recordRecipientEvents(manager, [recipientId], 'extension_granted', actor.userId, { dueDate: input.dueDate, previousDueDate: current });
      await recordAudit(manager, context, {
        action: 'recipient.extension_granted',
        entityType: 'recipient',
        entityId: recipientId,
        before: { dueDate: current },
        after: { dueDate: input.dueDate, reason: input.reason },
      });
      return { extension, warnings: deadlineInfo(input.dueDate, consultation.sentDate).warnings.filter((w) => w.code === 'due_date_not_working_day') };
    });
  }

  async history(consultationId: string, recipientId: string, context: RequestContext): Promise<RecipientExtension[]> {
    const manager = this.dataSource.manager;
    await findReadableConsultation(manager, context.actor!, consultationId);
    const recipient = await manager.findOneBy(Recipient, { id: recipientId, consultationId });
    if (!recipient) throw notFound('The recipient');
    return manager.find(RecipientExtension, { where: { recipientId }, order: { grantedAt: 'ASC' } });
  }
}
