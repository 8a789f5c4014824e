import path from 'node:path';
import { Piscina } from 'piscina';
import { HttpProblem } from '../http/problem';
import type { AnalysisTask } from './analysis-worker';
import type { Analysis } from './import-analysis';

/**
 * The OCR repair and the proposal run in a worker thread of their own: the Swedish dictionary takes
 * a few hundred milliseconds to load and a damaged 20-page text as long again to repair, which the
 * event loop of a server answering others must not wait for. One thread per process, a short
 * queue, a heap and time limit like the file reader's (file-text/extract-file-text.ts).
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
  }
  return pool;
}

const busy = () => new HttpProblem(503, 'The import is busy reading other files; try again in a moment.', { slug: 'import-busy', headers: { 'Retry-After': '5' } });

export async function analyseOffThread(task: AnalysisTask): Promise<Analysis> {
  const threads = analysisPool();
  if (threads.queueSize >= MAX_QUEUE) throw busy();
  const signal = AbortSignal.timeout(TIME_LIMIT_MS);
  try {
    return (await threads.run(task, { signal })) as Analysis;
  } catch (error) {
    if (error instanceof Error && error.message === 'Task queue is at limit') throw busy();
    if (signal.aborted) throw new HttpProblem(422, 'Reading the text took too long.', { slug: 'import-too-slow', errors: [{ path: 'body.file', message: 'Det tog för lång tid att läsa texten, så importen avbröts. Försök med en mindre fil.' }] });
    throw error;
  }
}

/** Stops the analysis thread (tests, shutdown). */
export async function closeAnalysisPool(): Promise<void> {
  const running = pool;
  pool = undefined;
  await running?.destroy();
}
