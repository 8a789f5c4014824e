import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { DocumentSpec, PdfOptions } from './document-model';
import type { PdfJob, PdfMessage, PdfTask } from './pdf-worker';
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

/** A document (or a template check) ran past its time limit; the worker running it was stopped. */
export class PdfTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`Rendering took longer than ${seconds} s and was stopped.`);
    this.name = 'PdfTimeoutError';
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
  /**
   * A document or preview still rendering after this long is stopped (its worker is terminated
   * and replaced): an admin's template can loop for hours, and a stuck worker would starve every
   * later document. Default 60 s; a 330-page sammanställning takes about one.
   */
  taskTimeoutMs?: number;
  /** The same for checking a candidate template against the sample documents; default 15 s. */
  checkTimeoutMs?: number;
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
  private readonly taskTimeoutMs: number;
  private readonly checkTimeoutMs: number;

  constructor(options: PdfPoolOptions = {}) {
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
    this.checkTimeoutMs = options.checkTimeoutMs ?? 15_000;
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.threads = threads;
    this.maxQueue = options.maxQueue ?? threads * (options.queuePerThread ?? 4);
    const { filename, execArgv } = workerFile();
    // atomics 'disabled': piscina's default makes an idle worker wait in Atomics.wait(), which
    // blocks its event loop, and a MessagePort closed in a task (each task's clock and chunk ports)
    // only finishes closing on that loop: the worker kept every port it was ever sent, about 5 KB
    // each with their native queues (the soak: its heap 35 → 55 MB in ten minutes; pdf-pool-ports.test.ts).
    this.pool = new Piscina({ filename, execArgv, atomics: 'disabled', minThreads: 1, maxThreads: threads, maxQueue: this.maxQueue, idleTimeout: options.idleTimeoutMs ?? 60_000 });
  }

  get queueSize(): number {
    return this.pool.queueSize;
  }

  /**
   * Renders in a worker; onChunk receives the PDF in order while it is written. Resolves with the
   * byte count once the last chunk has been handed over. The templates in effect go with the job.
   */
  async render(document: DocumentSpec, options: PdfOptions & { templates?: TemplateBundle }, onChunk: (chunk: Buffer) => void): Promise<number> {
    const { templates = DEFAULT_TEMPLATES, ...pdfOptions } = options;
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<number>((resolve) => {
      port1.on('message', (message: PdfMessage) => {
        if ('chunk' in message) onChunk(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
        else resolve(message.end);
      });
    });
    try {
      const task: PdfJob = { document, options: pdfOptions, templates, port: port2 };
      // The task's promise and the port are separate channels: wait for both, the end marker
      // guarantees every chunk has arrived.
      const [, total] = await Promise.all([this.run(task, this.taskTimeoutMs, [port2]), received]);
      return total;
    } finally {
      port1.close();
    }
  }

  /** The HTML preview, rendered in a worker under the same time limit as a PDF. */
  async previewHtml(document: DocumentSpec, templates: TemplateBundle = DEFAULT_TEMPLATES): Promise<string> {
    return (await this.run({ preview: { document, templates } }, this.taskTimeoutMs)) as string;
  }

  /**
   * One task under a time limit that counts from when the worker begins it: not while it waits in
   * the queue (bounded, and each task ahead of it has its own limit), nor while a fresh thread
   * starts and warms up (seconds on a busy machine, and no template of an admin's runs then). A
   * limit counted from the queue stopped good documents whenever the machine was busy.
   */
  private async run(job: PdfJob, timeoutMs: number, transferList: MessagePort[] = []): Promise<unknown> {
    if (this.pool.queueSize >= this.maxQueue) throw new PdfPoolFullError();
    const { port1: clock, port2: workerClock } = new MessageChannel();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    clock.once('message', () => {
      timer = setTimeout(() => controller.abort(), timeoutMs);
    });
    try {
      return await this.pool.run({ ...job, clock: workerClock } satisfies PdfTask, { transferList: [...transferList, workerClock], signal: controller.signal });
    } catch (error) {
      if (queueFull(error)) throw new PdfPoolFullError();
      if (controller.signal.aborted) throw new PdfTimeoutError(timeoutMs / 1000);
      throw error;
    } finally {
      clearTimeout(timer);
      clock.close();
    }
  }

  async renderToBuffer(document: DocumentSpec, options: PdfOptions & { templates?: TemplateBundle } = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.render(document, options, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /** Renders sample documents with a candidate set of templates off the event loop; answers the problems (none: it may be saved). */
  async checkTemplates(templates: TemplateBundle, name: string): Promise<string[]> {
    try {
      return (await this.run({ check: { templates, name } }, this.checkTimeoutMs)) as string[];
    } catch (error) {
      // Too slow for the samples is a reason to refuse the template, not a server failure.
      if (error instanceof PdfTimeoutError) return [`${name}: the sample documents took longer than ${error.seconds} s to render with it (a loop inside a loop?)`];
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
