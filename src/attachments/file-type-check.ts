import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { HttpProblem } from '../http/problem';
import { fileExtension } from './file-name';
import { ARCHIVE_LIMITS, inspectZip, unsafeArchive, type ArchiveLimits } from './zip-inspection';

export const FILE_KINDS = {
  pdf: { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'] },
  docx: { label: 'DOCX', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { label: 'XLSX', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  odt: { label: 'ODT', contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  text: { label: 'TXT (UTF-8)', contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

const ALLOWED = Object.values(FILE_KINDS).map((kind) => kind.label).join(', ');

/** Types that say nothing about the content: browsers and scripts send these for anything. */
const UNINFORMATIVE_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed', 'application/force-download']);

/** Declared types that are active content in a browser or a program: refused whatever the bytes say. */
const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|(text|application)\/(x-)?(javascript|ecmascript)|application\/(x-)?(msdownload|msdos-program|dosexec|executable|sh|elf|mach-binary))$/;

const typeRefused = (detail: string) => new HttpProblem(415, detail, { slug: 'file-type-refused', title: 'File type refused' });
const mismatch = (kind: FileKind, why: string) => typeRefused(`The file is named or declared as ${FILE_KINDS[kind].label}, but ${why}.`);

/**
 * Decides what the upload is from its bytes, not from what the client says: the extension (or, without
 * one, the declared type) says what the file should be, and the content must prove it. Returns the
 * content type to store and serve; throws 415 for anything else.
 */
export async function checkFileType(path: string, declared: { fileName: string; mimeType: string }, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<{ kind: FileKind; contentType: string }> {
  const kind = expectedKind(declared.fileName, declared.mimeType);
  const head = await readHead(path, 512);
  if (looksExecutable(head)) throw typeRefused('The file is a program (an executable), not a document.');
  switch (kind) {
    case 'pdf':
      if (!startsWith(head, '%PDF-')) throw mismatch(kind, 'its content is not a PDF');
      break;
    case 'docx':
    case 'xlsx':
    case 'odt':
      if (!startsWith(head, 'PK\x03\x04')) throw mismatch(kind, 'its content is not an Office document (a ZIP archive)');
      await checkOfficeArchive(path, kind, limits);
      break;
    case 'text':
      await checkPlainText(path);
      break;
  }
  return { kind, contentType: FILE_KINDS[kind].contentType };
}

/** 415 unless the checked kind is one the target takes (a protokollsutdrag is a PDF, nothing else). */
export function assertKindAccepted(kind: FileKind, accepted: readonly FileKind[], what: string): void {
  if (!accepted.includes(kind)) throw typeRefused(`${what} must be ${accepted.map((k) => FILE_KINDS[k].label).join(' or ')}; this file is ${FILE_KINDS[kind].label}.`);
}

function expectedKind(fileName: string, mimeType: string): FileKind {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  if (ACTIVE_TYPES.test(type)) throw typeRefused(`Files of type ${type} are not accepted. Allowed: ${ALLOWED}.`);
  const extension = fileExtension(fileName);
  const byExtension = kindOf((kind) => (FILE_KINDS[kind].extensions as readonly string[]).includes(extension));
  const byType = UNINFORMATIVE_TYPES.has(type) ? undefined : kindOf((kind) => FILE_KINDS[kind].contentType.split(';')[0] === type);
  if (byExtension && byType && byExtension !== byType) {
    throw typeRefused(`The file name says ${FILE_KINDS[byExtension].label} but the declared type is ${type}.`);
  }
  const kind = byExtension ?? (extension ? undefined : byType);
  if (!kind) throw typeRefused(`${extension ? `Files of type .${extension}` : 'Files without a known type'} are not accepted. Allowed: ${ALLOWED}.`);
  return kind;
}

function kindOf(test: (kind: FileKind) => boolean): FileKind | undefined {
  return (Object.keys(FILE_KINDS) as FileKind[]).find(test);
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const startsWith = (head: Buffer, magic: string) => head.subarray(0, magic.length).equals(Buffer.from(magic, 'latin1'));

/** Windows PE (MZ, with the binary header that follows), ELF, Mach-O. */
function looksExecutable(head: Buffer): boolean {
  if (startsWith(head, 'MZ') && head.subarray(0, 64).includes(0)) return true;
  return ['\x7fELF', '\xfe\xed\xfa\xce', '\xfe\xed\xfa\xcf', '\xce\xfa\xed\xfe', '\xcf\xfa\xed\xfe'].some((magic) => startsWith(head, magic));
}

const REQUIRED_ENTRIES: Record<'docx' | 'xlsx', string[]> = {
  docx: ['[Content_Types].xml', 'word/document.xml'],
  xlsx: ['[Content_Types].xml', 'xl/workbook.xml'],
};

async function checkOfficeArchive(path: string, kind: 'docx' | 'xlsx' | 'odt', limits: ArchiveLimits): Promise<void> {
  const zip = await inspectZip(path, limits);
  // Macros do not run from .docx/.xlsx, but a macro project inside one is a disguised .docm/.xlsm.
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) throw unsafeArchive('it contains macros');
  if (kind === 'odt') {
    if (zip.mimetype?.trim() !== FILE_KINDS.odt.contentType) throw mismatch(kind, 'it does not start with the ODF text document marker');
    return;
  }
  const missing = REQUIRED_ENTRIES[kind].filter((name) => !zip.names.includes(name));
  if (missing.length) throw mismatch(kind, `the archive lacks ${missing.join(' and ')}`);
}

/**
 * HTML in a .txt is still HTML to a browser that sniffs (nosniff stops ours, not every viewer the
 * file travels to). Mirrors the WHATWG sniffing patterns: the first markup after white space decides.
 */
const MARKUP_START = /^(?:<!doctype\s+html|<(?:html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg|object|embed|meta|link)[\s/>]|<!--|<\?xml)/i;

/** Valid UTF-8 throughout (streamed, so a large file is never held whole), no NUL bytes, no markup. */
async function checkPlainText(path: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of createReadStream(path)) {
      if ((chunk as Buffer).includes(0)) throw mismatch('text', 'it contains NUL bytes (binary content)');
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (first && MARKUP_START.test(text.trimStart())) throw mismatch('text', 'its content is HTML or XML markup');
      first = false;
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    // Matched by code: TextDecoder's TypeError may come from another realm (Jest's VM), defeating instanceof.
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw mismatch('text', 'its content is not valid UTF-8 text');
    throw error;
  }
}
