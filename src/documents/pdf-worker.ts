import type { MessagePort } from 'node:worker_threads';
import type { DocumentSpec, PdfOptions } from './document-model';
import { renderDocumentHtml, writeDocumentPdf } from './render-document';
import { warmUp } from './sample-documents';
import { templateSetFor, type TemplateBundle } from './template-set';
import { validateTemplates } from './template-validation';

/**
 * A PDF worker thread (run by piscina, see pdf-pool.ts). Fonts are parsed when the thread starts,
 * once, with a warm-up render of the sample documents, and stay loaded for every document it
 * renders; template sets are compiled once per bundle key (an admin's change makes a new key).
 * The PDF travels back over its own port in chunks of about 64 KiB as pages are written, so the
 * client receives the first page while later ones are still being drawn, and a big document is
 * never copied whole between threads.
 */
export interface PdfRenderTask {
  document: DocumentSpec;
  options: PdfOptions;
  templates: TemplateBundle;
  port: MessagePort;
}

/** Checks a candidate set of templates against sample documents; answers the problems found. */
export interface TemplateCheckTask {
  check: { templates: TemplateBundle; name: string };
}

/** The HTML preview with the templates in effect: Handlebars runs here, off the event loop, like everything a template drives. */
export interface PreviewTask {
  preview: { document: DocumentSpec; templates: TemplateBundle };
}

/**
 * Every task carries a port on which the worker says when it begins the task itself, after the
 * thread's start-up and warm-up: the pool's time limit counts from there (see pdf-pool.ts).
 */
export type PdfJob = PdfRenderTask | TemplateCheckTask | PreviewTask;
export type PdfTask = PdfJob & { clock: MessagePort };

/** Messages on the task's port: chunks, then one end marker with the byte count. */
export type PdfMessage = { chunk: Uint8Array } | { end: number };

const CHUNK_BYTES = 64 * 1024;

// The first real document then finds compiled templates, warm caches and optimised code.
const warm = warmUp();

export default async function runPdfTask(task: PdfTask): Promise<number | string[] | string> {
  await warm;
  task.clock.postMessage('started');
  task.clock.close();
  if ('check' in task) return validateTemplates(task.check.templates.sources, task.check.name);
  if ('preview' in task) return renderDocumentHtml(task.preview.document, templateSetFor(task.preview.templates));
  const { document, options, templates, port } = task;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  const flush = () => {
    if (!pendingBytes) return;
    const chunk = Buffer.concat(pending, pendingBytes);
    // A fresh buffer from concat owns its memory: transfer it instead of copying.
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    port.postMessage({ chunk: bytes } satisfies PdfMessage, [bytes.buffer as ArrayBuffer]);
    pending = [];
    pendingBytes = 0;
  };
  try {
    await writeDocumentPdf(document, options, templateSetFor(templates), (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      total += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) flush();
    });
    flush();
    port.postMessage({ end: total } satisfies PdfMessage);
    return total;
  } finally {
    port.close();
  }
}
