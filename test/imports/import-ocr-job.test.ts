import { writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runOcrCycle } from '../../src/imports/import-ocr-job';
import { createFileStore } from '../../src/storage/create-file-store';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { sodermalmDraft, uploadImport } from './import-requests';
import { imageOnlyPdf, SCAN_PAGES, shareOfWordsFound, typesetStatement, wordsOf } from './ocr-scan-fixture';

/*
 * A scanned PDF (no text layer) is queued for OCR and read by the background job (SKIP LOCKED, a
 * lease): its progress is counted per page, and the proposal is made from what OCR read, as for
 * any other file. A scan that cannot be read is marked failed with the user's reason.
 */
jest.setTimeout(180_000);
let t: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  auth = bearer(await t.login('handlaggare.sodermalm'));
});
afterAll(() => t.close());

const draft = () => sodermalmDraft(t, auth);
const upload = (responseId: string, data: Buffer) => uploadImport(t, responseId, { name: 'inskannat.pdf', data, type: 'application/pdf' }, auth);

const cycle = () => {
  const store = createFileStore(t.config);
  return runOcrCycle({ dataSource: t.dataSource, store });
};

it('a scan is queued, read page by page by the job, and proposed like any file', async () => {
  const id = await draft();
  const scan = await imageOnlyPdf(await typesetStatement(SCAN_PAGES), 150);
  const created = await upload(id, scan);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'ocr_queued', format: 'pdf', proposal: null, progress: { pagesDone: 0 } });

  expect(await cycle()).toEqual({ done: 1, failed: 0 });
  const read = await request(t.app).get(`/api/responses/${id}/imports/${created.body.id}`).set(auth);
  expect(read.body).toMatchObject({ status: 'ready', progress: { pagesDone: SCAN_PAGES.length, pages: SCAN_PAGES.length } });
  const keys = read.body.proposal.sections.map((s: { key: string }) => s.key);
  expect(keys).toEqual(expect.arrayContaining(['sammanfattning', 'forvaltningens-synpunkter']));
  const expected = SCAN_PAGES.flatMap((p) => [p.heading, ...p.paragraphs]).flatMap(wordsOf);
  expect(shareOfWordsFound(expected, wordsOf(read.body.sourceText))).toBeGreaterThanOrEqual(0.95);
  // Nothing left for the next cycle.
  expect(await cycle()).toEqual({ done: 0, failed: 0 });
});

it('a scan over the OCR page limit is refused at upload; one the job cannot read fails with the reason in Swedish and can be discarded', async () => {
  const id = await draft();
  const rows = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM statement_imports')).at(0).n);
  const before = await rows();
  const pages = Array.from({ length: 31 }, (_, n) => ({ heading: `Sida ${n + 1}`, paragraphs: ['Kort text.'] }));
  const refused = await upload(id, await imageOnlyPdf(await typesetStatement(pages), 30));
  expect(refused.status).toBe(422);
  expect(refused.body.errors[0]).toMatchObject({ path: 'body.file', message: expect.stringContaining('31 sidor') });
  expect(await rows()).toBe(before);

  // A scan whose stored copy has become unreadable: OCR says why, once, without retrying.
  const created = await upload(id, await imageOnlyPdf(await typesetStatement(SCAN_PAGES.slice(0, 1)), 100));
  expect(created.body.status).toBe('ocr_queued');
  const [{ storage_key: key }] = await t.dataSource.query('SELECT storage_key FROM statement_imports WHERE id = $1', [created.body.id]);
  writeFileSync(path.join(t.config.storageDir, key), 'inte längre en PDF');
  expect(await cycle()).toEqual({ done: 0, failed: 1 });
  const read = await request(t.app).get(`/api/responses/${id}/imports/${created.body.id}`).set(auth);
  expect(read.body.status).toBe('failed');
  expect(read.body.error).toMatch(/[åäö]/);
  expect((await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(auth).set('If-Match', '*').send({})).status).toBe(409);
  expect((await request(t.app).delete(`/api/responses/${id}/imports/${created.body.id}`).set(auth)).status).toBe(204);
});
