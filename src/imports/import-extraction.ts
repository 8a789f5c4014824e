import { HttpProblem } from '../http/problem';
import { extractFileText, IMPORT_LIMITS, ImportBusyError, ImportFileError, type ExtractedText } from './file-text';

export { ImportFileError };

/** The largest file an import takes (the upload is refused beyond it before it reaches the disk). */
export const IMPORT_MAX_BYTES = IMPORT_LIMITS.maxBytes;

/** The file's text, read off the event loop within the import limits (src/imports/file-text); 503 while the readers are all busy. */
export async function extractImportText(file: Buffer, fileName: string): Promise<ExtractedText> {
  try {
    return await extractFileText(file, fileName);
  } catch (error) {
    if (error instanceof ImportBusyError) throw new HttpProblem(503, 'The import is busy reading other files; try again in a moment.', { slug: 'import-busy', headers: { 'Retry-After': '5' } });
    throw error;
  }
}
