import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { cleanUpPdfs, pdftotext, savePdf } from './documents/pdf-tools';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart, type FilePart } from './support/upload-fixtures';

/*
 * DESIGN.md §4: the nämnd's decision is its own document (the protokollsutdrag), not a section of
 * the tjänsteutlåtande. It stays recorded on the response, and its protokollsutdrag can be attached
 * as a PDF and is listed with the answer and in the sammanställning.
 */
let t: TestApp;
let sandbox: string;
let registrator: Record<string, string>;
let own: Record<string, string>;
let other: Record<string, string>;
let ks924: string;
let responseId: string;

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-protokoll-'));
  t = await startTestApp({ STORAGE_DIR: join(sandbox, 'files') });
  registrator = bearer(await t.login('registrator'));
  own = bearer(await t.login('handlaggare.sodermalm'));
  other = bearer(await t.login('handlaggare.ostermalm'));
  ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator)).body.items[0].id;
  const board = await request(t.app).get(`/api/consultations/${ks924}/recipients`).set(registrator);
  responseId = board.body.items.find((r: { organisation: { name: string } }) => r.organisation.name === 'Södermalms stadsdelsnämnd').responseId;
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

const path = (decisionId: string) => `/api/responses/${responseId}/decisions/${decisionId}/protokollsutdrag`;
const upload = (decisionId: string, file: FilePart, auth: Record<string, string>) => {
  const { body, contentType } = multipart(file, { description: 'Protokollsutdrag, justerat 2020-12-01' });
  return request(t.app).post(path(decisionId)).set(auth).set('content-type', contentType).send(body);
};
const decisionsOf = async () => (await request(t.app).get(`/api/responses/${responseId}`).set(registrator)).body.decisions as Array<{ id: string; paragraph: string; protokollsutdrag: null | Record<string, unknown> }>;

describe("the nämnd's decision", () => {
  it('is not printed as a section of the tjänsteutlåtande, yet stays recorded on the response', async () => {
    const res = await request(t.app).get(`/api/responses/${responseId}/pdf`).set(registrator).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = pdftotext(savePdf(res.body as Buffer, 'sodermalm'));
    expect(text).toContain('Attesterat av');
    expect(text).not.toMatch(/^Beslut$/m);
    expect(text).not.toContain('§ 15');
    expect(text).not.toMatch(/beslutade \d+ \w+ \d{4}/);
    const [decision] = await decisionsOf();
    expect(decision).toMatchObject({ paragraph: '§ 15', protokollsutdrag: null });
  });
});

describe('the protokollsutdrag', () => {
  it('is refused unless it is a PDF by its bytes, from another organisation, and from roles that do not record decisions', async () => {
    const [decision] = await decisionsOf();
    expect((await upload(decision.id, { name: 'protokoll.docx', data: fixtures.docx() }, own)).status).toBe(415);
    const disguised = await upload(decision.id, { name: 'protokoll.pdf', data: fixtures.text(), type: 'application/pdf' }, own);
    expect(disguised.status).toBe(415);
    expect(disguised.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await upload(decision.id, { name: 'protokoll.pdf', data: fixtures.pdf() }, other)).status).toBe(404);
    expect((await upload(decision.id, { name: 'protokoll.pdf', data: fixtures.pdf() }, registrator)).status).toBe(403);
    expect((await upload('00000000-0000-4000-8000-000000000000', { name: 'protokoll.pdf', data: fixtures.pdf() }, own)).status).toBe(404);
    expect((await decisionsOf())[0].protokollsutdrag).toBeNull();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE decision_id IS NOT NULL`);
    expect(n).toBe(0);
  });

  it('is attached once to the decision, audited, listed with the answer and downloadable by those who read the answer', async () => {
    const [decision] = await decisionsOf();
    const pdf = fixtures.pdf();
    const res = await upload(decision.id, { name: 'Protokollsutdrag SDN Södermalm § 15.pdf', data: pdf }, own);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'Protokollsutdrag SDN Södermalm § 15.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    expect((await upload(decision.id, { name: 'igen.pdf', data: pdf }, own)).status).toBe(409);

    const [listed] = await decisionsOf();
    expect(listed.protokollsutdrag).toEqual({ fileName: 'Protokollsutdrag SDN Södermalm § 15.pdf', sizeBytes: pdf.length, uploadedAt: expect.any(String), href: path(decision.id) });
    // Not a bilaga of the statement: the decision's own document, listed with the decision only.
    const files = await request(t.app).get(`/api/responses/${responseId}/attachments`).set(own);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).not.toContain('Protokollsutdrag SDN Södermalm § 15.pdf');

    const download = await request(t.app).get(path(decision.id)).set(other).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((download.body as Buffer).equals(pdf)).toBe(true);

    const audit = await request(t.app).get(`/api/audit?entityType=attachment&entityId=${res.body.id}`).set(bearer(await t.login('admin')));
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'decision.protokollsutdrag_attached', after: expect.objectContaining({ decisionId: decision.id }) })]);
  });

  it("is listed in the sammanställning's answers, in the JSON and the PDF", async () => {
    const json = await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(registrator);
    const row = json.body.matrix.find((r: { organisation: { name: string } }) => r.organisation.name === 'Södermalms stadsdelsnämnd');
    expect(row.decision).toEqual({ meetingDate: '2020-11-26', paragraph: '§ 15', protokollsutdrag: { fileName: 'Protokollsutdrag SDN Södermalm § 15.pdf', href: expect.stringMatching(/\/protokollsutdrag$/) } });
    const unanswered = json.body.matrix.find((r: { status: string }) => r.status === 'not_started');
    expect(unanswered.decision).toBeNull();

    const pdf = await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(registrator).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const text = pdftotext(savePdf(pdf.body as Buffer, 'compilation')).replace(/\s+/g, ' ');
    expect(text).toContain('Nämndernas beslut');
    expect(text).toContain('Södermalms stadsdelsnämnd: Beslut den 26 november 2020, § 15. Protokollsutdrag: Protokollsutdrag SDN Södermalm § 15.pdf.');
    expect(text).toMatch(/Hässelby-Vällingby stadsdelsnämnd: Beslut den \d+ \w+ 2020, § \d+\. Protokollsutdraget har inte bifogats\./);
  });
});
