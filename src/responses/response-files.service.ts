import type { Readable } from 'node:stream';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { presentAttachment } from '../attachments/attachment.presenter';
import type { UploadFields } from '../attachments/attachments.schemas';
import { AttachmentsService, type AttachmentContext } from '../attachments/attachments.service';
import { recordAudit } from '../audit/audit.service';
import { isAdmin, type Actor } from '../authz/actor';
import type { ReceivedUpload } from '../http/multipart-upload';
import { conflict, forbidden, HttpProblem, notFound } from '../http/problem';
import type { FileStore } from '../storage/file-store';
import { User } from '../users/user.entity';
import { assertContentReadable, isBeingDrafted, isOwnStaff, loadResponseScope, mayReadContent, type ResponseScope } from './response-access';
import { storeResponseFile } from './response-uploads';

/** A bilaga as the statement page lists it: the file and who uploaded it. */
export interface ListedBilaga {
  attachment: Attachment;
  uploaderName: string | null;
}

/** The statement's bilagor and what this user may do with them now. */
export interface BilagorView {
  bilagor: ListedBilaga[];
  /** An upload by this user now is a bilaga of the statement (the organisation's own staff, while drafting). */
  mayUpload: boolean;
  mayRemove: boolean;
}

/**
 * Whether the actor may remove the statement's bilagor now: the answering organisation's own
 * handläggare or attestant (those whose uploads are bilagor), or an admin, while the answer is being
 * drafted (the rule the statement's own edits follow). Afterwards the bilagor are part of what was
 * approved, decided or sent.
 */
function mayRemoveBilagor(scope: ResponseScope, actor: Actor): boolean {
  return isBeingDrafted(scope.response) && (isOwnStaff(scope, actor) || isAdmin(actor));
}

/** Who may remove bilagor at all: 404 for another organisation (as if the draft did not exist), 403 for a role of the organisation that may not. */
function assertMayRemoveAny(scope: ResponseScope, actor: Actor): void {
  if (isOwnStaff(scope, actor) || isAdmin(actor)) return;
  if (!scope.own) throw notFound('The response');
  throw forbidden("Only the answering organisation's handläggare or attestant may remove a bilaga of its statement.");
}

/** The when of mayRemoveBilagor, once the who has passed: 409 once drafting is over. */
function assertStillDrafting(scope: ResponseScope): void {
  if (!isBeingDrafted(scope.response)) {
    throw conflict(`A bilaga can be removed only while the answer is being drafted; this response is ${scope.response.status}.`, 'bilagor-locked');
  }
}

/** The answer document is a registrator's record of an answer that came outside the system, not a bilaga the drafters added. */
function assertIsBilaga(attachment: Attachment): void {
  if (attachment.answerDocument) throw conflict('The file is the answer document a registrator recorded, not a bilaga of the statement; it cannot be removed.', 'answer-document');
}

/** Checked in this order so each answer is the most precise: a bilaga (not the answer document), then the response still drafted. */
function assertRemovableNow(scope: ResponseScope, attachment: Attachment): void {
  assertIsBilaga(attachment);
  assertStillDrafting(scope);
}

/** A file of the response itself: not a remisshandling (no responseId) and not a protokollsutdrag (read with its decision). */
async function findResponseFile(manager: EntityManager, responseId: string, attachmentId: string): Promise<Attachment | null> {
  return manager.findOneBy(Attachment, { id: attachmentId, responseId, decisionId: IsNull() });
}

/**
 * A response's own files (GET/POST/DELETE /api/responses/:id/attachments and the statement page's
 * Bilagor): the answer document a registrator records, and the bilagor of the statement. The answer
 * document is readable as the answer is; a bilaga as the statement is, so a draft's bilagor stay
 * with the answering organisation even when it then avstår or its answer is recorded from paper.
 */
export class ResponseFilesService {
  private readonly attachments: AttachmentsService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
  ) {
    this.attachments = new AttachmentsService(dataSource, store);
  }

  /** Every file of the response this actor may read, oldest first. */
  async list(responseId: string, actor: Actor): Promise<Attachment[]> {
    const { scope, files } = await this.readableFiles(responseId, actor);
    return files.filter((file) => fileReadable(scope, actor, file));
  }

  /** The statement's bilagor (the answer document is not one), their uploaders, and what the actor may do. */
  async bilagor(responseId: string, actor: Actor): Promise<BilagorView> {
    const { scope, files } = await this.readableFiles(responseId, actor);
    const bilagor = files.filter((file) => !file.answerDocument && fileReadable(scope, actor, file));
    const uploaderIds = [...new Set(bilagor.map((file) => file.uploadedBy).filter((id): id is string => !!id))];
    const names = new Map((uploaderIds.length ? await this.dataSource.manager.find(User, { select: { id: true, name: true }, where: { id: In(uploaderIds) } }) : []).map((user) => [user.id, user.name]));
    return {
      bilagor: bilagor.map((attachment) => ({ attachment, uploaderName: (attachment.uploadedBy && names.get(attachment.uploadedBy)) || null })),
      mayUpload: isBeingDrafted(scope.response) && isOwnStaff(scope, actor),
      mayRemove: mayRemoveBilagor(scope, actor),
    };
  }

  /** One file's metadata, if the actor may read it (else 404, as if it did not exist). */
  async get(responseId: string, attachmentId: string, actor: Actor): Promise<Attachment> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor);
    const attachment = await findResponseFile(manager, responseId, attachmentId);
    if (!attachment || !fileReadable(scope, actor, attachment)) throw notFound('The attachment');
    return attachment;
  }

  /** The metadata and an open stream of the content. A row without its file is a fault of ours (500), not a 404. */
  async open(responseId: string, attachmentId: string, actor: Actor): Promise<{ attachment: Attachment; content: Readable }> {
    const attachment = await this.get(responseId, attachmentId, actor);
    return { attachment, content: await this.store.get(attachment.storageKey) };
  }

  /** Stores an upload: a bilaga by the organisation's own staff, the answer document by a registrator or admin (storeResponseFile). */
  upload(responseId: string, context: AttachmentContext, receive: () => Promise<ReceivedUpload<UploadFields>>): Promise<Attachment> {
    return storeResponseFile(this.dataSource, this.attachments, responseId, context, receive);
  }

  /**
   * The bilaga the actor asks to remove (the confirmation page), checked as remove() checks it:
   * 404 and 403 are thrown; why it cannot be removed now (409) is returned, so the page can show the
   * file and say why.
   */
  async removable(responseId: string, attachmentId: string, actor: Actor): Promise<{ attachment: Attachment; refusal: HttpProblem | null }> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertMayRemoveAny(scope, actor);
    const attachment = await findResponseFile(manager, responseId, attachmentId);
    if (!attachment) throw notFound('The attachment');
    return { attachment, refusal: refusalOf(() => assertRemovableNow(scope, attachment)) };
  }

  /**
   * Removes a bilaga uploaded by mistake. The response row is locked, so a submission for review
   * either happened first (409) or waits for this. The file goes after the commit, so a failure there
   * leaves an orphaned file (logged), never a row without its file.
   */
  async remove(responseId: string, attachmentId: string, context: AttachmentContext): Promise<void> {
    const actor = context.actor!;
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      assertMayRemoveAny(scope, actor);
      const attachment = await findResponseFile(manager, responseId, attachmentId);
      if (!attachment) throw notFound('The attachment');
      assertRemovableNow(scope, attachment);
      await manager.delete(Attachment, { id: attachment.id });
      await recordAudit(manager, context, {
        action: 'attachment.deleted',
        entityType: 'attachment',
        entityId: attachment.id,
        organisationId: scope.recipient.organisationId,
        before: { ...presentAttachment(attachment), responseId },
      });
      return attachment.storageKey;
    });
    await this.store.delete(storageKey).catch((error: unknown) => context.log.warn({ err: error, storageKey }, 'could not remove the file of a deleted bilaga'));
  }

  /** The response's files (not its protokollsutdrag), once the actor may read its answer; each file is then checked on its own (fileReadable). */
  private async readableFiles(responseId: string, actor: Actor) {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor);
    const files = await manager.find(Attachment, { where: { responseId, decisionId: IsNull() }, order: { uploadedAt: 'ASC', id: 'ASC' }, take: 200 });
    return { scope, files };
  }
}

const fileReadable = (scope: ResponseScope, actor: Actor, attachment: Attachment) => mayReadContent(scope, actor, attachment.answerDocument ? 'answer' : 'statement');

/** A 409 the check answers, returned; anything else (404, 403) thrown on. */
function refusalOf(check: () => void): HttpProblem | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 409) return error;
    throw error;
  }
}
