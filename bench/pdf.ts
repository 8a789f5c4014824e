// PDF bench (npm run bench:pdf): an 8-page tjänsteutlåtande, PDF/A-2a, tagged, embedded font
// subset, rendered 100 times after warm-up, first in this thread (the pure function, what one
// worker does per document) and then through the worker pool the HTTP route uses. Prints median
// and p95 per document, pages per second and peak RSS; the last line starts with "bench:pdf".
// Target (DESIGN.md §7): ≤ 50 ms median per statement.
import { PdfPool } from '../src/documents/pdf-pool';
import { layoutStatement, renderStatementPdf } from '../src/documents/render-statement';
import { longStatement } from '../test/documents/statement-fixtures';

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 100);
const WARMUP = Number(process.env.BENCH_PDF_WARMUP ?? 30);
const TARGET_MEDIAN_MS = 50;

/** The smallest statement of the fixture series that fills eight pages. */
function eightPageStatement() {
  for (let sections = 4; sections < 40; sections++) {
    const model = longStatement(sections, 4);
    if (layoutStatement(model).pages.length === 8) return model;
  }
  throw new Error('No 8-page statement in the fixture series');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => value.toFixed(1);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function timeEach(count: number, render: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await render();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const model = eightPageStatement();
  const pages = layoutStatement(model).pages.length;
  const options = { creationDate: new Date('2020-11-19T10:00:00Z') };
  const bytes = (await renderStatementPdf(model, options)).length;
  console.log(`statement: ${pages} pages, ${model.sections.length} sections, ${(bytes / 1024).toFixed(0)} KiB`);

  // In-process: one thread, documents one after another.
  await timeEach(WARMUP, () => renderStatementPdf(model, options));
  const local = await timeEach(RUNS, () => renderStatementPdf(model, options));
  const localMedian = percentile(local, 50);
  const localRss = peakRssMb();
  console.log(`in-process: median ${ms(localMedian)} ms, p95 ${ms(percentile(local, 95))} ms, ${((pages * 1000) / localMedian).toFixed(0)} pages/s, peak RSS ${localRss.toFixed(0)} MB`);

  // Through the pool: per-document latency with one at a time, then throughput with every thread busy.
  const pool = new PdfPool();
  try {
    const threads = pool.threads;
    // Every thread parses its fonts and warms its JIT before it is measured.
    const load = async (count: number) => {
      let started = 0;
      await Promise.all(
        Array.from({ length: threads * 2 }, async () => {
          while (started < count) {
            started++;
            await pool.renderToBuffer(model, options);
          }
        }),
      );
    };
    await load(WARMUP * threads);
    const pooled = await timeEach(RUNS, () => pool.renderToBuffer(model, options));
    const start = performance.now();
    await load(RUNS);
    const throughput = (RUNS * pages * 1000) / (performance.now() - start);
    console.log(`worker pool (${threads} thread${threads === 1 ? '' : 's'}): median ${ms(percentile(pooled, 50))} ms, p95 ${ms(percentile(pooled, 95))} ms, ${throughput.toFixed(0)} pages/s under load`);
  } finally {
    await pool.close();
  }
  console.log('chromium: not measured (no /usr/bin/chromium driver in this project)');

  const verdict = localMedian <= TARGET_MEDIAN_MS ? 'ok' : 'SLOW';
  console.log(
    `bench:pdf ${pages}-page statement x${RUNS}: median ${ms(localMedian)} ms, p95 ${ms(percentile(local, 95))} ms, ${((pages * 1000) / localMedian).toFixed(0)} pages/s, peak RSS ${localRss.toFixed(0)} MB (${peakRssMb().toFixed(0)} MB with the pool), target <= ${TARGET_MEDIAN_MS} ms: ${verdict}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
