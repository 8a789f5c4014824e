import { ImportBusyError, runInImportThread } from '../import-threads';
import { detectFormat } from './detect-format';
import { ImportFileError, refuse, withDefaults, type ImportLimits } from './import-file-error';
import type { ExtractedText } from './read-file';

/**
 * An uploaded file → the text the import core reads. The format is told by the content
 * (detect-format.ts); the reading runs in the import thread with its heap and time limits
 * (import-threads.ts), so a hostile file can neither block the event loop nor take the process's
 * memory.
 */
export async function extractFileText(buffer: Buffer, fileName: string, limits: Partial<ImportLimits> = {}): Promise<ExtractedText> {
  const effective = withDefaults(limits);
  if (buffer.length > effective.maxBytes) throw refuse.tooLarge(effective.maxBytes);
  const format = detectFormat(buffer, fileName);
  // A copy the worker owns (transferred, not cloned again): the caller keeps its buffer.
  const bytes = new Uint8Array(buffer);
  try {
    return await runInImportThread<ExtractedText>(
      { kind: 'read', bytes, format, limits: effective },
      { heapMegabytes: effective.maxHeapMegabytes, maxMilliseconds: effective.maxMilliseconds },
      { transfer: [bytes.buffer as ArrayBuffer] },
    );
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof ImportBusyError) throw error;
    // Anything else a file made a reader throw: the file is at fault, not the server.
    throw refuse.broken('Filen');
  }
}
