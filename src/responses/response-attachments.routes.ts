import type { DataSource } from 'typeorm';
import { ATTACHMENT_TYPES, sendAttachment } from '../attachments/attachment-download';
import { presentAttachment } from '../attachments/attachment.presenter';
import { attachmentParams, attachmentSchema, uploadFields } from '../attachments/attachments.schemas';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import type { Api } from '../http/route';
import { idParams, pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { ResponseFilesService } from './response-files.service';

/**
 * A response's own files: the scanned or e-mailed answer a registrator records (the answer
 * document), or the bilagor of a statement; the rules are ResponseFilesService's. A decision's
 * protokollsutdrag is listed and read with its decision (protokollsutdrag.routes.ts).
 */
export function registerResponseAttachmentRoutes(api: Api, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const files = new ResponseFilesService(dataSource, createFileStore(config));
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
      const attachment = await files.upload(id, { ...context, log: req.log }, () =>
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
    handler: async ({ params: { id }, query, context }) => pageOf((await files.list(id, context.actor!)).map(presentAttachment), query),
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
      const { attachment, content } = await files.open(id, attachmentId, context.actor!);
      await sendAttachment(req, res, attachment, content);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/responses/:id/attachments/:attachmentId',
    tag: 'Remissvar',
    summary:
      "Remove a bilaga of the statement uploaded by mistake: the answering organisation's handläggare or attestant (or an admin), while the answer is being drafted (409 from review on, and for the answer document a registrator recorded). Audited; the file leaves the store.",
    policy: rolesOnly(['handlaggare', 'attestant', 'admin'], 'response'),
    params,
    errors: [404, 409],
    handler: ({ params: { id, attachmentId }, context, req }) => files.remove(id, attachmentId, { ...context, log: req.log }),
  });
}
