import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { assertCanManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import type { Consultation } from '../consultations/consultation.entity';
import type { ReceivedUpload } from '../http/multipart-upload';
import { badRequest, conflict, notFound } from '../http/problem';
import type { Page } from '../http/schemas';
import type { FileStore } from '../storage/file-store';
import { Attachment } from './attachment.entity';
import { presentAttachment } from './attachment.presenter';
import type { ListAttachmentsQuery, UploadFields } from './attachments.schemas';
import { assertPrintable } from '../documents/printable-text';
import { cleanFileName } from './file-name';
import { assertKindAccepted, checkFileType, type FileKind } from './file-type-check';

/** Where an upload goes, and the rule that lets the caller put it there (run unlocked, then locked). */
export interface UploadTarget {
  consultationId: string;
  responseId: string | null;
  /** A response's answer document rather than a bilaga of its statement (Attachment.answerDocument). */
  answerDocument?: boolean;
  /** The decision whose protokollsutdrag this is (Attachment.decisionId). */
  decisionId?: string;
  /** Its file name is printed in a document (remisshandlingar in the remissbrev, a protokollsutdrag in the compilation). */
  printed?: boolean;
  /** The kinds of file the target takes, when not every kind checkFileType knows. */
  kinds?: { accepted: readonly FileKind[]; what: string };
  check: (manager: EntityManager, lock: boolean) => Promise<void>;
}

/** Cleanup after a commit must not fail the request, but must not go unnoticed either. */
export interface AttachmentContext extends RequestContext {
  log: Pick<Logger, 'warn'>;
}

/**
 * Remisshandlingar: the files on a remiss itself. Rows with a responseId belong to a recipient's
 * response and follow that response's (stricter) visibility, so every query here pins responseId
 * to NULL: a response draft's file must never show up under the remiss.
 */
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
  ) {}

  async list(consultationId: string, query: ListAttachmentsQuery, context: RequestContext): Promise<Page<Attachment>> {
    await findReadableConsultation(this.dataSource.manager, context.actor!, consultationId);
    const [items, total] = await this.dataSource.getRepository(Attachment).findAndCount({
      where: { consultationId, responseId: IsNull() },
      order: { uploadedAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(consultationId: string, attachmentId: string, context: RequestContext): Promise<Attachment> {
    const manager = this.dataSource.manager;
    await findReadableConsultation(manager, context.actor!, consultationId);
    return findAttachment(manager, consultationId, attachmentId);
  }

  /** The metadata and an open stream of the content. A row without its file is a fault of ours (500), not a 404. */
  async open(consultationId: string, attachmentId: string, context: RequestContext): Promise<{ attachment: Attachment; content: Readable }> {
    const attachment = await this.get(consultationId, attachmentId, context);
    return { attachment, content: await this.store.get(attachment.storageKey) };
  }

  /**
   * The remiss is checked before the body is read, so a refused upload never reaches the disk;
   * `receive` then spools the file, its type is proven from the bytes, it is copied into the file
   * store, and the row and its audit event commit together. Whatever fails on the way, neither the
   * spooled copy nor a stored file without a row is left behind.
   */
  async upload(consultationId: string, context: AttachmentContext, receive: () => Promise<ReceivedUpload<UploadFields>>): Promise<Attachment> {
    const actor = context.actor!;
    assertCanManageConsultations(actor);
    return this.storeFor(
      { consultationId, responseId: null, printed: true, check: async (manager, lock) => assertAcceptsUploads(await findReadableConsultation(manager, actor, consultationId, lock)) },
      context,
      receive,
    );
  }

  /**
   * Stores a checked upload for a target (the remiss itself, or one response on it). The target's
   * check runs before the body is read and again, locked, in the transaction that adds the row.
   */
  async storeFor(target: UploadTarget, context: AttachmentContext, receive: () => Promise<ReceivedUpload<UploadFields>>): Promise<Attachment> {
    const actor = context.actor!;
    await target.check(this.dataSource.manager, false);
    const upload = await receive();
    try {
      if (upload.file.size === 0) throw badRequest('The file is empty.', [{ path: 'body.file', message: 'is empty' }]);
      const fileName = cleanFileName(upload.file.originalName);
      if (target.printed) assertPrintable('body.file', fileName, 'has a name that');
      const { kind, contentType } = await checkFileType(upload.file.path, { fileName, mimeType: upload.file.declaredType });
      if (target.kinds) assertKindAccepted(kind, target.kinds.accepted, target.kinds.what);
      const stored = await this.store.put(createReadStream(upload.file.path));
      try {
        if (stored.sha256 !== upload.file.sha256 || stored.size !== upload.file.size) {
          throw new Error('The stored copy of an upload differs from the bytes received');
        }
        return await this.dataSource.transaction(async (manager) => {
          // Locked: a concurrent cancellation either happened before (409) or waits for this upload.
          await target.check(manager, true);
          const attachment = await manager.save(
            Attachment,
            manager.create(Attachment, {
              consultationId: target.consultationId,
              responseId: target.responseId,
              fileName,
              contentType,
              sizeBytes: String(stored.size),
              sha256: stored.sha256,
              storageKey: stored.key,
              description: upload.fields.description || null,
              uploadedBy: actor.userId,
              answerDocument: target.answerDocument ?? false,
              decisionId: target.decisionId ?? null,
            }),
          );
          await recordAudit(manager, context, {
            action: target.decisionId ? 'decision.protokollsutdrag_attached' : 'attachment.uploaded',
            entityType: 'attachment',
            entityId: attachment.id,
            after: { ...presentAttachment(attachment), ...(target.decisionId ? { decisionId: target.decisionId } : {}) },
          });
          return attachment;
        });
      } catch (error) {
        await this.store.delete(stored.key).catch((cleanupError: unknown) => context.log.warn({ err: cleanupError, storageKey: stored.key }, 'could not remove the file of a failed upload'));
        throw error;
      }
    } finally {
      await upload.discard();
    }
  }

  /**
   * Only while the remiss is a draft: once sent, its handlingar are part of the record. The file goes
   * after the commit, so a failure there leaves an orphaned file (logged), never a row without its file.
   */
  async remove(consultationId: string, attachmentId: string, context: AttachmentContext): Promise<void> {
    const actor = context.actor!;
    assertCanManageConsultations(actor);
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const consultation = await findReadableConsultation(manager, actor, consultationId, true);
      const attachment = await findAttachment(manager, consultationId, attachmentId);
      if (consultation.status !== 'draft') {
        throw conflict(`Remisshandlingar can only be removed while the remiss is a draft; this one is ${consultation.status}.`, 'not-draft');
      }
      await manager.delete(Attachment, { id: attachment.id });
      await recordAudit(manager, context, { action: 'attachment.deleted', entityType: 'attachment', entityId: attachment.id, before: presentAttachment(attachment) });
      return attachment.storageKey;
    });
    await this.store.delete(storageKey).catch((error: unknown) => context.log.warn({ err: error, storageKey }, 'could not remove the file of a deleted attachment'));
  }
}

export function assertAcceptsUploads(consultation: Consultation): void {
  if (consultation.status === 'cancelled') throw conflict('The remiss is cancelled; it takes no new files.', 'cancelled');
}

async function findAttachment(manager: EntityManager, consultationId: string, attachmentId: string): Promise<Attachment> {
  const attachment = await manager.findOneBy(Attachment, { id: attachmentId, consultationId, responseId: IsNull() });
  if (!attachment) throw notFound('The attachment');
  return attachment;
}
