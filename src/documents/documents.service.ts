import type { DataSource } from 'typeorm';
import { hasRole, isAdmin, type Actor } from '../authz/actor';
import { actingOrganisationIds, canManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import { conflict, notFound } from '../http/problem';
import { RecipientExtension } from '../recipients/recipient-extension.entity';
import { Recipient } from '../recipients/recipient.entity';
import type { Consultation } from '../consultations/consultation.entity';
import { assertContentReadable, loadResponseScope, type ResponseScope } from '../responses/response-access';
import type { DocumentSpec } from './document-model';
import { loadAnswerLetter, loadCoverLetter, loadExtensionLetter } from './letter-documents.loader';
import { loadStatementDocument } from './statement-document.loader';

export interface NamedDocument {
  document: DocumentSpec;
  /** The file name offered for download, e.g. "Tjänsteutlåtande KS 2020/924.pdf". */
  fileName: string;
}

const AVSTAR = ['declined', 'no_comments'];

/**
 * Which document a caller may have, with the same rules as the data it shows: a response's
 * documents when its content is readable (GET …/statement's rules), a remissbrev for those who
 * send the remiss, coordinate it, or received it.
 */
export class DocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The response as a document: its tjänsteutlåtande, or, for an organisation that avstår or has
   * inga synpunkter, the short answer letter. That letter is its answer even when a statement was
   * started first: the abandoned draft is not the answer, and must not become readable as one.
   */
  async responseDocument(responseId: string, actor: Actor): Promise<NamedDocument> {
    const scope = await this.readableScope(responseId, actor);
    if (AVSTAR.includes(scope.response.status)) return this.letterOf(scope);
    if (scope.response.receivedExternally && !scope.own && !isAdmin(actor)) {
      throw conflict('The answer came outside the system (on paper or by e-mail); its document is among the response’s attachments.', 'answer-received-externally');
    }
    // A draft, or one abandoned for an answer recorded outside the system, only for its organisation.
    assertContentReadable(scope, actor, 'statement');
    const model = await loadStatementDocument(this.dataSource.manager, responseId);
    return { document: { kind: 'statement', model }, fileName: `Tjänsteutlåtande ${model.caseNumber ?? model.remissCaseNumber}.pdf` };
  }

  /** The "avstår / inga synpunkter" letter; 409 for a response that answered otherwise or not yet. */
  async answerLetter(responseId: string, actor: Actor): Promise<NamedDocument> {
    const scope = await this.readableScope(responseId, actor);
    if (!AVSTAR.includes(scope.response.status)) throw conflict(`The response is ${scope.response.status}; an answer letter exists only for declined or no_comments.`, 'no-answer-letter');
    return this.letterOf(scope);
  }

  async coverLetter(consultationId: string, recipientId: string, actor: Actor): Promise<NamedDocument> {
    const { consultation, recipient } = await this.sentLetterScope(consultationId, recipientId, actor);
    const model = await loadCoverLetter(this.dataSource.manager, consultation, recipient);
    return { document: { kind: 'cover-letter', model }, fileName: `Remissbrev ${consultation.caseNumber} ${model.recipient.name}.pdf` };
  }

  /** The remiss and recipient of a letter to it: for those who send the remiss, coordinate it, or received it. */
  private async sentLetterScope(consultationId: string, recipientId: string, actor: Actor): Promise<{ consultation: Consultation; recipient: Recipient }> {
    const manager = this.dataSource.manager;
    const consultation = await findReadableConsultation(manager, actor, consultationId);
    const recipient = await manager.findOneBy(Recipient, { id: recipientId, consultationId });
    if (!recipient) throw notFound('The recipient');
    if (!canManageConsultations(actor)) {
      const mine = await actingOrganisationIds(manager, actor);
      const coordinates = hasRole(actor, 'coordinator') && !!consultation.coordinatorId && mine.includes(consultation.coordinatorId);
      // The letter is the recipient's own once it has been sent to it; before that it does not exist for them.
      const received = mine.includes(recipient.organisationId) && recipient.sentAt !== null;
      if (!coordinates && !received) throw notFound('The recipient');
    }
    return { consultation, recipient };
  }

  /** The beslut om anstånd of one extension, for whoever may have the recipient's remissbrev. */
  async extensionLetter(consultationId: string, recipientId: string, extensionId: string, actor: Actor): Promise<NamedDocument> {
    const manager = this.dataSource.manager;
    const { consultation, recipient } = await this.sentLetterScope(consultationId, recipientId, actor);
    const extension = await manager.findOneBy(RecipientExtension, { id: extensionId, recipientId });
    if (!extension) throw notFound('The anstånd');
    const model = await loadExtensionLetter(manager, consultation, recipient, extension);
    return { document: { kind: 'extension-letter', model }, fileName: `Beslut om anstånd ${consultation.caseNumber} ${model.recipient.name} ${model.date}.pdf` };
  }

  private async readableScope(responseId: string, actor: Actor): Promise<ResponseScope> {
    const scope = await loadResponseScope(this.dataSource.manager, actor, responseId);
    assertContentReadable(scope, actor);
    return scope;
  }

  private async letterOf(scope: ResponseScope): Promise<NamedDocument> {
    const model = await loadAnswerLetter(this.dataSource.manager, scope);
    return { document: { kind: 'answer-letter', model }, fileName: `Remissvar ${model.consultation.caseNumber} ${model.organisation}.pdf` };
  }
}
