import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import type { Config } from '../config';
import { HttpProblem } from '../http/problem';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import type { StatementDocumentModel } from './document-model';
import { DocumentsService } from './documents.service';
import { PdfPool, PdfPoolFullError, type PdfPoolOptions } from './pdf-pool';
import { renderStatementHtml } from './render-statement';

const TAG = 'Dokument';

export interface DocumentRoutes {
  /** Stops the PDF worker threads (server shutdown, tests). */
  close(): Promise<void>;
}

/** "Tjänsteutlåtande KS 2020/924.pdf" as a header: an ASCII fallback plus the real name (RFC 6266). */
export function pdfDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._-]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendPdf(res: Response, pool: PdfPool, model: StatementDocumentModel, fileName: string): Promise<void> {
  let started = false;
  try {
    await pool.render(model, {}, (chunk) => {
      // Headers go out with the first bytes: until then a failure is still a clean problem+json.
      if (!started) {
        started = true;
        res.status(200).set({ 'Content-Type': 'application/pdf', 'Content-Disposition': pdfDisposition(fileName), 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' });
      }
      res.write(chunk);
    });
    res.end();
  } catch (error) {
    if (error instanceof PdfPoolFullError) throw new HttpProblem(503, 'Every PDF worker is busy. Try again in a moment.', { slug: 'pdf-busy', headers: { 'Retry-After': '2' } });
    if (started) {
      res.destroy(error as Error);
      return;
    }
    throw error;
  }
}

/**
 * GET /api/responses/:id/pdf (the tjänsteutlåtande, PDF/A-2a) and …/preview (the same template as
 * HTML). Both follow GET /api/responses/:id/statement's visibility: drafts only for the answering
 * organisation (404 for others), answers for everyone who may read the remiss.
 */
export function registerDocumentRoutes(api: Api, deps: { dataSource: DataSource; config: Config; pool?: PdfPoolOptions }): DocumentRoutes {
  const documents = new DocumentsService(deps.dataSource);
  // Threads start with the first PDF, not with the app: most processes (tests, tools) never render one.
  let pool: PdfPool | undefined;
  const workers = () => (pool ??= new PdfPool(deps.pool));

  api.add({
    method: 'get',
    path: '/api/responses/:id/pdf',
    tag: TAG,
    summary: 'The tjänsteutlåtande as an archivable PDF (PDF/A-2a, tagged), streamed',
    policy: anyUser('organisation'),
    params: idParams,
    status: 200,
    errors: [404, 503],
    handler: async ({ params, context, res }) => {
      const model = await documents.statementModel(params.id, context.actor!);
      await sendPdf(res, workers(), model, `Tjänsteutlåtande ${model.caseNumber}.pdf`);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/preview',
    tag: TAG,
    summary: 'The tjänsteutlåtande as an HTML preview (the PDF template, styled for the screen)',
    policy: anyUser('organisation'),
    params: idParams,
    status: 200,
    errors: [404, 503],
    handler: async ({ params, context, res }) => {
      const html = renderStatementHtml(await documents.statementModel(params.id, context.actor!));
      // No scripts at all; the only style is the inline stylesheet.
      res
        .status(200)
        .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'", 'Cache-Control': 'private, no-cache' })
        .send(html);
    },
  });

  return { close: async () => pool?.close() };
}
