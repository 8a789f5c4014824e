// Probe (not a test): the PDF pool as the soak drives it (previews and PDFs through piscina, four at
// a time, a new word per document), printing the worker's live heap; heap snapshots of the worker
// at two points for a diff.   node --import tsx bench/pool-heap-probe.ts [rounds] [snapshot dir]
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Worker } from 'node:worker_threads';
import { PdfPool } from '../src/documents/pdf-pool';
import { SAMPLE_DOCUMENTS } from '../src/documents/sample-documents';
import type { DocumentSpec, StatementDocumentModel } from '../src/documents/document-model';

const rounds = Number(process.argv[2] ?? 4000);
const snapshots = process.argv[3];
const base = SAMPLE_DOCUMENTS.statement[0] as Extract<DocumentSpec, { kind: 'statement' }>;

function spec(n: number): DocumentSpec {
  const model: StatementDocumentModel = base.model;
  const text = `Förvaltningen är positiv till programmet (${1765050000000 + n * 37}).`;
  return { kind: 'statement', model: { ...model, sections: [{ heading: 'Sammanfattning', body: [{ type: 'paragraph', content: [{ text }] }], stance: null }, ...model.sections] } };
}

async function snapshot(pool: PdfPool, name: string) {
  const worker = (pool as unknown as { pool: { threads: Worker[] } }).pool.threads[0];
  console.log(`${name}: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  if (snapshots) await pipeline(await worker.getHeapSnapshot(), createWriteStream(`${snapshots}/${name}.heapsnapshot`));
}

async function main() {
  const pool = new PdfPool({ threads: 1 });
  await pool.renderToBuffer(base);
  await snapshot(pool, 'start');
  let n = 0;
  const lane = async () => {
    while (n < rounds) {
      const doc = spec(++n);
      if (n % 2) await pool.previewHtml(doc);
      else await pool.renderToBuffer(doc);
      if (n % 1000 === 0) await snapshot(pool, `at-${n}`);
    }
  };
  await Promise.all([lane(), lane(), lane()]);
  await snapshot(pool, 'end');
  await pool.close();
}
const keepAlive = setInterval(() => undefined, 1000);
void main().finally(() => clearInterval(keepAlive));
