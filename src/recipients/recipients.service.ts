import { In, type DataSource, type EntityManager } from 'typeorm';
import { queueDeliveries, type DeliveryNotifier } from '../deliveries/delivery-queue';
import { isAdmin, type Actor, type RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { actingOrganisationIds, assertCanManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import type { Consultation } from '../consultations/consultation.entity';
import { summariseRecipients } from '../consultations/consultation-summaries';
import { DistributionListMember } from '../distribution-lists/distribution-list.entity';
import { badRequest, conflict, notFound, type FieldError } from '../http/problem';
import { resolveMembersOn } from '../distribution-lists/list-resolution';
import { Organisation } from '../organisations/organisation.entity';
import { assertActiveOn } from '../organisations/register-on-date';
import { Response } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import { recordRecipientEvents } from './recipient-events';
import { Recipient } from './recipient.entity';
import type { AddRecipientsInput } from './recipients.schemas';
import { deliveryCounts, statusBoard, type BoardViewer } from './status-board';

interface Candidate {
  organisationId: string;
  viaListId: string | null;
}

export class RecipientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries?: DeliveryNotifier,
  ) {}

  /**
   * Adds organisations and whole sändlistor. An organisation named directly that is already a
   * recipient (or named twice) is a 409 and nothing is added; one that only arrives through a list
   * is skipped and reported. On a remiss already sent, new recipients are dispatched at once, their
   * remissbrev queued for e-mail as on sending.
   */
  async add(consultationId: string, input: AddRecipientsInput, context: RequestContext) {
    assertCanManageConsultations(context.actor!);
    const result = await this.dataSource.transaction(async (manager) => {
      const consultation = await findReadableConsultation(manager, context.actor!, consultationId, true);
      assertChangeable(consultation);
      const existing = new Set((await manager.find(Recipient, { select: { organisationId: true }, where: { consultationId } })).map((r) => r.organisationId));
      await assertDirectOrganisationsValid(manager, input.organisationIds, existing);
      // The register of the day the recipients go out (today, whether sent now or with the draft),
      // or of the real send day of a draft to be registered afterwards (sending checks it again).
      const day = registerDayFor(consultation.status, input.registerDate);
      await assertActiveOn(manager, input.organisationIds.map((id, index) => ({ id, path: `body.organisationIds.${index}` })), day, 'A remiss goes');
      const lists = await resolveMembersOn(manager, await listMembers(manager, input.distributionListIds), day);
      // Distribution order: whole lists first (in list order), then organisations named one by one.
      const candidates: Candidate[] = [...lists.members, ...input.organisationIds.map((organisationId) => ({ organisationId, viaListId: null }))];
      const skipped: Array<{ organisationId: string; reason: string }> = [...lists.replaced];
      const toAdd: Candidate[] = [];
      for (const candidate of candidates) {
        if (existing.has(candidate.organisationId)) {
          skipped.push({ organisationId: candidate.organisationId, reason: 'already a recipient' });
          continue;
        }
        existing.add(candidate.organisationId);
        toAdd.push(candidate);
      }
      const start = (await manager.createQueryBuilder(Recipient, 'r').select('COALESCE(MAX(r.position), 0)', 'max').where('r.consultation_id = :consultationId', { consultationId }).getRawOne<{ max: number }>())!.max;
      const sentAt = consultation.status === 'open' ? new Date() : null;
      const added = await manager.save(
        Recipient,
        toAdd.map((candidate, index) => manager.create(Recipient, { consultationId, ...candidate, role: input.role, required: input.required, position: Number(start) + index + 1, sentAt })),
      );
      const ids = added.map((r) => r.id);
      if (ids.length) await manager.insert(Response, ids.map((recipientId) => ({ recipientId })));
      await recordRecipientEvents(manager, ids, 'added', context.actor!.userId);
      if (sentAt) await recordRecipientEvents(manager, ids, 'sent', context.actor!.userId, { individually: true, dueDate: consultation.dueDate });
      if (sentAt) await queueDeliveries(manager, ids, context.actor!.userId);
      for (const recipient of added) {
        await recordAudit(manager, context, { action: 'recipient.added', entityType: 'recipient', entityId: recipient.id, after: { consultationId, organisationId: recipient.organisationId, role: recipient.role, required: recipient.required, viaListId: recipient.viaListId, sentAt } });
      }
      const board = ids.length ? await statusBoard(manager, consultationId, { limit: 1000, offset: 0 }, await boardViewer(manager, context.actor!), ids) : { items: [] };
      return { added: board.items, skipped, dispatched: !!sentAt && ids.length > 0 };
    });
    if (result.dispatched) this.deliveries?.notify();
    return { added: result.added, skipped: result.skipped };
  }

  /** Only a recipient not yet sent to can be removed; after dispatch the record stays. */
  async remove(consultationId: string, recipientId: string, context: RequestContext): Promise<void> {
    assertCanManageConsultations(context.actor!);
    await this.dataSource.transaction(async (manager) => {
      const consultation = await findReadableConsultation(manager, context.actor!, consultationId, true);
      assertChangeable(consultation);
      const recipient = await findRecipient(manager, consultationId, recipientId);
      if (recipient.sentAt) throw conflict('The remiss has already been sent to this recipient; it cannot be removed.', 'recipient-already-sent');
      await manager.delete(Recipient, { id: recipientId });
      await recordAudit(manager, context, { action: 'recipient.removed', entityType: 'recipient', entityId: recipientId, before: { consultationId, organisationId: recipient.organisationId } });
    });
  }

  async board(consultationId: string, query: Parameters<typeof statusBoard>[2], context: RequestContext) {
    const manager = this.dataSource.manager;
    await findReadableConsultation(manager, context.actor!, consultationId);
    const viewer = await boardViewer(manager, context.actor!);
    const [page, counts, byDelivery] = await Promise.all([statusBoard(manager, consultationId, query, viewer), statusCounts(manager, consultationId), deliveryCounts(manager, consultationId)]);
    return { ...page, limit: query.limit, offset: query.offset, counts: { ...counts, byDelivery } };
  }
}

/** Whose assignees the caller sees on the board (BoardViewer). */
async function boardViewer(manager: EntityManager, actor: Actor): Promise<BoardViewer> {
  return { all: isAdmin(actor), organisationIds: await actingOrganisationIds(manager, actor) };
}

export async function findRecipient(manager: EntityManager, consultationId: string, recipientId: string): Promise<Recipient> {
  const recipient = await manager.findOne(Recipient, { where: { id: recipientId, consultationId }, lock: { mode: 'pessimistic_write' } });
  if (!recipient) throw notFound('The recipient');
  return recipient;
}

export function assertChangeable(consultation: Consultation): void {
  if (consultation.status === 'cancelled' || consultation.status === 'closed') {
    throw conflict(`The remiss is ${consultation.status}; its distribution can no longer change.`, 'consultation-not-changeable');
  }
}

async function assertDirectOrganisationsValid(manager: EntityManager, organisationIds: string[], existing: Set<string>): Promise<void> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const known = new Set((await manager.find(Organisation, { select: { id: true }, where: { id: In(organisationIds) } })).map((o) => o.id));
  for (const [index, id] of organisationIds.entries()) {
    const path = `body.organisationIds.${index}`;
    if (!known.has(id)) errors.push({ path, message: 'is not a known organisation' });
    else if (seen.has(id)) errors.push({ path, message: 'is listed twice' });
    else if (existing.has(id)) errors.push({ path, message: 'is already a recipient of this remiss' });
    seen.add(id);
  }
  if (errors.some((e) => e.message === 'is not a known organisation')) throw badRequest('Some organisations do not exist.', errors);
  if (errors.length) throw conflict('Some organisations are already recipients or listed twice.', 'duplicate-recipient', errors);
}

async function listMembers(manager: EntityManager, listIds: string[]): Promise<Candidate[]> {
  if (listIds.length === 0) return [];
  const members = await manager.find(DistributionListMember, { where: { listId: In(listIds) }, order: { position: 'ASC' } });
  const found = new Set(members.map((m) => m.listId));
  const missing = listIds.map((id, index) => ({ id, index })).filter(({ id }) => !found.has(id));
  if (missing.length) {
    const lists: Array<{ id: string }> = await manager.query('SELECT id FROM distribution_lists WHERE id = ANY($1::uuid[])', [missing.map((m) => m.id)]);
    const unknown = missing.filter((m) => !lists.some((l) => l.id === m.id));
    if (unknown.length) throw badRequest('Some distribution lists do not exist.', unknown.map((m) => ({ path: `body.distributionListIds.${m.index}`, message: 'is not a known distribution list' })));
  }
  // Lists in the order given, members in list order.
  return listIds.flatMap((listId) => members.filter((m) => m.listId === listId).map((m) => ({ organisationId: m.organisationId, viaListId: listId })));
}

async function statusCounts(manager: EntityManager, consultationId: string) {
  const summary = (await summariseRecipients(manager, [consultationId])).get(consultationId)!;
  return { byStatus: summary.byStatus, late: summary.late };
}

function registerDayFor(status: string, registerDate: string | undefined): string {
  const today = todayInStockholm();
  if (!registerDate) return today;
  if (status !== 'draft') throw badRequest('Recipients added to a remiss already sent go out today.', [{ path: 'body.registerDate', message: 'only a draft takes recipients from the register of another day' }]);
  if (registerDate > today) throw badRequest('The register of a future day is not known.', [{ path: 'body.registerDate', message: `must not be after today (${today})` }]);
  return registerDate;
}
