import { PdfPool, PdfPoolFullError, PdfTimeoutError } from '../../src/documents/pdf-pool';
import { renderStatementPdf } from '../../src/documents/render-statement';
import { longStatement, sodermalmStatement } from './statement-fixtures';

/*
 * The worker pool: the same bytes as rendering in-process, chunks in order, and a full queue
 * refused at once instead of growing. Under Jest the worker is the .ts source, loaded through tsx.
 */
describe('PdfPool', () => {
  const created = new Date('2020-11-19T10:00:00Z');
  let pool: PdfPool;
  beforeAll(() => {
    pool = new PdfPool({ threads: 1, maxQueue: 1 });
  });
  afterAll(() => pool.close());

  it('renders in a worker thread exactly what renderStatementPdf renders in-process', async () => {
    const model = longStatement(12);
    const chunks: Buffer[] = [];
    const total = await pool.render({ kind: 'statement', model }, { creationDate: created }, (chunk) => chunks.push(chunk));
    const pdf = Buffer.concat(chunks);
    expect(pdf.length).toBe(total);
    expect(chunks.length).toBeGreaterThan(1);
    expect(pdf.equals(await renderStatementPdf(model, { creationDate: created }))).toBe(true);
  });

  it('refuses work beyond the queue bound with PdfPoolFullError, and recovers', async () => {
    const model = longStatement(20);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => pool.renderToBuffer({ kind: 'statement', model })));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PdfPoolFullError);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const after = await pool.renderToBuffer({ kind: 'statement', model: sodermalmStatement() });
    expect(after.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('stops a preview or document that runs past its time limit, and the next one renders', async () => {
    // The limit counts from when the worker begins the task (not its start-up and warm-up): 5 s is
    // far more than a preview or a PDF of this statement takes and far short of the loop (hours).
    const slow = new PdfPool({ threads: 1, taskTimeoutMs: 5_000 });
    try {
      // Valid Handlebars that loops over the sections six deep: 40^6 iterations for a long statement.
      const nested = '{{#each sections}}{{#each ../sections}}{{#each ../../sections}}{{#each ../../../sections}}{{#each ../../../../sections}}{{#each ../../../../../sections}}.{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}';
      const templates = { key: 'slow', sources: { statement: `<p>${nested}</p>` } };
      await expect(slow.previewHtml({ kind: 'statement', model: longStatement(40) }, templates)).rejects.toBeInstanceOf(PdfTimeoutError);
      await expect(slow.renderToBuffer({ kind: 'statement', model: longStatement(40) }, { templates })).rejects.toBeInstanceOf(PdfTimeoutError);
      const after = await slow.renderToBuffer({ kind: 'statement', model: sodermalmStatement() });
      expect(after.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    } finally {
      await slow.close();
    }
    // Three fresh workers start here (one after each stopped task), each seconds on a busy machine.
  }, 120_000);

  it('passes a rendering error back instead of hanging', async () => {
    const broken = { ...sodermalmStatement(), date: 'not a date' };
    await expect(pool.renderToBuffer({ kind: 'statement', model: broken })).rejects.toThrow(/Not a YYYY-MM-DD date/);
  });
});
