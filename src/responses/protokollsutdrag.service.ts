import type { Readable } from 'node:stream';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { assertAcceptsUploads, AttachmentsService, type AttachmentContext } from '../attachments/attachments.service';
import type { UploadFields } from '../attachments/attachments.schemas';
import { isAdmin, type Actor } from '../authz/actor';
import type { ReceivedUpload } from '../http/multipart-upload';
import { conflict, forbidden, notFound } from '../http/problem';
import type { FileStore } from '../storage/file-store';
import { Decision } from './decision.entity';
import { assertWorkingMaterialReadable, loadResponseScope } from './response-access';
import { whyNotAllowed } from './transition-rules';

/**
 * The protokollsutdrag: the nämnd's decision as its own document, which the nämnd's secretary makes
 * from the justerat protokoll. It is attached to the decision as a PDF (checked from its bytes like
 * every upload), by whoever may record the decision, and read by whoever may read the decision.
 */
export class ProtokollsutdragService {
  private readonly attachments: AttachmentsService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
  ) {
    this.attachments = new AttachmentsService(dataSource, store);
  }

  async attach(responseId: string, decisionId: string, context: AttachmentContext, receive: () => Promise<ReceivedUpload<UploadFields>>): Promise<Attachment> {
    const actor = context.actor!;
    const { consultationId } = await assertMayAttach(this.dataSource.manager, actor, responseId, decisionId, false);
    return this.attachments.storeFor(
      {
        consultationId,
        responseId,
        decisionId,
        printed: true,
        kinds: { accepted: ['pdf'], what: 'A protokollsutdrag' },
        check: async (manager, lock) => void (await assertMayAttach(manager, actor, responseId, decisionId, lock)),
      },
      context,
      receive,
    );
  }

  async open(responseId: string, decisionId: string, actor: Actor): Promise<{ attachment: Attachment; content: Readable }> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    // Readable as the decision is: working material until answered (GET /api/responses/{id}).
    assertWorkingMaterialReadable(scope, actor);
    const attachment = await manager.findOneBy(Attachment, { decisionId, responseId });
    if (!attachment) throw notFound('The protokollsutdrag');
    return { attachment, content: await this.store.get(attachment.storageKey) };
  }
}

/** The protokollsutdrag of each of these decisions that has one, by decision id. */
export async function protokollsutdragOf(manager: EntityManager, decisionIds: string[]): Promise<Map<string, Attachment>> {
  if (!decisionIds.length) return new Map();
  const files = await manager.find(Attachment, { where: { decisionId: In(decisionIds) } });
  return new Map(files.map((file) => [file.decisionId!, file]));
}

/** As the decide transition: the answering organisation's handläggare or attestant, or an admin. */
async function assertMayAttach(manager: EntityManager, actor: Actor, responseId: string, decisionId: string, lock: boolean): Promise<{ consultationId: string }> {
  const scope = await loadResponseScope(manager, actor, responseId, lock);
  if (!scope.own && !isAdmin(actor)) throw notFound('The response');
  const refusal = whyNotAllowed('decide', actor, scope.own);
  if (refusal) throw forbidden(refusal.replace(/may decide\.$/, 'may attach the protokollsutdrag of a decision.'));
  const decision = await manager.findOneBy(Decision, { id: decisionId, responseId });
  if (!decision) throw notFound('The decision');
  assertAcceptsUploads(scope.consultation);
  // Checked again under the response's lock; the unique index backs it up.
  if (await manager.existsBy(Attachment, { decisionId })) throw conflict('This decision already has its protokollsutdrag.', 'protokollsutdrag-exists');
  return { consultationId: scope.consultation.id };
}
