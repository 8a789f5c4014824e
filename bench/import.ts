// Import bench (npm run bench:import), issue 16. One summary line starting "bench:import":
//  1. a 20-page Word document (heading styles, lists, footnotes) → proposal: extractFileText in the
//     import thread, then the OCR repair and the proposal there too; target < 1 s;
//  2. a 10-page text PDF from the project's renderer → proposal; target < 2 s;
//  3. OCR seconds per page of a scan (four invented pages at 300 dpi), for the record (no target).
// Each file is read once cold (the worker thread starts and loads its readers) and then RUNS times;
// the median of those is held to the target.
//
//   BENCH_IMPORT_RUNS=3 npm run bench:import   (shorter)
import { layoutStatement, renderStatementPdf } from '../src/documents/render-statement';
import type { StatementDocumentModel } from '../src/documents/document-model';
import { closeImportWorkers, extractFileText } from '../src/imports/file-text';
import { analyseOffThread } from '../src/imports/import-threads';
import { ocrPdf } from '../src/imports/ocr';
import { CATALOGUE } from '../test/imports/catalogue';
import { invented } from '../test/imports/file-text-statement';
import { statementDocx } from '../test/imports/file-text-writers';
import { imageOnlyPdf, SCAN_PAGES, typesetStatement } from '../test/imports/ocr-scan-fixture';
import { positiveNumber, runBench } from './support';

const RUNS = positiveNumber(process.env.BENCH_IMPORT_RUNS, 10);
const TARGET_DOCX_MS = 1000;
const TARGET_PDF_MS = 2000;

/**
 * Wall-clock seconds per page of ocrPdf on this PDF (worker start included, spread over the
 * pages), with the default limits except a page limit that fits the document.
 */
async function ocrSecondsPerPage(pdf: Buffer): Promise<number> {
  const started = process.hrtime.bigint();
  const { pages } = await ocrPdf(pdf, { limits: { maxPages: 1000, maxSeconds: 3600 } });
  return Number(process.hrtime.bigint() - started) / 1e9 / pages;
}

/** OCR seconds per page: a scan made as the OCR tests make one (an invented statement typeset, rasterised at 300 dpi, rebuilt from the images alone). */
async function ocrMeasurement(): Promise<{ pages: number; secondsPerPage: number }> {
  const pages = [...SCAN_PAGES, ...SCAN_PAGES];
  const scan = await imageOnlyPdf(await typesetStatement(pages), 300);
  return { pages: pages.length, secondsPerPage: await ocrSecondsPerPage(scan) };
}

const ms = (value: number) => value.toFixed(0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const verdict = (ok: boolean) => (ok ? 'ok' : 'SLOW');

/** The invented statement with every section's body repeated until the PDF has at least `pages` pages. */
function statementOfPages(pages: number): { model: StatementDocumentModel; pages: number } {
  const base = invented();
  for (let repeat = 1; repeat < 200; repeat++) {
    const model = { ...base, sections: base.sections.map((section) => ({ ...section, body: Array.from({ length: repeat }, () => section.body).flat() })) };
    const count = layoutStatement(model).pages.length;
    if (count >= pages) return { model, pages: count };
  }
  throw new Error(`No statement of ${pages} pages in the series`);
}

async function timeImport(file: Buffer, name: string): Promise<{ cold: number; median: number; sections: number; characters: number }> {
  const once = async () => {
    const start = performance.now();
    const extracted = await extractFileText(file, name);
    // As the service does it: OCR repair and the proposal in the import thread (import-threads.ts).
    const { proposal } = await analyseOffThread({ source: { text: extracted.text, format: extracted.format, cued: extracted.cued }, context: { catalogue: CATALOGUE } });
    return { elapsed: performance.now() - start, sections: proposal.sections.length, characters: extracted.text.length };
  };
  const first = await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await once()).elapsed);
  return { cold: first.elapsed, median: median(times), sections: first.sections, characters: first.characters };
}

async function main(): Promise<void> {
  const word = statementOfPages(20);
  const docx = await statementDocx(word.model, 'styles');
  const docxResult = await timeImport(docx, 'bench.docx');
  console.log(`docx: ~${word.pages} pages, ${(docx.length / 1024).toFixed(0)} KiB, ${docxResult.characters} characters, ${docxResult.sections} sections: cold ${ms(docxResult.cold)} ms, median ${ms(docxResult.median)} ms`);
  await closeImportWorkers();

  const printed = statementOfPages(10);
  const pdf = await renderStatementPdf(printed.model, { creationDate: new Date('2025-02-11T10:00:00Z') });
  const pdfResult = await timeImport(pdf, 'bench.pdf');
  console.log(`pdf: ${printed.pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB, ${pdfResult.characters} characters, ${pdfResult.sections} sections: cold ${ms(pdfResult.cold)} ms, median ${ms(pdfResult.median)} ms`);
  await closeImportWorkers();

  const measured = await ocrMeasurement();
  const ocr = `ocr: ${measured.secondsPerPage.toFixed(1)} s/page over ${measured.pages} pages at 300 dpi`;
  console.log(ocr);
  const docxOk = docxResult.median < TARGET_DOCX_MS;
  const pdfOk = pdfResult.median < TARGET_PDF_MS;
  console.log(
    `bench:import docx ${word.pages}p: median ${ms(docxResult.median)} ms (cold ${ms(docxResult.cold)}) (target < ${TARGET_DOCX_MS} ms: ${verdict(docxOk)}); ` +
      `pdf ${printed.pages}p: median ${ms(pdfResult.median)} ms (cold ${ms(pdfResult.cold)}) (target < ${TARGET_PDF_MS} ms: ${verdict(pdfOk)}); ${ocr}`,
  );
}

runBench('bench:import', main);
