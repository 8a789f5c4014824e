import type { MessagePort } from 'node:worker_threads';
import { analyseImport, type Analysis, type ImportSource } from './import-analysis';
import type { Repair } from './ocr-repair';
import type { ImportContext } from './proposal';

/** The import's analysis thread (run by piscina, see analysis-pool.ts): OCR repair and the proposal. */
export interface AnalysisTask {
  source: ImportSource;
  context: ImportContext;
  kept?: { repairs: Repair[]; damaged: boolean; undone: readonly number[] };
}

export default function analyseTask(task: AnalysisTask & { clock: MessagePort }): Analysis {
  // Says when the work begins, so that the time limit does not count the queue (analysis-pool.ts).
  task.clock.postMessage('started');
  task.clock.close();
  return analyseImport(task.source, task.context, task.kept);
}
