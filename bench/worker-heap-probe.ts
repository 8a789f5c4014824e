// Probe (not a test): renders statement PDFs and previews in a loop on the PDF worker's code path and
// prints the live heap after a full GC and the sizes of the per-process font caches.
//   node --expose-gc --import tsx bench/worker-heap-probe.ts unique|same [rounds] [snapshot file]
// "unique" puts a new number in the statement each round, as the soak's saves do (`(${Date.now()})`).
import v8 from 'node:v8';
import { fonts } from '../src/documents/fonts';
import { renderDocumentHtml, writeDocumentPdf } from '../src/documents/render-document';
import { SAMPLE_DOCUMENTS } from '../src/documents/sample-documents';
import { templateSetFor } from '../src/documents/template-set';
import type { DocumentSpec, StatementDocumentModel } from '../src/documents/document-model';

const unique = process.argv[2] === 'unique';
const rounds = Number(process.argv[3] ?? 3000);
const base = SAMPLE_DOCUMENTS.statement[0] as Extract<DocumentSpec, { kind: 'statement' }>;
const gc = (globalThis as unknown as { gc: () => void }).gc;
const heapMb = () => { gc(); gc(); return v8.getHeapStatistics().used_heap_size / 1e6; };

function spec(n: number): DocumentSpec {
  const model: StatementDocumentModel = base.model;
  if (!unique) return base;
  const text = `Förvaltningen är positiv till programmet (${1765050000000 + n * 37}).`;
  return { kind: 'statement', model: { ...model, sections: [{ heading: 'Sammanfattning', body: [{ type: 'paragraph', content: [{ text }] }], stance: null }, ...model.sections] } };
}

async function main() {
  await writeDocumentPdf(base, {}, templateSetFor(), () => undefined);
  console.log(`start ${heapMb().toFixed(1)} MB`);
  for (let n = 1; n <= rounds; n++) {
    const doc = spec(n);
    renderDocumentHtml(doc, templateSetFor());
    await writeDocumentPdf(doc, {}, templateSetFor(), () => undefined);
    if (n % 500 === 0) {
      const f = fonts().regular;
      console.log(`${n}: heap ${heapMb().toFixed(1)} MB; regular widths ${f.widths.size}, layoutCache ${Object.keys(f.layoutCache).length}, coverage ${f.coverage.size}`);
    }
  }
  if (process.argv[4]) v8.writeHeapSnapshot(process.argv[4]);
}
void main();
