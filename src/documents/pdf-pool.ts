import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { DocumentSpec, PdfOptions } from './document-model';
import type { PdfMessage, PdfTask } from './pdf-worker';
import { DEFAULT_TEMPLATES, type TemplateBundle } from './template-set';

/**
 * PDF rendering off the event loop: a piscina pool of worker threads with a bounded queue. When
 * every thread is busy and the queue is full, render() refuses at once (PdfPoolFullError, a 503
 * with Retry-After for HTTP) instead of letting waiting work grow memory without limit.
 */
export class PdfPoolFullError extends Error {
  constructor() {
    super('Every PDF worker is busy and the queue is full.');
    this.name = 'PdfPoolFullError';
  }
}

export interface PdfPoolOptions {
  /** Worker threads; default: one less than the cores (at least one, at most four), so the event loop keeps a core. */
  threads?: number;
  /** Documents that may wait for a thread, in all; default queuePerThread times the threads. */
  maxQueue?: number;
  /** Documents that may wait per thread when maxQueue is not given (PDF_QUEUE_PER_WORKER); default 4. */
  queuePerThread?: number;
  /** A worker idle this long exits (its fonts are parsed again by the next one). */
  idleTimeoutMs?: number;
}

/**
 * Compiled, the worker is a .js file beside this one. From the TypeScript sources (tests, tsx)
 * it is a .ts file and the thread loads it through tsx.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const extension = path.extname(__filename);
  const filename = path.join(__dirname, `pdf-worker${extension}`);
  return extension === '.ts' ? { filename, execArgv: ['--import', 'tsx'] } : { filename, execArgv: [] };
}

const queueFull = (error: unknown) => error instanceof Error && error.message === 'Task queue is at limit';

export class PdfPool {
  private readonly pool: Piscina;
  readonly threads: number;
  readonly maxQueue: number;

  constructor(options: PdfPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.threads = threads;
    this.maxQueue = options.maxQueue ?? threads * (options.queuePerThread ?? 4);
    const { filename, execArgv } = workerFile();
    this.pool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: threads, maxQueue: this.maxQueue, idleTimeout: options.idleTimeoutMs ?? 60_000 });
  }

  get queueSize(): number {
    return this.pool.queueSize;
  }

  /**
   * Renders in a worker; onChunk receives the PDF in order while it is written. Resolves with the
   * byte count once the last chunk has been handed over. The templates in effect go with the job.
   */
  async render(document: DocumentSpec, options: PdfOptions & { templates?: TemplateBundle }, onChunk: (chunk: Buffer) => void): Promise<number> {
    if (this.pool.queueSize >= this.maxQueue) throw new PdfPoolFullError();
    const { templates = DEFAULT_TEMPLATES, ...pdfOptions } = options;
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<number>((resolve) => {
      port1.on('message', (message: PdfMessage) => {
        if ('chunk' in message) onChunk(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
        else resolve(message.end);
      });
    });
    try {
      const task: PdfTask = { document, options: pdfOptions, templates, port: port2 };
      // The task's promise and the port are separate channels: wait for both, the end marker
      // guarantees every chunk has arrived.
      const [, total] = await Promise.all([this.pool.run(task, { transferList: [port2] }), received]);
      return total;
    } catch (error) {
      throw queueFull(error) ? new PdfPoolFullError() : error;
    } finally {
      port1.close();
    }
  }

  async renderToBuffer(document: DocumentSpec, options: PdfOptions & { templates?: TemplateBundle } = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.render(document, options, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /** Renders sample documents with a candidate set of templates off the event loop; answers the problems (none: it may be saved). */
  async checkTemplates(templates: TemplateBundle, name: string): Promise<string[]> {
    if (this.pool.queueSize >= this.maxQueue) throw new PdfPoolFullError();
    try {
      return (await this.pool.run({ check: { templates, name } } satisfies PdfTask)) as string[];
    } catch (error) {
      throw queueFull(error) ? new PdfPoolFullError() : error;
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
