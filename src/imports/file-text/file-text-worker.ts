import type { MessagePort } from 'node:worker_threads';
import type { ImportFormat } from './detect-format';
import { ImportFileError, type ImportLimits } from './import-file-error';
import { readFile, type ExtractedText } from './read-file';

/**
 * The import's worker thread (run by piscina, see extract-file-text.ts): reads one uploaded file.
 * An ImportFileError cannot cross the thread boundary as itself, so it travels as data.
 */
export interface FileTextTask {
  bytes: Uint8Array;
  format: ImportFormat;
  limits: ImportLimits;
  /** The worker says here when it begins, so that the time limit does not count the queue. */
  clock: MessagePort;
}

export type FileTextResult = { ok: ExtractedText } | { refused: { code: ImportFileError['code']; message: string } };

export default async function readFileTask(task: FileTextTask): Promise<FileTextResult> {
  task.clock.postMessage('started');
  task.clock.close();
  try {
    const buffer = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    return { ok: await readFile(buffer, task.format, task.limits) };
  } catch (error) {
    if (error instanceof ImportFileError) return { refused: { code: error.code, message: error.message } };
    throw error;
  }
}
