import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { presentAttachment } from './attachment.presenter';
import { ATTACHMENT_TYPES, sendAttachment } from './attachment-download';
import { attachmentPageSchema, attachmentParams, attachmentSchema, listAttachmentsQuery, printedUploadFields } from './attachments.schemas';
import { AttachmentsService } from './attachments.service';

const TAG = 'Attachments';

/** Remisshandlingar: upload, list, download, delete. */
export function registerAttachmentRoutes(api: Api, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const attachments = new AttachmentsService(dataSource, createFileStore(config));
  const managers = rolesOnly(['admin', 'registrator']);
  const upload = { file: 'file', fields: printedUploadFields, maxBytes: config.attachmentMaxBytes };
  // Uploads wait here until their type is proven; only checked files reach the file store.
  const spoolDir = uploadSpoolDir(config);

  api.add({
    method: 'get',
    path: '/api/consultations/:id/attachments',
    tag: TAG,
    summary: 'List the remisshandlingar of a remiss',
    policy: anyUser(),
    params: idParams,
    query: listAttachmentsQuery,
    response: attachmentPageSchema,
    errors: [404],
    handler: async ({ params, query, context }) => {
      const page = await attachments.list(params.id, query, context);
      return { ...page, items: page.items.map(presentAttachment) };
    },
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/attachments',
    tag: TAG,
    summary: 'Upload a remisshandling as multipart/form-data: PDF, DOCX, XLSX, ODT or UTF-8 text, checked by content',
    policy: managers,
    params: idParams,
    upload,
    status: 201,
    response: attachmentSchema,
    errors: [404, 409],
    handler: async ({ params, context, req, res }) => {
      const attachment = await attachments.upload(params.id, { ...context, log: req.log }, () => receiveUpload(req, res, upload, spoolDir));
      res.location(`/api/consultations/${params.id}/attachments/${attachment.id}`);
      return presentAttachment(attachment);
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/attachments/:attachmentId',
    tag: TAG,
    summary: "One remisshandling's metadata",
    policy: anyUser(),
    params: attachmentParams,
    response: attachmentSchema,
    errors: [404],
    handler: async ({ params, context }) => presentAttachment(await attachments.get(params.id, params.attachmentId, context)),
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/attachments/:attachmentId/content',
    tag: TAG,
    summary: 'Download a remisshandling (always as an attachment, with its SHA-256 as ETag)',
    policy: anyUser(),
    params: attachmentParams,
    produces: ATTACHMENT_TYPES,
    errors: [304, 404],
    handler: async ({ params, context, req, res }) => {
      const { attachment, content } = await attachments.open(params.id, params.attachmentId, context);
      await sendAttachment(req, res, attachment, content);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/consultations/:id/attachments/:attachmentId',
    tag: TAG,
    summary: 'Remove a remisshandling while the remiss is a draft (409 once it has been sent)',
    policy: managers,
    params: attachmentParams,
    errors: [404, 409],
    handler: ({ params, context, req }) => attachments.remove(params.id, params.attachmentId, { ...context, log: req.log }),
  });
}
