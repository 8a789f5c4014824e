import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { cleanUpPdfs, pdftotext, savePdf } from './documents/pdf-tools';
import { addRecipient, createConsultation } from './support/factories';
import { expectPrinted, expectRefused, PRINTABLE, PRINTABLE_WORDS, UNPRINTABLE, withoutBidiControls } from './support/printable-cases';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart } from './support/upload-fixtures';

/*
 * No character is ever lost (issue 11 §1) in what answers and files add to the documents: the
 * reason of an answer that avstår (its letter, the compilation), a decision's paragraph and its
 * protokollsutdrag's file name (the compilation's list of decisions), the remisshandlingar's file
 * names and descriptions (the remissbrev). Unprintable text is refused with 400 naming the field
 * and the characters, and nothing changes; Latin, Sámi, Greek, Cyrillic and Hebrew are printed.
 */
let t: TestApp;
let sandbox: string;
const as: Record<string, Record<string, string>> = {};

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
async function pdfText(path: string, user: string): Promise<string> {
  const res = await request(t.app).get(path).set(as[user]).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return withoutBidiControls(pdftotext(savePdf(res.body as Buffer, 'answers')));
}
const get = (path: string, user = 'registrator') => request(t.app).get(path).set(as[user]);
const transition = (responseId: string, body: object, user = 'handlaggare.sodermalm') => request(t.app).post(`/api/responses/${responseId}/transitions`).set(as[user]).send(body);

/** A remiss sent to Södermalm, inserted directly, and Södermalm's response. */
async function sentRemiss() {
  const remiss = await createConsultation(t.dataSource, { status: 'open', registeredDate: '2026-09-01', sentDate: '2026-09-01', dueDate: '2026-12-01' });
  const { recipient, response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  return { remiss, recipient, responseId: response.id };
}

const uploadTo = (path: string, user: string, fileName: string, fields: Record<string, string> = {}) => {
  const { body, contentType } = multipart({ name: fileName, data: fixtures.pdf(), type: 'application/pdf' }, fields);
  return request(t.app).post(path).set(as[user]).set('content-type', contentType).send(body);
};

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-printable-'));
  t = await startTestApp({ STORAGE_DIR: join(sandbox, 'files') });
  for (const user of ['registrator', 'coordinator', 'handlaggare.sodermalm']) as[user] = bearer(await t.login(user));
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

describe('an answer that avstår', () => {
  it('refuses an unprintable reason and stays unanswered; a printable one is printed in its letter and the compilation', async () => {
    const { remiss, responseId } = await sentRemiss();
    const before = await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm');
    expectRefused(await transition(responseId, { action: 'decline', reason: UNPRINTABLE }), ['body.reason']);
    const after = await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm');
    expect(after.body).toEqual(before.body);

    expect((await transition(responseId, { action: 'decline', reason: `Nämnden avstår. ${PRINTABLE}` })).status).toBe(200);
    expectPrinted(await pdfText(`/api/responses/${responseId}/answer-letter.pdf`, 'handlaggare.sodermalm'));
    expectPrinted(await pdfText(`/api/consultations/${remiss.id}/compilation.pdf?groupBy=recipient`, 'coordinator'));
  });
});

describe("the nämnd's decision and its protokollsutdrag", () => {
  it('refuses an unprintable paragraph and an unprintable file name, recording nothing; printable ones are listed in the compilation', async () => {
    const { remiss, responseId } = await sentRemiss();
    expect((await transition(responseId, { action: 'start' })).status).toBe(200);
    await t.dataSource.query(`UPDATE responses SET status = 'approved', version = version + 1 WHERE id = $1`, [responseId]);
    const decision = { action: 'decide', meetingDate: '2026-10-15', outcome: 'approved_as_proposed', decisionText: 'Nämnden beslutade enligt förvaltningens förslag.' };

    expectRefused(await transition(responseId, { ...decision, paragraph: UNPRINTABLE }), ['body.paragraph']);
    const refused = await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm');
    expect(refused.body).toMatchObject({ status: 'approved', decisions: [] });

    const decided = await transition(responseId, { ...decision, paragraph: '§ 7 Ελλάδα' });
    expect(decided.status).toBe(200);
    const [{ id: decisionId }] = decided.body.decisions;
    const protokoll = `/api/responses/${responseId}/decisions/${decisionId}/protokollsutdrag`;
    expectRefused(await uploadTo(protokoll, 'handlaggare.sodermalm', `Protokoll ${UNPRINTABLE}.pdf`), ['body.file']);
    expect((await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm')).body.decisions[0].protokollsutdrag).toBeNull();
    expect((await uploadTo(protokoll, 'handlaggare.sodermalm', `Протокол ${PRINTABLE}.pdf`)).status).toBe(201);

    // Submitted as the nämnd's answer, the decision is listed in the sammanställning.
    await t.dataSource.query(`UPDATE responses SET status = 'submitted', answered_date = '2026-10-20', version = version + 1 WHERE id = $1`, [responseId]);
    const text = await pdfText(`/api/consultations/${remiss.id}/compilation.pdf`, 'coordinator');
    expect(text).toContain('§ 7 Ελλάδα');
    expect(text).toContain('Протокол');
    expectPrinted(text);
  });
});

describe('remisshandlingar', () => {
  it('refuses an unprintable description or file name, storing nothing; printable ones are listed in the remissbrev', async () => {
    const { remiss, recipient } = await sentRemiss();
    const path = `/api/consultations/${remiss.id}/attachments`;
    expectRefused(await uploadTo(path, 'registrator', 'Remissversion.pdf', { description: UNPRINTABLE }), ['body.description']);
    expectRefused(await uploadTo(path, 'registrator', `Remiss ${UNPRINTABLE}.pdf`, { description: 'Programmet' }), ['body.file']);
    expect((await get(path)).body.total).toBe(0);

    expect((await uploadTo(path, 'registrator', `${PRINTABLE_WORDS.slice(0, 2).join(' ')}.pdf`, { description: PRINTABLE_WORDS.slice(2).join(' ') })).status).toBe(201);
    expectPrinted(await pdfText(`/api/consultations/${remiss.id}/recipients/${recipient.id}/cover-letter.pdf`, 'registrator'));
  });

  it("a response's own files are printed nowhere, so their names are not limited", async () => {
    const { responseId } = await sentRemiss();
    expect((await transition(responseId, { action: 'start' })).status).toBe(200);
    const res = await uploadTo(`/api/responses/${responseId}/attachments`, 'handlaggare.sodermalm', 'Underlag 東京 ✓.pdf', { description: 'Karta 😀' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'Underlag 東京 ✓.pdf', description: 'Karta 😀' });
  });
});
