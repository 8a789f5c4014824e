import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { detectFormat } from './detect-format';
import type { FileTextResult, FileTextTask } from './file-text-worker';
import { ImportFileError, refuse, withDefaults, type ImportLimits } from './import-file-error';
import type { ExtractedText } from './read-file';

/**
 * An uploaded file → the text the import core reads. The format is told by the content
 * (detect-format.ts); the reading runs in a worker thread with a heap limit and a time limit, so a
 * hostile file can neither block the event loop nor take the process's memory: a worker that runs
 * out of either is stopped and replaced, and the caller gets an ImportFileError with a Swedish message.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const extension = path.extname(__filename);
  const filename = path.join(__dirname, `file-text-worker${extension}`);
  return extension === '.ts' ? { filename, execArgv: ['--import', 'tsx'] } : { filename, execArgv: [] };
}

/** One pool per heap limit (resource limits are fixed when a pool is made); in practice one. */
const pools = new Map<number, Piscina>();

function poolFor(heapMegabytes: number): Piscina {
  let pool = pools.get(heapMegabytes);
  if (!pool) {
    const { filename, execArgv } = workerFile();
    // atomics 'disabled': an idle piscina worker otherwise waits in Atomics.wait(), blocking its
    // event loop, and the clock port each task brings is never finished closing (pdf-pool.ts).
    pool = new Piscina({
      filename,
      execArgv,
      atomics: 'disabled',
      minThreads: 0,
      maxThreads: 1,
      maxQueue: 8,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: heapMegabytes, maxYoungGenerationSizeMb: 32 },
    });
    // A worker that dies outside a task (out of memory while starting) is reported on the pool; unheard,
    // that 'error' event would end the process. The task it was given fails on its own.
    pool.on('error', () => undefined);
    pools.set(heapMegabytes, pool);
  }
  return pool;
}

/** A fresh worker loads its readers (mammoth, pdf.js) before it begins; seconds on a busy machine. */
const STARTUP_ALLOWANCE_MS = 15_000;

export class ImportBusyError extends Error {
  constructor() {
    super('Every import worker is busy and the queue is full.');
    this.name = 'ImportBusyError';
  }
}

export async function extractFileText(buffer: Buffer, fileName: string, limits: Partial<ImportLimits> = {}): Promise<ExtractedText> {
  const effective = withDefaults(limits);
  if (buffer.length > effective.maxBytes) throw refuse.tooLarge(effective.maxBytes);
  const format = detectFormat(buffer, fileName);
  const pool = poolFor(effective.maxHeapMegabytes);
  if (pool.queueSize >= 8) throw new ImportBusyError();

  // A copy the worker owns (transferred, not cloned again): the caller keeps its buffer.
  const bytes = new Uint8Array(buffer);
  const { port1: clock, port2: workerClock } = new MessageChannel();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  clock.once('message', () => {
    timer = setTimeout(() => controller.abort(), effective.maxMilliseconds);
  });
  // A worker that never begins (it died starting, or the queue does not move) must not leave the caller waiting for ever.
  const backstop = setTimeout(() => controller.abort(), effective.maxMilliseconds * 3 + STARTUP_ALLOWANCE_MS);
  try {
    const task: FileTextTask = { bytes, format, limits: effective, clock: workerClock };
    const result = (await pool.run(task, { transferList: [bytes.buffer as ArrayBuffer, workerClock], signal: controller.signal })) as FileTextResult;
    if ('refused' in result) throw new ImportFileError(result.refused.code, result.refused.message);
    return result.ok;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (controller.signal.aborted) throw refuse.tooSlow(effective.maxMilliseconds);
    // Read by shape, not instanceof: the worker's errors may come from another realm (a test runner's sandbox).
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw refuse.tooMuchMemory();
    if (message === 'Task queue is at limit') throw new ImportBusyError();
    // Anything else a file made a reader throw: the file is at fault, not the server.
    throw refuse.broken('Filen');
  } finally {
    clearTimeout(timer);
    clearTimeout(backstop);
    clock.close();
  }
}

/** Stops the import workers (tests, shutdown). */
export async function closeImportWorkers(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.destroy()));
}
