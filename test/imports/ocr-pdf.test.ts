import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ocrPdf,
  OcrAbortedError,
  OcrTimeoutError,
  OcrTooManyPagesError,
  OcrUnreadablePdfError,
  type OcrProgress,
} from '../../src/imports/ocr';
import { MAX_PAGE_PIXELS, pageDpi } from '../../src/imports/ocr/poppler';
import { proposeFromText } from '../../src/imports/propose-from-text';
import { CATALOGUE } from './catalogue';
import { imageOnlyPdf, SCAN_PAGES, shareOfWordsFound, typesetStatement, wordsOf } from './ocr-scan-fixture';

// 150 dpi keeps the test fast on two cores and still reads every word of a clean scan.
const LIMITS = { dpi: 150 };

describe('ocrPdf on a scanned statement (image-only PDF)', () => {
  let scan: Buffer;
  let tempRoot: string;

  beforeAll(async () => {
    // Tilted by a degree, as a sheet rarely lies straight on the scanner glass.
    scan = await imageOnlyPdf(await typesetStatement(SCAN_PAGES), 150, 1);
  });

  beforeEach(async () => {
    tempRoot = await mkdtemp(path.join(tmpdir(), 'ocr-test-'));
  });

  afterEach(async () => {
    // Every run, whatever its end, leaves no folder (and so no page image or copy of the letter) behind.
    expect(await readdir(tempRoot)).toEqual([]);
    await rm(tempRoot, { recursive: true, force: true });
  });

  it('reads the words back, keeps the lines, separates the pages with a form feed and reports each page', async () => {
    const progress: OcrProgress[] = [];
    const result = await ocrPdf(scan, { limits: LIMITS, tempRoot, onProgress: (p) => { progress.push(p); } });

    expect(result.pages).toBe(2);
    expect(progress).toEqual([{ pagesDone: 0, pages: 2 }, { pagesDone: 1, pages: 2 }, { pagesDone: 2, pages: 2 }]);
    const pageTexts = result.text.split('\f');
    expect(pageTexts).toHaveLength(2);
    SCAN_PAGES.forEach((page, index) => {
      const lines = pageTexts[index].split('\n').map((line) => line.trim());
      expect(lines).toContain(page.heading);
      const expected = wordsOf([page.heading, ...page.paragraphs].join(' '));
      expect(shareOfWordsFound(expected, wordsOf(pageTexts[index]))).toBeGreaterThanOrEqual(0.95);
      // A paragraph longer than a line comes back over several lines, as on the page.
      expect(pageTexts[index].trimEnd().split('\n').length).toBeGreaterThan(page.paragraphs.length + 1);
      expect(pageTexts[index].endsWith('\n')).toBe(true);
    });
    expect(result.confidence).toHaveLength(2);
    for (const confidence of result.confidence) expect(confidence).toBeGreaterThan(80);

    // The import core sees the headings on both pages of the OCR text.
    const proposal = proposeFromText(result.text, { catalogue: CATALOGUE });
    expect(proposal.sections.map((section) => section.key)).toEqual(['sammanfattning', 'forvaltningens-synpunkter']);
  });

  it('refuses a PDF with more pages than the limit before rendering anything', async () => {
    const progress: OcrProgress[] = [];
    const started = Date.now();
    const refused = ocrPdf(scan, { limits: { ...LIMITS, maxPages: 1 }, tempRoot, onProgress: (p) => { progress.push(p); } });
    await expect(refused).rejects.toThrow(OcrTooManyPagesError);
    await expect(refused).rejects.toThrow('PDF-filen har 2 sidor. Högst 1 sida kan tolkas med textigenkänning (OCR).');
    expect(progress).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops promptly when the signal aborts in the middle of a page', async () => {
    const controller = new AbortController();
    const progress: OcrProgress[] = [];
    let abortedAt = 0;
    const run = ocrPdf(scan, {
      limits: LIMITS,
      tempRoot,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        // Page 2 is being rendered and read when the abort comes.
        if (p.pagesDone === 1) {
          setTimeout(() => { abortedAt = Date.now(); controller.abort(); }, 150);
        }
      },
    });
    await expect(run).rejects.toThrow(OcrAbortedError);
    await expect(run).rejects.toThrow('Textigenkänningen (OCR) avbröts.');
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(progress.map((p) => p.pagesDone)).toEqual([0, 1]);
  });

  it('refuses at once when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(ocrPdf(scan, { limits: LIMITS, tempRoot, signal: controller.signal })).rejects.toThrow(OcrAbortedError);
  });

  it('stops a document that runs past its time limit', async () => {
    const started = Date.now();
    const run = ocrPdf(scan, { limits: { ...LIMITS, maxSeconds: 0.4 }, tempRoot });
    await expect(run).rejects.toThrow(OcrTimeoutError);
    await expect(run).rejects.toThrow('Textigenkänningen (OCR) tog längre tid än 0,4 sekunder och avbröts.');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses limits that are not positive numbers', async () => {
    await expect(ocrPdf(scan, { limits: { maxPages: 0 }, tempRoot })).rejects.toThrow(RangeError);
  });

  it('answers a file that is not a PDF with a clear message', async () => {
    const run = ocrPdf(Buffer.from('Det här är ingen PDF-fil.'), { limits: LIMITS, tempRoot });
    await expect(run).rejects.toThrow(OcrUnreadablePdfError);
    await expect(run).rejects.toThrow('PDF-filen kunde inte läsas. Den kan vara skadad eller lösenordsskyddad.');
  });
});

describe('pageDpi', () => {
  it('keeps the asked resolution for an ordinary page and lowers it for a huge one', () => {
    expect(pageDpi(841.89, 300)).toBe(300); // A4
    expect(pageDpi(1190.55, 300)).toBe(300); // A3: 4961 pixels
    expect(pageDpi(14400, 300)).toBe(25); // 200 inches, the largest page PDF allows
    expect(Math.ceil((14400 / 72) * pageDpi(14400, 300))).toBeLessThanOrEqual(MAX_PAGE_PIXELS);
  });
});
