import { ARCHIVE_LIMITS, type ArchiveLimits } from '../../attachments/zip-inspection';

/**
 * An uploaded file the import refuses, with a Swedish message for the user. The code is stable
 * for the API and the page; the message says what was wrong and, where it can, what to do.
 */
export type ImportFileErrorCode = 'unsupported-file' | 'file-too-large' | 'too-many-pages' | 'zip-limits' | 'broken-file' | 'encrypted-pdf' | 'too-slow';

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface ImportLimits {
  /** Bytes of the uploaded file. */
  maxBytes: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Milliseconds the worker may spend reading one file before it is stopped. */
  maxMilliseconds: number;
  /** Heap of the worker thread reading one file (megabytes of old generation). */
  maxHeapMegabytes: number;
  /** DOCX and ODT are ZIP archives: the same limits as an attached archive. */
  zip: ArchiveLimits;
  /** Characters of text a file may yield (a statement is far shorter; more is a file built to exhaust). */
  maxCharacters: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 200,
  maxMilliseconds: 20_000,
  maxHeapMegabytes: 256,
  zip: ARCHIVE_LIMITS,
  maxCharacters: 2_000_000,
};

export const withDefaults = (limits: Partial<ImportLimits> = {}): ImportLimits => ({ ...IMPORT_LIMITS, ...limits, zip: { ...IMPORT_LIMITS.zip, ...limits.zip } });

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The refusals in one place, so the page and the API say the same thing. */
export const refuse = {
  unsupported: () =>
    new ImportFileError('unsupported-file', 'Filen kan inte importeras. Välj ett Word-dokument (.docx), ett OpenDocument-dokument (.odt), en PDF eller en textfil (UTF-8).'),
  notUtf8: () => new ImportFileError('unsupported-file', 'Textfilen är inte kodad som UTF-8. Spara den som UTF-8 och försök igen.'),
  nul: () => new ImportFileError('unsupported-file', 'Filen innehåller binära tecken (NUL) och är ingen textfil. Välj ett Word-dokument, en PDF eller en textfil.'),
  tooLarge: (limit: number) => new ImportFileError('file-too-large', `Filen är för stor. Den får vara högst ${megabytes(limit)}.`),
  tooManyPages: (pages: number, limit: number) => new ImportFileError('too-many-pages', `PDF:en har ${pages} sidor. Högst ${limit} sidor kan importeras.`),
  zip: () => new ImportFileError('zip-limits', 'Dokumentet är ett arkiv som packas upp till för mycket data eller är felaktigt packat, och importeras inte av säkerhetsskäl.'),
  /** `subject` with its article: "PDF:en", "Word-dokumentet" (neuter: "skadat", "det"). */
  broken: (subject: string) => {
    const neuter = /et$/.test(subject);
    return new ImportFileError('broken-file', `${subject} är ${neuter ? 'skadat' : 'skadad'} eller ofullständig${neuter ? 't' : ''} och kan inte läsas. Spara om ${neuter ? 'det' : 'den'} och försök igen.`);
  },
  encrypted: () => new ImportFileError('encrypted-pdf', 'PDF:en är lösenordsskyddad eller krypterad. Ta bort skyddet och försök igen.'),
  tooSlow: (milliseconds: number) => new ImportFileError('too-slow', `Det tog längre än ${Math.round(milliseconds / 1000)} sekunder att läsa filen, så importen avbröts. Försök med en mindre fil.`),
  tooMuchMemory: () => new ImportFileError('file-too-large', 'Filen krävde för mycket minne för att läsas och importeras inte. Försök med en mindre fil.'),
  tooMuchText: () => new ImportFileError('file-too-large', 'Filen innehåller mer text än ett tjänsteutlåtande kan rymma och importeras inte.'),
};
