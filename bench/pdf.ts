// PDF bench (npm run bench:pdf), DESIGN.md §7 and issue 5. Four measurements, one summary line
// starting "bench:pdf":
//  1. an 8-page tjänsteutlåtande (PDF/A-2a, tagged, embedded font subset) rendered 100 times after
//     warm-up, in this thread (what one worker does per document) and through the worker pool;
//     target ≤ 50 ms median;
//  2. a 40-statement sammanställning (~330 pages) rendered in one pass, in a fresh process so its
//     peak RSS is its own; targets ≤ 2 s and ≤ 300 MB;
//  3. GET /health p99 (autocannon) against the running app while PDFs are requested concurrently at
//     full load (every worker busy, the queue full); target < 50 ms;
//  4. Chromium printing the same statement's HTML (BENCH_CHROMIUM, else /usr/bin/chromium when
//     installed, else the test suite's @sparticuz/chromium); if it does not start, the summary
//     says so and the other measurements stand.
//
//   BENCH_PDF_RUNS=30 BENCH_PDF_WARMUP=10 BENCH_SECONDS=5 npm run bench:pdf   (shorter)
//   BENCH_DATABASE_URL=postgres://… npm run bench:pdf                          (that database is migrated and gets demo users)
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { chromium as playwright, type Browser } from 'playwright-core';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { prepareDatabase } from '../src/db/prepare-database';
import { PdfPool } from '../src/documents/pdf-pool';
import { warmUp } from '../src/documents/sample-documents';
import { layoutDocumentSpec } from '../src/documents/render-document';
import { layoutStatement, renderStatementHtml, renderStatementPdf } from '../src/documents/render-statement';
import { compilationModel } from '../test/documents/letter-fixtures';
import { longStatement } from '../test/documents/statement-fixtures';
import { launchBrowser } from '../test/support/browser';
import { benchDatabaseUrl, Cleanups, closeServer, DURATION_SECONDS, listen, loginHeaders, run, runBench, TARGET_P99_MS, WARMUP_SECONDS } from './support';

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 100);
const WARMUP = Number(process.env.BENCH_PDF_WARMUP ?? 30);
const TARGET_MEDIAN_MS = 50;
const TARGET_COMPILATION_MS = 2000;
const TARGET_COMPILATION_MB = 300;
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'bench-password';
const CREATED = { creationDate: new Date('2020-11-19T10:00:00Z') };

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
const verdict = (ok: boolean) => (ok ? 'ok' : 'SLOW');

async function timeEach(count: number, render: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await render();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** 1. The statement, in-process and through the pool. */
async function statementBench() {
  const model = eightPageStatement();
  const pages = layoutStatement(model).pages.length;
  const bytes = (await renderStatementPdf(model, CREATED)).length;
  console.log(`statement: ${pages} pages, ${model.sections.length} sections, ${(bytes / 1024).toFixed(0)} KiB`);
  await timeEach(WARMUP, () => renderStatementPdf(model, CREATED));
  const local = await timeEach(RUNS, () => renderStatementPdf(model, CREATED));
  const median = percentile(local, 50);
  const p95 = percentile(local, 95);
  console.log(`in-process: median ${ms(median)} ms, p95 ${ms(p95)} ms, ${((pages * 1000) / median).toFixed(0)} pages/s, peak RSS ${peakRssMb().toFixed(0)} MB`);

  const pool = new PdfPool();
  try {
    const document = { kind: 'statement' as const, model };
    const load = async (count: number) => {
      let started = 0;
      await Promise.all(
        Array.from({ length: pool.threads * 2 }, async () => {
          while (started++ < count) await pool.renderToBuffer(document, CREATED);
        }),
      );
    };
    await load(WARMUP * pool.threads); // every thread parses its fonts and warms its JIT first
    const pooled = await timeEach(RUNS, () => pool.renderToBuffer(document, CREATED));
    const start = performance.now();
    await load(RUNS);
    const throughput = (RUNS * pages * 1000) / (performance.now() - start);
    console.log(`worker pool (${pool.threads} thread${pool.threads === 1 ? '' : 's'}): median ${ms(percentile(pooled, 50))} ms, p95 ${ms(percentile(pooled, 95))} ms, ${throughput.toFixed(0)} pages/s under load`);
  } finally {
    await pool.close();
  }
  return { model, pages, median, p95 };
}

/** 2, in the child process: the compilation, first (cold) and then warm, with the process's own peak RSS. */
async function compilationChild(): Promise<void> {
  const document = { kind: 'compilation' as const, model: compilationModel({ answered: 40 }) };
  await warmUp(); // as a PDF worker does when it starts
  const baseline = process.memoryUsage().rss / 1024 / 1024;
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const layout = layoutDocumentSpec(document);
    bytes = 0;
    await layout.render((chunk) => (bytes += chunk.length), CREATED);
    times.push(performance.now() - start);
    pages = layout.pages.length;
    // The first pass is the one a fresh worker does; later ones add the garbage of the earlier ones.
    if (i === 0) peak = peakRssMb();
  }
  process.stdout.write(JSON.stringify({ pages, bytes, cold: times[0], warm: Math.min(...times.slice(1)), baseline, peak, peakAfterAll: peakRssMb() }));
}

async function compilationBench() {
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--compilation-child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`compilation child failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as { pages: number; bytes: number; cold: number; warm: number; baseline: number; peak: number; peakAfterAll: number };
  console.log(
    `compilation: 40 statements, ${result.pages} pages, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB, one pass: ${ms(result.cold)} ms as the first document of a new worker, ${ms(result.warm)} ms warm; peak RSS ${result.peak.toFixed(0)} MB for one pass in a fresh process (${result.baseline.toFixed(0)} MB before rendering, tsx included; ${result.peakAfterAll.toFixed(0)} MB after three)`,
  );
  return result;
}

/** 3. /health p99 while PDFs are requested at full load against the running app. */
async function healthUnderLoad() {
  const cleanups = new Cleanups('bench:pdf');
  try {
    const url = await benchDatabaseUrl(cleanups);
    const dataSource = await createDataSource({ url, applicationName: 'remiss-bench-pdf' }).initialize();
    cleanups.add(() => dataSource.destroy());
    await prepareDatabase(dataSource, { demoPassword: PASSWORD });
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_MAX: '1000' });
    const app = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
    cleanups.add(() => app.close());
    const { server, baseUrl } = await listen(app.app);
    cleanups.add(() => closeServer(server));

    const headers = await loginHeaders(baseUrl, 'coordinator', PASSWORD);
    const found = (await (await fetch(`${baseUrl}/api/consultations?q=${encodeURIComponent('KS 2020/924')}`, { headers })).json()) as { items: Array<{ id: string }> };
    const board = (await (await fetch(`${baseUrl}/api/consultations/${found.items[0].id}/recipients?limit=1000`, { headers })).json()) as { items: Array<{ responseId: string; status: string; id: string }> };
    const answered = board.items.find((row) => row.status === 'submitted')!;
    const targets = [`/api/consultations/${found.items[0].id}/compilation.pdf`, `/api/responses/${answered.responseId}/pdf`, `/api/consultations/${found.items[0].id}/recipients/${answered.id}/cover-letter.pdf`];
    for (const target of targets) {
      const probe = await fetch(baseUrl + target, { headers });
      if (probe.status !== 200) throw new Error(`${target} answers ${probe.status}: ${await probe.text()}`);
      await probe.arrayBuffer();
    }

    // Full load: more PDF clients than workers plus queue places (the pool's defaults), each asking
    // again as soon as it has its answer, so every worker is busy and the queue stays full.
    const threads = config.pdfWorkers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    const counts = { ok: 0, busy: 0, other: 0 };
    let stop = false;
    const clients = Array.from({ length: threads * (config.pdfQueuePerWorker + 1) + 2 }, async (_, i) => {
      while (!stop) {
        const res = await fetch(baseUrl + targets[i % targets.length], { headers });
        await res.arrayBuffer();
        if (res.status === 200) counts.ok++;
        else if (res.status === 503) {
          counts.busy++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        } else counts.other++;
      }
    });
    await run(`${baseUrl}/health`, WARMUP_SECONDS);
    const measured = await run(`${baseUrl}/health`, DURATION_SECONDS);
    stop = true;
    await Promise.all(clients);
    console.log(
      `/health under PDF load: p99 ${measured.p99} ms, ${Math.round(measured.rps)} req/s, non-2xx ${measured.non2xx}; PDFs meanwhile: ${counts.ok} rendered (${((counts.ok / (DURATION_SECONDS + WARMUP_SECONDS)) | 0)}/s), ${counts.busy} refused with 503, ${counts.other} other`,
    );
    return { p99: measured.p99, pdfs: counts.ok, refused: counts.busy };
  } finally {
    await cleanups.run();
  }
}

/** Chromium's median, or why there is none: the comparison is optional and never fails the bench. */
type ChromiumResult = { median: number } | { missing: string };

/**
 * 4. Chromium printing the same HTML, driven by playwright-core (a devDependency, as for the
 * browser tests): BENCH_CHROMIUM, else Debian's /usr/bin/chromium when installed, else the test
 * suite's own Chromium (@sparticuz/chromium, test/support/browser.ts).
 */
async function chromiumBench(html: string, pages: number): Promise<ChromiumResult> {
  const executable = process.env.BENCH_CHROMIUM ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
  const which = executable ?? '@sparticuz/chromium (the test suite\'s)';
  let browser: Browser;
  try {
    browser = executable ? await playwright.launch({ executablePath: executable, args: ['--no-sandbox'] }) : await launchBrowser();
  } catch (error) {
    return { missing: `chromium: ${which} did not start (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})` };
  }
  console.log(`chromium: ${which}, version ${browser.version()}`);
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    const printOnce = () => page.pdf({ format: 'A4', tagged: true, printBackground: true });
    await timeEach(Math.min(WARMUP, 10), printOnce);
    const times = await timeEach(Math.min(RUNS, 30), printOnce);
    const median = percentile(times, 50);
    console.log(`chromium: median ${ms(median)} ms per ${pages}-page statement (same HTML, tagged PDF)`);
    return { median };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const statement = await statementBench();
  const compilation = await compilationBench();
  const health = await healthUnderLoad();
  const chromiumResult = await chromiumBench(renderStatementHtml(statement.model), statement.pages);
  if ('missing' in chromiumResult) console.log(chromiumResult.missing);
  const chromium = 'median' in chromiumResult ? chromiumResult.median : null;

  const statementOk = statement.median <= TARGET_MEDIAN_MS && (chromium === null || statement.median * 2 <= chromium);
  const compilationOk = compilation.warm <= TARGET_COMPILATION_MS && compilation.peak <= TARGET_COMPILATION_MB;
  console.log(
    [
      `bench:pdf statement ${statement.pages}p x${RUNS}: median ${ms(statement.median)} ms, p95 ${ms(statement.p95)} ms, ${((statement.pages * 1000) / statement.median).toFixed(0)} pages/s (target <= ${TARGET_MEDIAN_MS} ms: ${verdict(statementOk)})`,
      `compilation ${compilation.pages}p one pass: ${ms(compilation.warm)} ms warm, ${ms(compilation.cold)} ms first, peak RSS ${compilation.peak.toFixed(0)} MB (targets <= ${TARGET_COMPILATION_MS} ms, <= ${TARGET_COMPILATION_MB} MB: ${verdict(compilationOk)})`,
      `/health p99 ${health.p99} ms under PDF load, ${health.pdfs} PDFs, ${health.refused} x 503 (target < ${TARGET_P99_MS} ms: ${verdict(health.p99 < TARGET_P99_MS)})`,
      'missing' in chromiumResult ? chromiumResult.missing : `chromium median ${ms(chromiumResult.median)} ms, ratio ${(chromiumResult.median / statement.median).toFixed(2)}x`,
    ].join(' | '),
  );
}

if (process.argv.includes('--compilation-child')) {
  compilationChild().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  runBench('bench:pdf', main);
}
