import { IsNull, type EntityManager } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import type { Consultation } from '../consultations/consultation.entity';
import { isActiveOn } from '../organisations/active-period';
import { Organisation } from '../organisations/organisation.entity';
import { RecipientEvent } from '../recipients/recipient-event.entity';
import { RecipientExtension } from '../recipients/recipient-extension.entity';
import type { Recipient } from '../recipients/recipient.entity';
import type { ResponseScope } from '../responses/response-access';
import { todayInStockholm } from '../shared/dates';
import { User } from '../users/user.entity';
import type { AnswerLetterModel, CoverLetterModel, ExtensionLetterModel, LetterPerson } from './document-model';

/**
 * Document models of the letters, read from the database. No access checks here: callers check
 * first (letters.service.ts), so batch jobs can reuse the loaders. One query at a time: the manager
 * may be a transaction's, whose single connection must not be shared.
 */

/** Who writes for an organisation: a nämnd's letters come from its förvaltning; anyone else writes for itself. */
export async function writingAdministration(manager: EntityManager, organisation: Organisation, today = todayInStockholm()): Promise<{ name: string; registerKey: string | null; email: string | null }> {
  const administrations = organisation.kind === 'committee' ? await manager.find(Organisation, { where: { parentId: organisation.id, kind: 'administration' }, order: { registerKey: 'ASC' } }) : [];
  // The förvaltning in office that day; a retired one only when the nämnd has no other.
  const writer = administrations.find((o) => isActiveOn(o, today)) ?? administrations[0] ?? organisation;
  return { name: writer.name, registerKey: writer.registerKey, email: writer.email ?? organisation.email };
}

const person = (user: User | null | undefined): LetterPerson | null => (user ? { name: user.name, title: user.title, phone: user.phone, email: user.email } : null);

/** The latest of some instants, as the document's last change (its PDF creation date). */
const latest = (...dates: Array<Date | null | undefined>): string | null => {
  const times = dates.filter((d): d is Date => !!d).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
};

export async function loadCoverLetter(manager: EntityManager, consultation: Consultation, recipient: Recipient): Promise<CoverLetterModel> {
  const sender = await manager.findOneByOrFail(Organisation, { id: consultation.senderId });
  const date = recipient.sentAt ? todayInStockholm(recipient.sentAt) : (consultation.sentDate ?? consultation.registeredDate);
  // Written by the förvaltning of the letter's day, so an old remissbrev prints as it was sent.
  const administration = await writingAdministration(manager, sender, date);
  const addressee = await manager.findOneByOrFail(Organisation, { id: recipient.organisationId });
  const sent = await manager.findOne(RecipientEvent, { where: { recipientId: recipient.id, type: 'sent' }, order: { occurredAt: 'ASC' } });
  const registrator = await registratorOf(manager, consultation, sent);
  // The deadline the remiss was sent with (recorded on sending), should it have been moved since.
  const sentWith = sent?.detail && 'dueDate' in sent.detail ? (sent.detail.dueDate as string | null) : undefined;
  // The letter states what was true on its day: an anstånd granted later has its own letter (loadExtensionLetter).
  const extensions = recipient.extendedDueDate ? await manager.find(RecipientExtension, { where: { recipientId: recipient.id }, order: { grantedAt: 'DESC' } }) : [];
  const extension = extensions.find((e) => todayInStockholm(e.grantedAt) <= date) ?? null;
  const attachments = await manager.find(Attachment, { where: { consultationId: consultation.id, responseId: IsNull() }, order: { uploadedAt: 'ASC', fileName: 'ASC' } });
  return {
    administration: { name: administration.name, registerKey: administration.registerKey },
    sender: sender.name,
    recipient: { name: addressee.name, role: recipient.role, required: recipient.required, kind: addressee.kind, sent: !!recipient.sentAt },
    consultation: { caseNumber: consultation.caseNumber, title: consultation.title, kind: consultation.kind, description: consultation.description },
    date,
    dueDate: extension?.dueDate ?? (sentWith !== undefined ? sentWith : consultation.dueDate),
    extension: extension ? { previousDueDate: extension.previousDueDate, reason: extension.reason } : null,
    registrator: person(registrator),
    replyEmail: registrator?.email ?? administration.email,
    attachments: attachments.map((a) => ({ fileName: a.fileName, description: a.description })),
    lastModified: latest(consultation.updatedAt, recipient.sentAt, extension?.grantedAt, ...attachments.map((a) => a.uploadedAt)),
  };
}

/**
 * The registrator a remissbrev names as contact: who registered the remiss, else who sent it to
 * this recipient; only while still in service (a letter does not send questions to someone gone).
 */
async function registratorOf(manager: EntityManager, consultation: Consultation, sent: RecipientEvent | null): Promise<User | null> {
  for (const id of [consultation.createdBy, sent?.actorUserId]) {
    const user = id ? await manager.findOneBy(User, { id }) : null;
    if (user?.active) return user;
  }
  return null;
}

/** The beslut om anstånd: the letter to one remissinstans that its deadline has moved, dated the day it was granted. */
export async function loadExtensionLetter(manager: EntityManager, consultation: Consultation, recipient: Recipient, extension: RecipientExtension): Promise<ExtensionLetterModel> {
  const sender = await manager.findOneByOrFail(Organisation, { id: consultation.senderId });
  const date = todayInStockholm(extension.grantedAt);
  const administration = await writingAdministration(manager, sender, date);
  const addressee = await manager.findOneByOrFail(Organisation, { id: recipient.organisationId });
  const granter = extension.grantedByUserId ? await manager.findOneBy(User, { id: extension.grantedByUserId }) : null;
  return {
    administration: { name: administration.name, registerKey: administration.registerKey },
    sender: sender.name,
    recipient: { name: addressee.name, kind: addressee.kind },
    consultation: { caseNumber: consultation.caseNumber, title: consultation.title, kind: consultation.kind },
    date,
    dueDate: extension.dueDate,
    previousDueDate: extension.previousDueDate,
    reason: extension.reason,
    // The name as recorded when it was granted; phone and e-mail from the user, while still in service.
    grantedBy: { name: extension.grantedByName, title: granter?.title ?? null, phone: granter?.active ? granter.phone : null, email: granter?.active ? granter.email : null },
    lastModified: extension.grantedAt.toISOString(),
  };
}

export async function loadAnswerLetter(manager: EntityManager, scope: ResponseScope): Promise<AnswerLetterModel> {
  const { response, recipient, consultation, organisation } = scope;
  const answer = response.status === 'declined' ? 'declined' : 'no_comments';
  const administration = await writingAdministration(manager, organisation);
  const sender = await manager.findOneBy(Organisation, { id: consultation.senderId });
  // Who gave the answer: the user behind the transition that recorded it.
  const events = await manager.find(RecipientEvent, { where: { recipientId: recipient.id, type: 'response_status_changed' }, order: { occurredAt: 'DESC', id: 'DESC' }, take: 20 });
  const recorded = events.find((event) => (event.detail as { to?: string } | null)?.to === response.status);
  const officer = recorded?.actorUserId ? await manager.findOneBy(User, { id: recorded.actorUserId }) : null;
  const officersOrganisation = officer?.organisationId ? await manager.findOneBy(Organisation, { id: officer.organisationId }) : null;
  return {
    administration: { name: administration.name, registerKey: administration.registerKey },
    organisation: organisation.name,
    consultation: { caseNumber: consultation.caseNumber, title: consultation.title, sender: sender?.name ?? '' },
    answer,
    reason: response.answerReason,
    date: response.answeredDate ?? todayInStockholm(response.statusChangedAt),
    officer: officer ? { ...person(officer)!, organisation: officersOrganisation?.name ?? null } : null,
    replyEmail: administration.email,
    lastModified: response.statusChangedAt.toISOString(),
  };
}
