/**
 * Why an OCR run stopped. Every message is Swedish and written for the user who uploaded the
 * file, so the background job can store error.message as it is; `code` lets the job (and its
 * tests) tell the cases apart without parsing the text.
 */
export abstract class OcrError extends Error {
  abstract readonly code: 'too-many-pages' | 'timeout' | 'aborted' | 'unreadable-pdf' | 'engine-failed';
}

/** Refused before any page was rendered: the PDF has more pages than the limit allows. */
export class OcrTooManyPagesError extends OcrError {
  readonly code = 'too-many-pages';
  constructor(readonly pages: number, readonly maxPages: number) {
    super(`PDF-filen har ${pages} sidor. Högst ${maxPages} ${maxPages === 1 ? 'sida' : 'sidor'} kan tolkas med textigenkänning (OCR).`);
    this.name = 'OcrTooManyPagesError';
  }
}

/** The whole document ran past maxSeconds; the child process or the OCR worker was stopped. */
export class OcrTimeoutError extends OcrError {
  readonly code = 'timeout';
  constructor(readonly seconds: number) {
    super(`Textigenkänningen (OCR) tog längre tid än ${String(seconds).replace('.', ',')} sekunder och avbröts.`);
    this.name = 'OcrTimeoutError';
  }
}

/** The caller's AbortSignal fired (the job was cancelled or the server is shutting down). */
export class OcrAbortedError extends OcrError {
  readonly code = 'aborted';
  constructor() {
    super('Textigenkänningen (OCR) avbröts.');
    this.name = 'OcrAbortedError';
  }
}

/** poppler could not read the file: broken, not a PDF, password-protected, or without pages. */
export class OcrUnreadablePdfError extends OcrError {
  readonly code = 'unreadable-pdf';
  constructor(readonly detail: string) {
    super('PDF-filen kunde inte läsas. Den kan vara skadad eller lösenordsskyddad.');
    this.name = 'OcrUnreadablePdfError';
  }
}

/** tesseract failed on a page (or could not start); `detail` is its own (English) message for the log. */
export class OcrEngineError extends OcrError {
  readonly code = 'engine-failed';
  constructor(readonly detail: string, readonly page?: number) {
    super(page === undefined
      ? 'Textigenkänningen (OCR) kunde inte startas.'
      : `Textigenkänningen (OCR) misslyckades på sida ${page}.`);
    this.name = 'OcrEngineError';
  }
}
