import { refuse } from './import-file-error';

/** The formats a tjänsteutlåtande is imported from: the one list the readers, the upload check and the stored import share. */
export const IMPORT_FORMATS = ['docx', 'odt', 'pdf', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const ZIP_SIGNATURE = Buffer.from('PK\u0003\u0004', 'latin1');
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/**
 * The format by what the file holds, never by its name alone: an .exe renamed .docx is refused,
 * and a .txt that is really a PDF is read as one. The name only breaks ties: a ZIP cut short (its
 * directory lost) named .docx is read as one, to be refused as broken, and it decides which of
 * two messages a binary file gets.
 */
export function detectFormat(buffer: Buffer, fileName: string): ImportFormat {
  // A PDF may carry a few bytes of junk before its header (the PDF reference allows 1024).
  if (/%PDF-[12]\.\d/.test(buffer.subarray(0, 1024).toString('latin1'))) return 'pdf';
  if (buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) return zipFormat(buffer, fileName);
  // NUL is binary: a text file saved wrongly is told so, anything else (a program renamed .docx) is not a document.
  if (buffer.includes(0)) throw /\.(txt|text|md)$/i.test(fileName) || !/\.\w+$/.test(fileName) ? refuse.nul() : refuse.unsupported();
  if (!isUtf8(buffer)) throw refuse.notUtf8();
  return 'text';
}

/**
 * ODF puts an uncompressed entry "mimetype" first (its content starts at byte 38 after the
 * 30-byte local header and the 8-byte name); OOXML names "[Content_Types].xml" and the Word part
 * in its central directory. The archive itself is checked against the zip limits before it is read.
 */
function zipFormat(buffer: Buffer, fileName: string): ImportFormat {
  const firstName = buffer.subarray(30, 38).toString('latin1');
  if (firstName === 'mimetype' && buffer.subarray(38, 38 + ODT_MIMETYPE.length).toString('latin1') === ODT_MIMETYPE) return 'odt';
  if (buffer.includes('[Content_Types].xml', 0, 'latin1') && buffer.includes('word/document.xml', 0, 'latin1')) return 'docx';
  // The archive check then finds it broken, or (whole but of something else) not a document.
  if (/\.docx$/i.test(fileName)) return 'docx';
  if (/\.odt$/i.test(fileName)) return 'odt';
  throw refuse.unsupported();
}

function isUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}
