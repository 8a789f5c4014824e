import { analyseImport, type Analysis, type ImportSource } from './import-analysis';
import type { Repair } from './ocr-repair';
import type { ImportContext } from './proposal';

/** The import's analysis thread (run by piscina, see analysis-pool.ts): OCR repair and the proposal. */
export interface AnalysisTask {
  source: ImportSource;
  context: ImportContext;
  kept?: { repairs: Repair[]; damaged: boolean; undone: readonly number[] };
}

export default function analyseTask(task: AnalysisTask): Analysis {
  return analyseImport(task.source, task.context, task.kept);
}
