import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OcrAbortedError, OcrTimeoutError, OcrTooManyPagesError } from './ocr-errors';
import { pageDpi, pdfPageCount, pdfPageLongSides, renderPage, type ChildLimits } from './poppler';
import { startSwedishWorker, type SwedishOcrWorker } from './swedish-worker';

/**
 * OCR of a scanned PDF (one without a text layer), offline: poppler renders one page at a time to
 * a grayscale PNG in a private temporary folder, one tesseract.js worker with the Swedish model
 * reads it, and the PNG is deleted before the next page, so memory and disk hold one page.
 */
export interface OcrLimits {
  /** A PDF with more pages is refused before anything is rendered. */
  maxPages: number;
  /** For the whole document: page count, worker start and every page. */
  maxSeconds: number;
  /** Render resolution; lowered for a page so large that its image would pass MAX_PAGE_PIXELS. */
  dpi: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = { maxPages: 30, maxSeconds: 300, dpi: 300 };

export interface OcrProgress {
  pagesDone: number;
  pages: number;
}

export interface OcrResult {
  /** Tesseract's lines per page; every page ends with a line break and pages are joined by '\f', as pdftotext does. */
  text: string;
  pages: number;
  /** Tesseract's mean confidence per page, 0-100. */
  confidence: number[];
}

export interface OcrOptions {
  limits?: Partial<OcrLimits>;
  /** Called with 0 pages done once the page count is known, then after every page; awaited. */
  onProgress?: (progress: OcrProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** Where the private temporary folder is made; default os.tmpdir(). */
  tempRoot?: string;
}

/** One AbortSignal for the run: the caller's signal (OcrAbortedError) or the deadline (OcrTimeoutError), whichever comes first. */
function runSignal(limits: OcrLimits, outer: AbortSignal | undefined): { signal: AbortSignal; remainingMs: () => number; dispose: () => void } {
  const controller = new AbortController();
  const deadline = Date.now() + limits.maxSeconds * 1000;
  const timer = setTimeout(() => controller.abort(new OcrTimeoutError(limits.maxSeconds)), limits.maxSeconds * 1000);
  const onOuterAbort = (): void => controller.abort(new OcrAbortedError());
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, deadline - Date.now()),
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

function validLimits(partial: Partial<OcrLimits> | undefined): OcrLimits {
  const limits = { ...DEFAULT_OCR_LIMITS, ...partial };
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`OCR limit ${name} must be a positive number, got ${value}`);
  }
  return limits;
}

export async function ocrPdf(pdf: Buffer, options: OcrOptions = {}): Promise<OcrResult> {
  const limits = validLimits(options.limits);
  const run = runSignal(limits, options.signal);
  const childLimits = (): ChildLimits => ({ signal: run.signal, remainingMs: run.remainingMs() });
  const checkpoint = (): void => {
    if (run.signal.aborted) throw run.signal.reason;
  };
  let folder: string | null = null;
  let worker: SwedishOcrWorker | null = null;
  try {
    checkpoint();
    // mkdtemp makes the folder 0700: other users on the machine cannot read the scanned letter.
    folder = await mkdtemp(path.join(options.tempRoot ?? tmpdir(), 'remiss-ocr-'));
    const pdfPath = path.join(folder, 'source.pdf');
    await writeFile(pdfPath, pdf, { mode: 0o600 });

    const pages = await pdfPageCount(pdfPath, childLimits());
    if (pages > limits.maxPages) throw new OcrTooManyPagesError(pages, limits.maxPages);
    const longSides = await pdfPageLongSides(pdfPath, pages, childLimits());
    await options.onProgress?.({ pagesDone: 0, pages });
    checkpoint();

    worker = await startSwedishWorker(run.signal);
    const texts: string[] = [];
    const confidence: number[] = [];
    for (let page = 1; page <= pages; page++) {
      checkpoint();
      const dpi = pageDpi(longSides[page - 1], limits.dpi);
      const image = await renderPage(pdfPath, page, dpi, path.join(folder, `page-${page}`), childLimits());
      const read = await worker.recognize(image, dpi, page, run.signal);
      await unlink(image);
      texts.push(`${read.text.normalize('NFC').trimEnd()}\n`);
      confidence.push(read.confidence);
      await options.onProgress?.({ pagesDone: page, pages });
    }
    checkpoint();
    return { text: texts.join('\f'), pages, confidence };
  } finally {
    run.dispose();
    await worker?.terminate();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
