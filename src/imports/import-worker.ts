import type { MessagePort } from 'node:worker_threads';
import type { ImportFormat } from './file-text/detect-format';
import { ImportFileError, type ImportLimits } from './file-text/import-file-error';
import { readFile } from './file-text/read-file';
import { analyseImport, type ImportSource } from './import-analysis';
import type { Repair } from './ocr-repair';
import type { ImportContext } from './proposal';

/** The OCR repair and the proposal for a text; `kept`: the repairs found before, some undone. */
export interface AnalysisInput {
  source: ImportSource;
  context: ImportContext;
  kept?: { repairs: Repair[]; damaged: boolean; undone: readonly number[] };
}

/** What the import's worker thread (import-threads.ts) does: read an uploaded file, or repair and propose from its text. */
export type ImportTask = { kind: 'read'; bytes: Uint8Array; format: ImportFormat; limits: ImportLimits } | ({ kind: 'analyse' } & AnalysisInput);

/** An ImportFileError cannot cross the thread boundary as itself, so it travels as data. */
export type ImportTaskResult = { ok: unknown } | { refused: { code: ImportFileError['code']; message: string } };

export default async function runImportTask(task: ImportTask & { clock: MessagePort }): Promise<ImportTaskResult> {
  // Says when the work begins, so that the time limit does not count the queue.
  task.clock.postMessage('started');
  task.clock.close();
  try {
    if (task.kind === 'analyse') return { ok: analyseImport(task.source, task.context, task.kept) };
    return { ok: await readFile(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.format, task.limits) };
  } catch (error) {
    if (error instanceof ImportFileError) return { refused: { code: error.code, message: error.message } };
    throw error;
  }
}
