import type { Worker } from 'node:worker_threads';
import { PdfPool } from '../../src/documents/pdf-pool';
import { sodermalmStatement } from './statement-fixtures';

/*
 * Every task sends the worker a MessagePort or two (the clock that starts its time limit, the port
 * its PDF comes back on), and the worker closes them when the task ends. With piscina's default,
 * an idle worker waits in Atomics.wait() and its event loop, where a closed port is let go, hardly
 * ever ran: the worker kept every port it was ever sent, and its memory grew with every preview and
 * PDF for as long as the service ran (bench:soak). Counted here in the worker's own heap snapshot.
 */
async function portsInWorker(pool: PdfPool): Promise<number> {
  const [worker] = (pool as unknown as { pool: { threads: Worker[] } }).pool.threads;
  let json = '';
  for await (const chunk of await worker.getHeapSnapshot()) json += chunk;
  const snapshot = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
  let ports = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + typeAt]] === 'object' && snapshot.strings[snapshot.nodes[i + nameAt]] === 'MessagePort') ports++;
  }
  return ports;
}

test('a PDF worker lets go of the ports of the tasks it has finished', async () => {
  const pool = new PdfPool({ threads: 1 });
  try {
    const document = { kind: 'statement' as const, model: sodermalmStatement() };
    await pool.previewHtml(document);
    const before = await portsInWorker(pool);
    // Three at a time, as requests arrive: 100 previews (one port each) and 100 PDFs (two each).
    const lane = async () => {
      for (let n = 0; n < 33; n++) {
        await pool.previewHtml(document);
        await pool.renderToBuffer(document);
      }
    };
    await Promise.all([lane(), lane(), lane()]);
    // Closed ports go once the worker's event loop has turned; on a busy machine that takes a
    // moment, so the count is asked again for a few seconds. The old code kept all 297 for good.
    let retained = Infinity;
    for (let asked = 0; asked < 8 && retained >= 20; asked++) {
      if (asked) await new Promise((resolve) => setTimeout(resolve, 300));
      retained = (await portsInWorker(pool)) - before;
    }
    expect(retained).toBeLessThan(20);
  } finally {
    await pool.close();
  }
}, 90_000);
