import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { IMPORT_LIMITS, ImportFileError, refuse } from './file-text/import-file-error';
import type { Analysis } from './import-analysis';
import type { AnalysisInput, ImportTask, ImportTaskResult } from './import-worker';

/**
 * The import's work off the event loop: reading an uploaded file (mammoth, pdf.js) and repairing
 * and proposing from its text (the Swedish dictionary loads in a few hundred milliseconds and a
 * damaged 20-page text repairs in as long again) run in one worker thread per process
 * (import-worker.ts), with a heap limit and a time limit counted from when the thread begins the
 * task, not while it waits behind another. A hostile file can then neither block the event loop nor
 * take the process's memory: a worker that runs out of either is stopped and replaced, and the
 * caller gets an ImportFileError with a Swedish message.
 */
const MAX_QUEUE = 8;

/** A fresh worker loads its readers (mammoth, pdf.js) before it begins; seconds on a busy machine. */
const STARTUP_ALLOWANCE_MS = 15_000;

export class ImportBusyError extends Error {
  constructor() {
    super('Every import worker is busy and the queue is full.');
    this.name = 'ImportBusyError';
  }
}

/** One pool per heap limit (resource limits are fixed when a pool is made); in practice one. */
const pools = new Map<number, Piscina>();

function poolFor(heapMegabytes: number): Piscina {
  let pool = pools.get(heapMegabytes);
  if (!pool) {
    const extension = path.extname(__filename);
    pool = new Piscina({
      filename: path.join(__dirname, `import-worker${extension}`),
      execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
      // An idle piscina worker otherwise waits in Atomics.wait(), blocking its event loop, and the
      // clock port each task brings is never finished closing (pdf-pool.ts).
      atomics: 'disabled',
      minThreads: 0,
      maxThreads: 1,
      maxQueue: MAX_QUEUE,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: heapMegabytes, maxYoungGenerationSizeMb: 32 },
    });
    // A worker that dies outside a task (out of memory while starting) is reported on the pool; unheard,
    // that 'error' event would end the process. The task it was given fails on its own.
    pool.on('error', () => undefined);
    pools.set(heapMegabytes, pool);
  }
  return pool;
}

export interface ThreadLimits {
  heapMegabytes: number;
  maxMilliseconds: number;
}

/**
 * Runs one task in the import thread. Throws ImportFileError (the file refused, too slow, too much
 * memory), ImportBusyError (the queue is full), or what the worker threw otherwise.
 */
export async function runInImportThread<T>(task: ImportTask, limits: ThreadLimits, options: { transfer?: ArrayBuffer[]; signal?: AbortSignal } = {}): Promise<T> {
  const pool = poolFor(limits.heapMegabytes);
  if (pool.queueSize >= MAX_QUEUE) throw new ImportBusyError();
  const { port1: clock, port2: workerClock } = new MessageChannel();
  const timeout = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  clock.once('message', () => {
    timer = setTimeout(() => timeout.abort(), limits.maxMilliseconds);
  });
  // A worker that never begins (it died starting, or the queue does not move) must not leave the caller waiting for ever.
  const backstop = setTimeout(() => timeout.abort(), limits.maxMilliseconds * 3 + STARTUP_ALLOWANCE_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const result = (await pool.run({ ...task, clock: workerClock }, { transferList: [...(options.transfer ?? []), workerClock], signal })) as ImportTaskResult;
    if ('refused' in result) throw new ImportFileError(result.refused.code, result.refused.message);
    return result.ok as T;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (timeout.signal.aborted) throw refuse.tooSlow(limits.maxMilliseconds);
    // Read by shape, not instanceof: the worker's errors may come from another realm (a test runner's sandbox).
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw refuse.tooMuchMemory();
    if (message === 'Task queue is at limit') throw new ImportBusyError();
    throw error;
  } finally {
    clearTimeout(timer);
    clearTimeout(backstop);
    clock.close();
  }
}

/** OCR repair and the proposal in the import thread; `signal` (a shutdown) stops waiting for it. */
export function analyseOffThread(input: AnalysisInput, signal?: AbortSignal): Promise<Analysis> {
  return runInImportThread({ kind: 'analyse', ...input }, { heapMegabytes: IMPORT_LIMITS.maxHeapMegabytes, maxMilliseconds: IMPORT_LIMITS.maxMilliseconds }, { signal });
}

/** Stops the import threads (tests, shutdown). */
export async function closeImportWorkers(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.destroy()));
}
