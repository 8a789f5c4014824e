import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { rolesOnly } from '../authz/policy';
import type { Config } from '../config';
import { requireIfMatch, setEtag } from '../http/etag';
import { receiveUpload } from '../http/multipart-upload';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { presentStatement, statementSchema } from '../statements/statement.presenter';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { IMPORT_LIMITS } from './file-text';
import { acceptBody, importParams, importSchema, presentImport, repairBody, repairParams } from './imports.schemas';
import { ImportsService } from './imports.service';

const TAG = 'Import';
const editors = rolesOnly(['handlaggare', 'admin'], 'response');
const noFields = z.strictObject({});

/** Import of a tjänsteutlåtande from a file (DESIGN.md §10); the rules are ImportsService's. */
export function registerImportRoutes(api: Api, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const imports = new ImportsService(dataSource, createFileStore(config));
  const spoolDir = uploadSpoolDir(config);

  api.add({
    method: 'post',
    path: '/api/responses/:id/imports',
    tag: TAG,
    summary:
      'Import a tjänsteutlåtande from a file (DOCX, ODT, PDF or UTF-8 text) into the draft: answers a proposed statement to check and accept. A scanned PDF is read by OCR in the background (status ocr_queued → ocr_running → ready; poll GET). A file that cannot be read is refused (413/415/422, the reason at body.file) and nothing is stored.',
    policy: editors,
    params: idParams,
    upload: { file: 'file', fields: noFields, maxBytes: IMPORT_LIMITS.maxBytes },
    status: 201,
    response: importSchema,
    errors: [404, 409, 413, 415, 422],
    handler: async ({ params: { id }, context, req, res }) => {
      const created = await imports.create(id, { ...context, log: req.log }, () => receiveUpload(req, res, { file: 'file', fields: noFields, maxBytes: IMPORT_LIMITS.maxBytes }, spoolDir));
      res.location(`/api/responses/${id}/imports/${created.id}`);
      return presentImport(created);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/imports/:importId',
    tag: TAG,
    summary: 'An import: its status and OCR progress, the text as read, the repairs, and the proposed statement',
    policy: editors,
    params: importParams,
    response: importSchema,
    errors: [404],
    handler: async ({ params: { id, importId }, context }) => presentImport(await imports.get(id, importId, context.actor!)),
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/imports/:importId/repairs/:repairId',
    tag: TAG,
    summary: 'Undo (undone: true) or restore one OCR repair; the proposal is read again from the text with the repairs still wanted',
    policy: editors,
    params: repairParams,
    body: repairBody,
    response: importSchema,
    errors: [404, 409],
    handler: async ({ params: { id, importId, repairId }, body, context }) => presentImport(await imports.setRepairUndone(id, importId, repairId, body.undone, context)),
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/imports/:importId/accept',
    tag: TAG,
    summary:
      "Accept the proposal (or the statement as edited) as the draft: one revision, If-Match: the statement's ETag. Header fields the file did not state keep the draft's values; required sections the file lacks are kept. keepFile makes the file a bilaga.",
    policy: editors,
    params: importParams,
    body: acceptBody,
    response: statementSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params: { id, importId }, body, context, req, res }) => {
      const view = await imports.accept(id, importId, requireIfMatch(req), body, context);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/responses/:id/imports/:importId',
    tag: TAG,
    summary: 'Discard an import that is not wanted; its file is removed',
    policy: editors,
    params: importParams,
    errors: [404, 409],
    handler: ({ params: { id, importId }, context }) => imports.discard(id, importId, context),
  });
}
