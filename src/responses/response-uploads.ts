import type { DataSource, EntityManager } from 'typeorm';
import type { Attachment } from '../attachments/attachment.entity';
import type { UploadFields } from '../attachments/attachments.schemas';
import { assertAcceptsUploads, type AttachmentContext, type AttachmentsService } from '../attachments/attachments.service';
import { hasRole, type Actor } from '../authz/actor';
import type { ReceivedUpload } from '../http/multipart-upload';
import { conflict, forbidden, notFound } from '../http/problem';
import { isBeingDrafted, isOwnStaff, loadResponseScope } from './response-access';

/** The scope, and whether the file is the answer document: one added by a registrator or admin rather than by the organisation's own staff. */
async function assertMayAttach(manager: EntityManager, actor: Actor, responseId: string, lock: boolean) {
  const scope = await loadResponseScope(manager, actor, responseId, lock);
  const ownStaff = isOwnStaff(scope, actor);
  if (!ownStaff && !hasRole(actor, 'registrator', 'admin')) {
    if (!scope.own) throw notFound('The response');
    throw forbidden("Only the answering organisation's handläggare or attestant, or a registrator, may add files to a response.");
  }
  assertAcceptsUploads(scope.consultation);
  // A bilaga belongs to the statement as it is being written: what was sent to review, approved or
  // submitted does not gain files it cannot lose again (removal is drafting-only too).
  if (ownStaff && !isBeingDrafted(scope.response)) throw conflict(`Bilagor are added while the answer is being drafted; this one is ${scope.response.status}.`, 'bilagor-locked');
  return { scope, answerDocument: !ownStaff };
}

/**
 * Stores an upload on a response (POST /api/responses/:id/attachments and the page that records a
 * paper answer): by a registrator or admin it is the answer document, by the organisation's own staff
 * a bilaga of its statement.
 */
export async function storeResponseFile(dataSource: DataSource, attachments: AttachmentsService, responseId: string, context: AttachmentContext, receive: () => Promise<ReceivedUpload<UploadFields>>): Promise<Attachment> {
  const { scope, answerDocument } = await assertMayAttach(dataSource.manager, context.actor!, responseId, false);
  return attachments.storeFor(
    { consultationId: scope.consultation.id, responseId, answerDocument, check: async (manager, lock) => void (await assertMayAttach(manager, context.actor!, responseId, lock)) },
    context,
    receive,
  );
}
