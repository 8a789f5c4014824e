import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { OcrUnreadablePdfError } from './ocr-errors';

/**
 * poppler-utils (Debian) as child processes: pdfinfo for the page count and sizes, pdftoppm to
 * render one page to a grayscale PNG. execFile, never a shell: the paths are ours, but nothing
 * from the file may ever reach a command line.
 */
const run = promisify(execFile);

/** A single poppler call still running after this long is stopped even when the document's budget is larger. */
export const CHILD_TIMEOUT_CAP_MS = 120_000;

/** The longest side of a rendered page, in pixels: an A3 page at 300 dpi fits; a hostile 5 m page is rendered coarser instead of as gigabytes. */
export const MAX_PAGE_PIXELS = 5000;

export interface ChildLimits {
  signal: AbortSignal;
  /** Milliseconds left of the document's budget. */
  remainingMs: number;
}

async function poppler(tool: 'pdfinfo' | 'pdftoppm', args: string[], limits: ChildLimits): Promise<string> {
  try {
    const { stdout } = await run(tool, args, {
      signal: limits.signal,
      timeout: Math.max(1, Math.min(limits.remainingMs, CHILD_TIMEOUT_CAP_MS)),
      killSignal: 'SIGKILL',
      maxBuffer: 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    // The caller's reason (timeout of the whole document, or an abort) wins over the child's own error.
    if (limits.signal.aborted) throw limits.signal.reason;
    const err = error as NodeJS.ErrnoException & { killed?: boolean; stderr?: string };
    if (err.code === 'ENOENT') throw new Error(`${tool} is not installed (Debian package poppler-utils)`, { cause: error });
    const detail = err.killed ? `${tool} stopped after ${CHILD_TIMEOUT_CAP_MS} ms` : `${tool}: ${(err.stderr ?? err.message).trim()}`;
    throw new OcrUnreadablePdfError(detail);
  }
}

/** The number of pages, read before any rendering so that a too long document is refused at once. */
export async function pdfPageCount(pdfPath: string, limits: ChildLimits): Promise<number> {
  const info = await poppler('pdfinfo', [pdfPath], limits);
  const pages = /^Pages:\s+(\d+)\s*$/m.exec(info);
  if (!pages || Number(pages[1]) < 1) throw new OcrUnreadablePdfError('pdfinfo reported no pages');
  return Number(pages[1]);
}

/** The longer side of each page in PDF points (1/72 inch), page 1 first. */
export async function pdfPageLongSides(pdfPath: string, pages: number, limits: ChildLimits): Promise<number[]> {
  const info = await poppler('pdfinfo', ['-f', '1', '-l', String(pages), pdfPath], limits);
  const sides = new Array<number>(pages).fill(0);
  for (const match of info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    const page = Number(match[1]);
    if (page >= 1 && page <= pages) sides[page - 1] = Math.max(Number(match[2]), Number(match[3]));
  }
  return sides;
}

/** The resolution for one page: the asked dpi, lowered when the page is so large that the image would pass MAX_PAGE_PIXELS. */
export function pageDpi(longSidePoints: number, dpi: number): number {
  if (!(longSidePoints > 0)) return dpi;
  return Math.max(1, Math.min(dpi, Math.floor((MAX_PAGE_PIXELS * 72) / longSidePoints)));
}

/** Renders page `page` (1-based) as a grayscale PNG at `${outPrefix}.png` and returns that path. */
export async function renderPage(pdfPath: string, page: number, dpi: number, outPrefix: string, limits: ChildLimits): Promise<string> {
  await poppler('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', '-png', '-singlefile', pdfPath, outPrefix], limits);
  return `${outPrefix}.png`;
}
