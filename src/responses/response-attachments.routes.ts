import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { ATTACHMENT_TYPES, sendAttachment } from '../attachments/attachment-download';
import { presentAttachment } from '../attachments/attachment.presenter';
import { attachmentParams, attachmentSchema, uploadFields } from '../attachments/attachments.schemas';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Actor } from '../authz/actor';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import { notFound } from '../http/problem';
import type { Api } from '../http/route';
import { idParams, pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { storeResponseFile } from './response-uploads';
import { assertContentReadable, loadResponseScope, mayReadContent, type ResponseScope } from './response-access';

/**
 * A response's own files: the scanned or e-mailed answer a registrator records (the answer
 * document), or the bilagor of a statement. The answer document is readable as the answer is;
 * a bilaga as the statement is, so a draft's bilagor stay with the answering organisation even
 * when it then avstår or its answer is recorded from paper. A decision's protokollsutdrag is listed
 * and read with its decision (protokollsutdrag.routes.ts).
 */
async function readableResponse(manager: EntityManager, actor: Actor, responseId: string) {
  const scope = await loadResponseScope(manager, actor, responseId);
  assertContentReadable(scope, actor);
  return scope;
}

const fileReadable = (scope: ResponseScope, actor: Actor, attachment: Attachment) => mayReadContent(scope, actor, attachment.answerDocument ? 'answer' : 'statement');

export function registerResponseAttachmentRoutes(api: Api, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const store = createFileStore(config);
  const attachments = new AttachmentsService(dataSource, store);
  const spoolDir = uploadSpoolDir(config);
  const params = attachmentParams;

  api.add({
    method: 'post',
    path: '/api/responses/:id/attachments',
    tag: 'Remissvar',
    summary: "Upload a file to a response (e.g. an answer that came on paper), checked like remisshandlingar",
    policy: rolesOnly(['handlaggare', 'attestant', 'registrator', 'admin'], 'response'),
    params: idParams,
    upload: { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes },
    status: 201,
    response: attachmentSchema,
    errors: [404, 409],
    handler: async ({ params: { id }, context, req, res }) => {
      const attachment = await storeResponseFile(dataSource, attachments, id, { ...context, log: req.log }, () =>
        receiveUpload(req, res, { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes }, spoolDir),
      );
      res.location(`/api/responses/${id}/attachments/${attachment.id}/content`);
      return presentAttachment(attachment);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/attachments',
    tag: 'Remissvar',
    summary: "A response's files",
    policy: anyUser('response'),
    params: idParams,
    query: paginationQuerySchema,
    response: pageSchema(attachmentSchema, 'ResponseAttachmentPage'),
    errors: [404],
    handler: async ({ params: { id }, query, context }) => {
      const scope = await readableResponse(dataSource.manager, context.actor!, id);
      const items = await dataSource.getRepository(Attachment).find({ where: { responseId: id, decisionId: IsNull() }, order: { uploadedAt: 'ASC' }, take: 200 });
      return pageOf(items.filter((attachment) => fileReadable(scope, context.actor!, attachment)).map(presentAttachment), query);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/attachments/:attachmentId/content',
    tag: 'Remissvar',
    summary: "Download one of a response's files",
    policy: anyUser('response'),
    params,
    produces: ATTACHMENT_TYPES,
    errors: [304, 404],
    handler: async ({ params: { id, attachmentId }, context, req, res }) => {
      const scope = await readableResponse(dataSource.manager, context.actor!, id);
      const attachment = await dataSource.getRepository(Attachment).findOneBy({ id: attachmentId, responseId: id, decisionId: IsNull() });
      if (!attachment || !fileReadable(scope, context.actor!, attachment)) throw notFound('The attachment');
      await sendAttachment(req, res, attachment, await store.get(attachment.storageKey));
    },
  });
}
