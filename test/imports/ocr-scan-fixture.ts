import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';

/**
 * A scan-like PDF made in the test: an invented statement is typeset with PDFKit, rasterised
 * with pdftoppm, and the page images are placed in a new PDF with nothing else, so the result
 * has no text layer, as a scanned letter has none.
 */
export interface ScanPage {
  heading: string;
  paragraphs: string[];
}

/** Invented prose (not from any real statement) with å, ä and ö in headings and running text. */
export const SCAN_PAGES: ScanPage[] = [
  {
    heading: 'Sammanfattning',
    paragraphs: [
      'Förvaltningen har granskat förslaget om nya öppettider för stadens badhus och ställer sig i huvudsak bakom det.',
      'Längre öppettider på kvällar och helger gör det lättare för både skolbarn och äldre att simma, men kräver att fler badvärdar anställs före sommaren.',
    ],
  },
  {
    heading: 'Förvaltningens synpunkter',
    paragraphs: [
      'Förvaltningen föreslår att försöket utvärderas efter ett år. Särskilt bör det följas upp hur många besökare som kommer på söndagsmorgnar.',
      'Kostnaderna för städning och vatten ökar något, men ryms enligt förvaltningens bedömning inom nämndens budget för året.',
    ],
  },
];

const FONTS = path.join(__dirname, '..', '..', 'assets', 'fonts');

export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}

/** The statement as an ordinary PDF with a text layer. */
export function typesetStatement(pages: ScanPage[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, autoFirstPage: false });
  for (const page of pages) {
    doc.addPage();
    doc.font(path.join(FONTS, 'LiberationSans-Bold.ttf')).fontSize(15).text(page.heading);
    doc.moveDown(0.8);
    doc.font(path.join(FONTS, 'LiberationSans-Regular.ttf')).fontSize(11.5);
    for (const paragraph of page.paragraphs) doc.text(paragraph, { lineGap: 3 }).moveDown(0.8);
  }
  return finish(doc);
}

/** Every page of `pdf` as an image (`dpi`, grayscale, tilted by `tiltDegrees` as a sheet on a scanner glass) in a PDF without text. */
export async function imageOnlyPdf(pdf: Buffer, dpi: number, tiltDegrees = 0): Promise<Buffer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ocr-fixture-'));
  try {
    await writeFile(path.join(folder, 'text.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', '-png', path.join(folder, 'text.pdf'), path.join(folder, 'page')]);
    const images = (await readdir(folder)).filter((name) => name.endsWith('.png')).sort();
    const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
    for (const image of images) {
      doc.addPage();
      doc.save().rotate(tiltDegrees, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.image(await readFile(path.join(folder, image)), 0, 0, { width: doc.page.width, height: doc.page.height });
      doc.restore();
    }
    return await finish(doc);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The words of a text without surrounding punctuation, for comparing OCR output with its source. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

/** The share of `expected` words (with repeats) that occur in `actual`, each actual word used once. */
export function shareOfWordsFound(expected: string[], actual: string[]): number {
  const left = new Map<string, number>();
  for (const word of actual) left.set(word, (left.get(word) ?? 0) + 1);
  let found = 0;
  for (const word of expected) {
    const count = left.get(word) ?? 0;
    if (count > 0) {
      found++;
      left.set(word, count - 1);
    }
  }
  return found / expected.length;
}
