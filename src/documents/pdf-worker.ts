import type { MessagePort } from 'node:worker_threads';
import type { PdfOptions, StatementDocumentModel } from './document-model';
import { fonts } from './fonts';
import { writeStatementPdf } from './render-statement';

/**
 * A PDF worker thread (run by piscina, see pdf-pool.ts). Fonts are parsed when the thread starts,
 * once, and stay loaded for every document it renders. The PDF travels back over its own port in
 * chunks of about 64 KiB as pages are written, so the client receives the first page while later
 * ones are still being drawn, and a big document is never copied whole between threads.
 */
export interface PdfTask {
  model: StatementDocumentModel;
  options: PdfOptions;
  port: MessagePort;
}

/** Messages on the task's port: chunks, then one end marker with the byte count. */
export type PdfMessage = { chunk: Uint8Array } | { end: number };

const CHUNK_BYTES = 64 * 1024;

fonts();

export default async function renderPdfTask({ model, options, port }: PdfTask): Promise<number> {
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
    await writeStatementPdf(model, options, (chunk) => {
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
