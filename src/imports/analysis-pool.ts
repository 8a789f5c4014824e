import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { HttpProblem } from '../http/problem';
import type { AnalysisTask } from './analysis-worker';
import type { Analysis } from './import-analysis';

/**
 * The OCR repair and the proposal run in a worker thread of their own: the Swedish dictionary takes
 * a few hundred milliseconds to load and a damaged 20-page text as long again to repair, which the
 * event loop of a server answering others must not wait for. One thread per process, a short
 * queue, a heap and time limit like the file reader's (file-text/extract-file-text.ts), the time
 * counted from when the thread begins the task, not while it waits behind another.
 */
const TIME_LIMIT_MS = 20_000;
const MAX_QUEUE = 8;
let pool: Piscina | undefined;

function analysisPool(): Piscina {
  if (!pool) {
    const extension = path.extname(__filename);
    pool = new Piscina({
      filename: path.join(__dirname, `analysis-worker${extension}`),
      execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
      // An idle worker parked in Atomics.wait() never lets closed ports go (pdf-pool.ts).
      atomics: 'disabled',
      minThreads: 0,
      maxThreads: 1,
      maxQueue: MAX_QUEUE,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    // A worker that dies outside a task is replaced; unheard, the 'error' event would end the process.
    pool.on('error', () => undefined);
  }
  return pool;
}

const busy = () => new HttpProblem(503, 'The import is busy reading other files; try again in a moment.', { slug: 'import-busy', headers: { 'Retry-After': '5' } });
const refused = (detail: string, message: string) => new HttpProblem(422, detail, { slug: 'import-too-large', errors: [{ path: 'body.file', message }] });

/** Repairs and proposes in the analysis thread; `signal` (a shutdown) stops waiting for it. */
export async function analyseOffThread(task: AnalysisTask, signal?: AbortSignal): Promise<Analysis> {
  const threads = analysisPool();
  if (threads.queueSize >= MAX_QUEUE) throw busy();
  const { port1: clock, port2: workerClock } = new MessageChannel();
  const timeout = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  clock.once('message', () => {
    timer = setTimeout(() => timeout.abort(), TIME_LIMIT_MS);
  });
  try {
    return (await threads.run({ ...task, clock: workerClock }, { transferList: [workerClock], signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal })) as Analysis;
  } catch (error) {
    if (error instanceof Error && error.message === 'Task queue is at limit') throw busy();
    if (timeout.signal.aborted) throw refused('Reading the text took too long.', 'Det tog för lång tid att läsa texten, så importen avbröts. Försök med en mindre fil.');
    if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw refused('Reading the text needed too much memory.', 'Texten krävde för mycket minne för att läsas och importeras inte. Försök med en mindre fil.');
    throw error;
  } finally {
    clearTimeout(timer);
    clock.close();
  }
}

/** Stops the analysis thread (tests, shutdown). */
export async function closeAnalysisPool(): Promise<void> {
  const running = pool;
  pool = undefined;
  await running?.destroy();
}
