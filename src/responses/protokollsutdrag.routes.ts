import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { sendAttachment } from '../attachments/attachment-download';
import { presentAttachment } from '../attachments/attachment.presenter';
import { attachmentSchema, uploadFields } from '../attachments/attachments.schemas';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import type { Api } from '../http/route';
import { uuidSchema } from '../http/schemas';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { ProtokollsutdragService } from './protokollsutdrag.service';

const decisionParams = z.strictObject({ id: uuidSchema, decisionId: uuidSchema });

export function registerProtokollsutdragRoutes(api: Api, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const service = new ProtokollsutdragService(dataSource, createFileStore(config));
  const spoolDir = uploadSpoolDir(config);
  const upload = { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes };

  api.add({
    method: 'post',
    path: '/api/responses/:id/decisions/:decisionId/protokollsutdrag',
    tag: 'Remissvar',
    summary:
      "Attach the protokollsutdrag (the extract of the justerat protokoll) to a decision of the nämnd: a PDF, checked from its bytes (415 otherwise); the answering organisation's handläggare or attestant, as for the decision; one per decision (409)",
    policy: rolesOnly(['handlaggare', 'attestant', 'admin'], 'response'),
    params: decisionParams,
    upload,
    status: 201,
    response: attachmentSchema,
    errors: [404, 409],
    handler: async ({ params: { id, decisionId }, context, req, res }) => {
      const attachment = await service.attach(id, decisionId, { ...context, log: req.log }, () => receiveUpload(req, res, upload, spoolDir));
      res.location(`/api/responses/${id}/decisions/${decisionId}/protokollsutdrag`);
      return presentAttachment(attachment);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/decisions/:decisionId/protokollsutdrag',
    tag: 'Remissvar',
    summary: 'Download the protokollsutdrag of a decision (readable as the decision is)',
    policy: anyUser('response'),
    params: decisionParams,
    produces: ['application/pdf'],
    errors: [304, 404],
    handler: async ({ params: { id, decisionId }, context, req, res }) => {
      const { attachment, content } = await service.open(id, decisionId, context.actor!);
      await sendAttachment(req, res, attachment, content);
    },
  });
}
