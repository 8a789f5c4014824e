import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import type { Config } from '../config';
import type { Api } from '../http/route';
import { idParams, uuidSchema } from '../http/schemas';
import { recipientParams } from '../recipients/recipients.schemas';
import { DocumentRenderer, PREVIEW_HEADERS } from './document-renderer';
import { DocumentsService } from './documents.service';
import type { PdfPoolOptions } from './pdf-pool';


const TAG = 'Dokument';
const extensionParams = recipientParams.extend({ extensionId: uuidSchema });

export interface DocumentRoutes {
  /** The pool and the templates in effect, for the other document routes (templates, compilation PDF). */
  renderer: DocumentRenderer;
  /** Stops the PDF worker threads (server shutdown, tests). */
  close(): Promise<void>;
}

/**
 * A response's documents and the remissbrev, as PDF/A-2a rendered in the worker pool and streamed
 * (503 with Retry-After when the queue is full). Each follows the visibility of the data it shows:
 * a response's documents GET …/statement's rules (drafts only for the answering organisation, 404
 * for others); a remissbrev the registrators, the coordinator and the organisation it was sent to.
 */
export function registerDocumentRoutes(api: Api, deps: { dataSource: DataSource; config: Config; pool?: PdfPoolOptions }): DocumentRoutes {
  const documents = new DocumentsService(deps.dataSource);
  const renderer = new DocumentRenderer(deps.dataSource, deps.pool ?? {
      threads: deps.config.pdfWorkers,
      queuePerThread: deps.config.pdfQueuePerWorker,
      taskTimeoutMs: deps.config.pdfTimeoutSeconds * 1000,
      checkTimeoutMs: Math.min(15, deps.config.pdfTimeoutSeconds) * 1000,
    });

  api.add({
    method: 'get',
    path: '/api/responses/:id/pdf',
    tag: TAG,
    summary: 'The answer as an archivable PDF (PDF/A-2a, tagged), streamed: the tjänsteutlåtande, or the answer letter of a response that avstår or has inga synpunkter without one',
    policy: anyUser('response'),
    params: idParams,
    produces: ['application/pdf'],
    errors: [404, 409, 503],
    handler: async ({ params, context, res }) => {
      const { document, fileName } = await documents.responseDocument(params.id, context.actor!);
      await renderer.sendPdf(res, document, fileName);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/preview',
    tag: TAG,
    summary: 'The same document as an HTML preview (the PDF template, styled for the screen)',
    policy: anyUser('response'),
    params: idParams,
    produces: ['text/html'],
    errors: [404, 503],
    handler: async ({ params, context, res }) => {
      const { document } = await documents.responseDocument(params.id, context.actor!);
      res.status(200).set(PREVIEW_HEADERS).send(await renderer.previewHtml(document));
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/answer-letter.pdf',
    tag: TAG,
    summary: 'The short "avstår / inga synpunkter" answer letter (PDF/A-2a); 409 unless the response declined or had no comments',
    policy: anyUser('response'),
    params: idParams,
    produces: ['application/pdf'],
    errors: [404, 409, 503],
    handler: async ({ params, context, res }) => {
      const { document, fileName } = await documents.answerLetter(params.id, context.actor!);
      await renderer.sendPdf(res, document, fileName);
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/recipients/:recipientId/cover-letter.pdf',
    tag: TAG,
    summary: 'The remissbrev to one remissinstans (PDF/A-2a): what is sent, by whom, the Dnr, its deadline, how to answer, the remisshandlingar',
    policy: anyUser('remiss'),
    params: recipientParams,
    produces: ['application/pdf'],
    errors: [404, 503],
    handler: async ({ params, context, res }) => {
      const { document, fileName } = await documents.coverLetter(params.id, params.recipientId, context.actor!);
      await renderer.sendPdf(res, document, fileName);
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/recipients/:recipientId/extensions/:extensionId/letter.pdf',
    tag: TAG,
    summary: 'The beslut om anstånd to one remissinstans (PDF/A-2a), dated the day it was granted: the new sista svarsdag, the one it replaces, the reason and who granted it',
    policy: anyUser('remiss'),
    params: extensionParams,
    produces: ['application/pdf'],
    errors: [404, 503],
    handler: async ({ params, context, res }) => {
      const { document, fileName } = await documents.extensionLetter(params.id, params.recipientId, params.extensionId, context.actor!);
      await renderer.sendPdf(res, document, fileName);
    },
  });

  return { renderer, close: () => renderer.close() };
}
