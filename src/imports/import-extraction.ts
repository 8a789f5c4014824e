import { extractFileText, IMPORT_LIMITS, ImportFileError, type ExtractedText } from './file-text';

export { ImportFileError };

/** The largest file an import takes (the upload is refused beyond it before it reaches the disk). */
export const IMPORT_MAX_BYTES = IMPORT_LIMITS.maxBytes;

/** The file's text, read off the event loop within the import limits (src/imports/file-text). */
export function extractImportText(file: Buffer, fileName: string): Promise<ExtractedText> {
  return extractFileText(file, fileName);
}
