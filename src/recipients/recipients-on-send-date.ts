import { IsNull, type EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { resolveMembersOn } from '../distribution-lists/list-resolution';
import { assertActiveOn } from '../organisations/register-on-date';
import { Recipient } from './recipient.entity';

/**
 * Brings a draft's recipients to the register of the send date, inside the sending transaction:
 * one that came through a sändlista and was retired since it was added goes to its successor
 * (or drops out when the successor is already a recipient); one named directly that no longer
 * exists stops the sending with a 409 naming its successor. Recipients already sent to are
 * history and never moved. Answers the ids of the recipients to dispatch, in distribution order.
 */
export async function settleUnsentRecipients(manager: EntityManager, consultationId: string, day: string, context: RequestContext): Promise<string[]> {
  const unsent = await manager.find(Recipient, { where: { consultationId, sentAt: IsNull() }, order: { position: 'ASC' } });
  const direct = unsent.filter((r) => !r.viaListId);
  await assertActiveOn(manager, direct.map((r) => ({ id: r.organisationId, path: `recipients.${r.position}` })), day, 'A remiss is sent');

  const viaList = unsent.filter((r) => r.viaListId);
  const { members } = await resolveMembersOn(manager, viaList, day);
  const resolvedById = new Map(members.map((m) => [m.id, m.organisationId]));
  const taken = new Set((await manager.find(Recipient, { select: { organisationId: true }, where: { consultationId } })).map((r) => r.organisationId));
  const dropped = new Set<string>();
  for (const recipient of viaList) {
    const organisationId = resolvedById.get(recipient.id);
    if (organisationId === recipient.organisationId) continue;
    const before = { consultationId, organisationId: recipient.organisationId, viaListId: recipient.viaListId };
    if (!organisationId || taken.has(organisationId)) {
      await manager.delete(Recipient, { id: recipient.id });
      dropped.add(recipient.id);
      await recordAudit(manager, context, { action: 'recipient.removed', entityType: 'recipient', entityId: recipient.id, before, after: { reason: 'retired before the send date', sendDate: day } });
      continue;
    }
    await manager.update(Recipient, { id: recipient.id }, { organisationId });
    taken.add(organisationId);
    await recordAudit(manager, context, { action: 'recipient.replaced_by_successor', entityType: 'recipient', entityId: recipient.id, before, after: { ...before, organisationId, sendDate: day } });
  }
  return unsent.filter((r) => !dropped.has(r.id)).map((r) => r.id);
}
