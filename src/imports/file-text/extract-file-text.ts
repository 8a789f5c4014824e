import { ImportBusyError, runInImportThread } from '../import-threads';
import { detectFormat, type ImportFormat } from './detect-format';
import { ImportFileError, refuse, withDefaults, type ImportLimits } from './import-file-error';
import type { ExtractedText } from './read-file';

/**
 * An uploaded file → the text the import core reads, its format told by the content
 * (detect-format.ts). The service knows the format already (the upload's type check) and calls
 * readImportFile; the tests and the bench start from bytes and a name.
 */
export async function extractFileText(buffer: Buffer, fileName: string, limits: Partial<ImportLimits> = {}): Promise<ExtractedText> {
  const effective = withDefaults(limits);
  // Too large is said before the content is looked at (detectFormat decodes a text file whole).
  assertSize(buffer, effective);
  return readImportFile(buffer, detectFormat(buffer, fileName), effective);
}

/**
 * A file of a known format → its text. The reading runs in the import thread with its heap and
 * time limits (import-threads.ts), so a hostile file can neither block the event loop nor take the
 * process's memory.
 */
export async function readImportFile(buffer: Buffer, format: ImportFormat, limits: Partial<ImportLimits> = {}): Promise<ExtractedText> {
  const effective = withDefaults(limits);
  assertSize(buffer, effective);
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

function assertSize(buffer: Buffer, limits: ImportLimits): void {
  if (buffer.length > limits.maxBytes) throw refuse.tooLarge(limits.maxBytes);
}
