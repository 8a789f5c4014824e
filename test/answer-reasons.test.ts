import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { todayInStockholm } from '../src/shared/dates';
import { cleanUpPdfs, pdftotext, savePdf } from './documents/pdf-tools';
import { addRecipient, createConsultation } from './support/factories';
import { expectRefused, UNPRINTABLE } from './support/printable-cases';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * Inga synpunkter with a motivering (issue 13): POST …/transitions {action: 'no_comments', reason}
 * stores the reason, returns it, audits it, and prints it in the answer letter and the
 * sammanställning, as the skäl of an answer that avstår. A reason too long or with characters the
 * documents cannot print is refused with a 400 naming body.reason, and the answer is not given.
 */
let t: TestApp;
let sandbox: string;
const as: Record<string, Record<string, string>> = {};
const MOTIVERING = 'Förslaget berör inte nämndens verksamhetsområde.';

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
async function pdfText(path: string, user: string): Promise<string> {
  const res = await request(t.app).get(path).set(as[user]).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return pdftotext(savePdf(res.body as Buffer, 'answer-reason')).replace(/\s+/g, ' ');
}
const get = (path: string, user: string) => request(t.app).get(path).set(as[user]);
const transition = (responseId: string, body: object, user = 'handlaggare.sodermalm') => request(t.app).post(`/api/responses/${responseId}/transitions`).set(as[user]).send(body);
const stored = async (responseId: string) => (await t.dataSource.query('SELECT status, answer_reason FROM responses WHERE id = $1', [responseId]))[0];
const auditOf = (responseId: string, action: string) =>
  t.dataSource.query(`SELECT after FROM audit_events WHERE entity_type = 'response' AND entity_id = $1 AND action = $2`, [responseId, action]) as Promise<Array<{ after: Record<string, unknown> }>>;

/** A remiss sent to Södermalm (and Farsta), inserted directly. */
async function sentRemiss() {
  const remiss = await createConsultation(t.dataSource, { status: 'open', registeredDate: '2026-09-01', sentDate: '2026-09-01', dueDate: '2026-12-01' });
  const sentAt = new Date('2026-09-01T08:00:00Z');
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt });
  const { response: farsta } = await addRecipient(t.dataSource, remiss.id, 'sdn-farsta', { sentAt });
  return { remiss, responseId: response.id, farstaResponseId: farsta.id };
}

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-answer-reasons-'));
  t = await startTestApp({ STORAGE_DIR: join(sandbox, 'files') });
  for (const user of ['registrator', 'coordinator', 'handlaggare.sodermalm']) as[user] = bearer(await t.login(user));
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

describe('inga synpunkter with a motivering', () => {
  it('is stored, returned, audited and printed in the answer letter and the sammanställning', async () => {
    const { remiss, responseId } = await sentRemiss();
    const answered = await transition(responseId, { action: 'no_comments', reason: `  ${MOTIVERING}  ` });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'no_comments', answeredDate: todayInStockholm(), stance: 'inga_synpunkter', reason: MOTIVERING, declinedReason: null });
    expect(await stored(responseId)).toEqual({ status: 'no_comments', answer_reason: MOTIVERING });
    const [audit] = await auditOf(responseId, 'response.no_comments');
    expect(audit.after).toMatchObject({ status: 'no_comments', action: 'no_comments', reason: MOTIVERING });

    // The coordinator reads the answered response, motivering included.
    expect((await get(`/api/responses/${responseId}`, 'coordinator')).body).toMatchObject({ visibility: 'full', reason: MOTIVERING });

    const letter = await pdfText(`/api/responses/${responseId}/answer-letter.pdf`, 'handlaggare.sodermalm');
    expect(letter).toContain(`har tagit del av remissen och har inga synpunkter på förslaget. Motivering ${MOTIVERING}`);
    const compilation = await pdfText(`/api/consultations/${remiss.id}/compilation.pdf?groupBy=recipient`, 'coordinator');
    expect(compilation).toMatch(new RegExp(`Inga synpunkter, \\d+ \\S+ \\d{4}\\. Motivering: ${MOTIVERING}`));
  });

  it('may be left out: no reason is stored, and the letter has no Motivering', async () => {
    const { responseId } = await sentRemiss();
    const answered = await transition(responseId, { action: 'no_comments', reason: '   ' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'no_comments', reason: null });
    expect(await stored(responseId)).toEqual({ status: 'no_comments', answer_reason: null });
    expect(await pdfText(`/api/responses/${responseId}/answer-letter.pdf`, 'handlaggare.sodermalm')).not.toContain('Motivering');
  });

  it('a registrator records a paper answer of inga synpunkter with its motivering', async () => {
    const { responseId } = await sentRemiss();
    const answered = await transition(responseId, { action: 'no_comments', reason: MOTIVERING, answeredDate: '2026-10-02' }, 'registrator');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'no_comments', answeredDate: '2026-10-02', reason: MOTIVERING });
  });

  it.each([
    ['too long', 'x'.repeat(2001), (res: request.Response) => expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.reason' })])],
    ['unprintable', `Berörs inte ${UNPRINTABLE}`, (res: request.Response) => expectRefused(res, ['body.reason'])],
  ])('%s: refused with a 400 naming body.reason, and nothing is answered', async (_, reason, expectProblem) => {
    const { responseId } = await sentRemiss();
    const before = await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm');
    const res = await transition(responseId, { action: 'no_comments', reason });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(res);
    expect((await get(`/api/responses/${responseId}`, 'handlaggare.sodermalm')).body).toEqual(before.body);
    expect(await auditOf(responseId, 'response.no_comments')).toEqual([]);
  });
});

describe('the skäl of an answer that avstår', () => {
  it('is returned as reason, and still as declinedReason for clients that read it; a motivering is not a declinedReason', async () => {
    const { responseId, farstaResponseId } = await sentRemiss();
    const declined = await transition(responseId, { action: 'decline', reason: 'Nämnden hinner inte bereda ärendet.' });
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'Nämnden hinner inte bereda ärendet.', declinedReason: 'Nämnden hinner inte bereda ärendet.' });
    expect(await stored(responseId)).toEqual({ status: 'declined', answer_reason: 'Nämnden hinner inte bereda ärendet.' });

    const noComments = await transition(farstaResponseId, { action: 'no_comments', reason: MOTIVERING }, 'registrator');
    expect(noComments.body).toMatchObject({ status: 'no_comments', reason: MOTIVERING, declinedReason: null });
  });
});
