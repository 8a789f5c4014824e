import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { HttpProblem } from '../http/problem';
import type { DocumentSpec } from './document-model';
import { DocumentTemplatesService } from './document-templates.service';
import { PdfPool, PdfPoolFullError, PdfTimeoutError, type PdfPoolOptions } from './pdf-pool';
import { contentDisposition } from '../http/content-disposition';

/**
 * What the document routes share: the worker pool (threads start with the first PDF, not with the
 * app: most processes, tests and tools never render one) and the templates in effect, which go
 * with every job so a worker renders with an admin's latest replacement.
 */
export class DocumentRenderer {
  private pool: PdfPool | undefined;
  readonly templates: DocumentTemplatesService;

  constructor(
    dataSource: DataSource,
    private readonly poolOptions: PdfPoolOptions = {},
  ) {
    this.templates = new DocumentTemplatesService(dataSource, async (templates, name) => {
      try {
        return await this.workers().checkTemplates(templates, name);
      } catch (error) {
        throw fromPoolError(error);
      }
    });
  }

  workers(): PdfPool {
    return (this.pool ??= new PdfPool(this.poolOptions));
  }

  /** Renders in a worker and streams the PDF as it is written; 503 with Retry-After when the queue is full. */
  async sendPdf(res: Response, document: DocumentSpec, fileName: string): Promise<void> {
    const templates = await this.templates.effective();
    let started = false;
    try {
      await this.workers().render(document, { templates }, (chunk) => {
        // Headers go out with the first bytes: until then a failure is still a clean problem+json.
        if (!started) {
          started = true;
          res.status(200).set({ 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition(fileName, 'inline'), 'X-Content-Type-Options': 'nosniff' });
        }
        res.write(chunk);
      });
      res.end();
    } catch (error) {
      if (started) {
        res.destroy(error as Error);
        return;
      }
      throw fromPoolError(error);
    }
  }

  /**
   * A whole PDF in memory with the templates in effect, for background jobs (a remissbrev to mail).
   * The pool's own errors come through as they are: a job waits on PdfPoolFullError and tries later.
   */
  async renderPdf(document: DocumentSpec): Promise<Buffer> {
    return this.workers().renderToBuffer(document, { templates: await this.templates.effective() });
  }

  /** The HTML preview with the templates in effect, rendered in a worker like a PDF (a template can be slow). */
  async previewHtml(document: DocumentSpec): Promise<string> {
    const templates = await this.templates.effective();
    try {
      return await this.workers().previewHtml(document, templates);
    } catch (error) {
      throw fromPoolError(error);
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

const busy = () => new HttpProblem(503, 'Every PDF worker is busy. Try again in a moment.', { slug: 'pdf-busy', headers: { 'Retry-After': '2' } });

/** The pool's refusals as problems: busy (try again soon), or stopped for taking too long (a template to look at). */
function fromPoolError(error: unknown): unknown {
  if (error instanceof PdfPoolFullError) return busy();
  if (error instanceof PdfTimeoutError) {
    return new HttpProblem(503, `${error.message} An administrator should check the document templates.`, { slug: 'pdf-timeout', headers: { 'Retry-After': '60' } });
  }
  return error;
}

/** The HTML preview's headers: no scripts at all; the only style is the inline stylesheet. */
export const PREVIEW_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
};
