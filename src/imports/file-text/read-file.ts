import type { ImportFormat } from './detect-format';
import { docxText } from './docx';
import type { ImportLimits } from './import-file-error';
import { refuse } from './import-file-error';
import { odtText } from './odt';
import { pdfText } from './pdf';

/**
 * One file as the text the import core reads (propose-from-text.ts), with what the caller needs
 * to know about it. Runs in the import thread (import-worker.ts), never on the event loop.
 */
export interface ExtractedText {
  text: string;
  format: ImportFormat;
  /** A PDF's pages; null for the other formats (they have no fixed pages). */
  pages: number | null;
  /** A PDF without a usable text layer: a scan, for OCR. */
  needsOcr: boolean;
  /** Headings came from styles, size or weight: the core may trust them (ImportContext.cued). */
  cued: boolean;
}

export async function readFile(buffer: Buffer, format: ImportFormat, limits: ImportLimits): Promise<ExtractedText> {
  let result: ExtractedText;
  switch (format) {
    case 'docx':
      result = { ...(await docxText(buffer, limits)), format, pages: null, needsOcr: false };
      break;
    case 'odt':
      result = { ...(await odtText(buffer, limits)), format, pages: null, needsOcr: false };
      break;
    case 'pdf': {
      const { text, cued, pages, needsOcr } = await pdfText(buffer, limits);
      result = { text, cued, format, pages, needsOcr };
      break;
    }
    case 'text':
      // The upload's type check (or detectFormat) has found it UTF-8 without NUL; a byte order mark is not text.
      result = { text: buffer.toString('utf8').replace(/^\uFEFF/, ''), format, pages: null, needsOcr: false, cued: false };
      break;
  }
  if (result.text.length > limits.maxCharacters) throw refuse.tooMuchText();
  return { ...result, text: result.text.normalize('NFC') };
}
