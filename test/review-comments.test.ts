import request from 'supertest';
import { cleanUpPdfs, pdftotext, savePdf } from './documents/pdf-tools';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { sendToReview } from './support/review-flow';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * Review comments (issue 14): while an answer is in review the attestant and colleagues comment on
 * its sections, optionally quoting the words they mean; returned to drafting, the handläggare
 * answers or resolves them. Audited, never printed, and nobody outside the organisation reads them:
 * not another organisation, not the coordinator the draft is shared with, not an admin.
 */
let t: TestApp;
const auth: Record<string, Record<string, string>> = {};
const as = (who: string) => auth[who];
const comments = (id: string, who: string, query = '') => request(t.app).get(`/api/responses/${id}/comments${query}`).set(as(who));
const comment = (id: string, body: object, who = 'attestant.sodermalm') => request(t.app).post(`/api/responses/${id}/comments`).set(as(who)).send(body);
const reply = (id: string, commentId: string, text: string, who = 'handlaggare.sodermalm') => request(t.app).post(`/api/responses/${id}/comments/${commentId}/replies`).set(as(who)).send({ text });
const resolve = (id: string, commentId: string, resolved: boolean, who = 'handlaggare.sodermalm') => request(t.app).put(`/api/responses/${id}/comments/${commentId}/resolution`).set(as(who)).send({ resolved });
const transition = (id: string, action: string, who: string) => request(t.app).post(`/api/responses/${id}/transitions`).set(as(who)).send({ action });

async function responseInReview(): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01', dueDate: '2099-01-01', coordinatorId: await organisationId(t.dataSource, 'socialforvaltningen') });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01T08:00:00Z') });
  await sendToReview(t.app, response.id, as('handlaggare.sodermalm'));
  return response.id;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const who of ['admin', 'coordinator', 'reader', 'handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.norrainnerstaden']) auth[who] = bearer(await t.login(who));
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

it('the attestant comments on two sections, returns the answer; the handläggare answers one and resolves the other', async () => {
  const id = await responseInReview();
  const first = await comment(id, { sectionKey: 'sammanfattning', text: 'Förkorta sammanfattningen till tre meningar.', quote: 'Förvaltningens text om   sammanfattning.' });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ sectionKey: 'sammanfattning', author: { name: expect.any(String) }, quote: 'Förvaltningens text om sammanfattning.', resolved: null, replies: [] });
  const second = await comment(id, { sectionKey: 'forvaltningens-synpunkter', text: 'Stöd slutsatsen med siffror från uppföljningen.' });
  expect(second.status).toBe(201);

  expect((await transition(id, 'return_to_drafting', 'attestant.sodermalm')).status).toBe(200);
  // A new comment waits for the next review; the old ones are answered now.
  expect((await comment(id, { sectionKey: 'sammanfattning', text: 'En till.' })).status).toBe(409);
  const answered = await reply(id, second.body.id, 'Siffrorna från 2025 är inlagda i tredje stycket.');
  expect(answered.status).toBe(201);
  expect((await resolve(id, first.body.id, true)).body).toMatchObject({ resolved: { at: expect.any(String), by: 'Hanna Söderberg' } });

  const listed = await comments(id, 'handlaggare.sodermalm');
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((c: { text: string; resolved: unknown; replies: Array<{ text: string }> }) => [c.text, !!c.resolved, c.replies.map((r) => r.text)])).toEqual([
    ['Förkorta sammanfattningen till tre meningar.', true, []],
    ['Stöd slutsatsen med siffror från uppföljningen.', false, ['Siffrorna från 2025 är inlagda i tredje stycket.']],
  ]);
  const oneSection = await comments(id, 'attestant.sodermalm', '?section=forvaltningens-synpunkter');
  expect(oneSection.body.items).toHaveLength(1);

  // History, never printed: the statement's PDF and preview hold the text, not the comments.
  const pdf = await request(t.app).get(`/api/responses/${id}/pdf`).set(as('handlaggare.sodermalm')).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const printed = pdftotext(savePdf(pdf.body as Buffer, 'commented'));
  expect(printed).toContain('Förvaltningens text om sammanfattning.');
  for (const words of ['Förkorta sammanfattningen', 'Stöd slutsatsen', 'Siffrorna från 2025']) expect(printed).not.toContain(words);
  const preview = await request(t.app).get(`/api/responses/${id}/preview`).set(as('handlaggare.sodermalm'));
  expect(preview.text).not.toContain('Förkorta sammanfattningen');

  const audit = await request(t.app).get(`/api/audit?entityType=response&entityId=${id}`).set(as('admin'));
  expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['review_comment.added', 'review_comment.replied', 'review_comment.resolved']));
});

it('nobody outside the organisation reads or writes them: 404, the shared draft’s coordinator and admins included', async () => {
  const id = await responseInReview();
  const made = await comment(id, { sectionKey: 'sammanfattning', text: 'Internt.' });
  const etag = (await request(t.app).get(`/api/responses/${id}`).set(as('handlaggare.sodermalm'))).headers.etag;
  expect((await request(t.app).patch(`/api/responses/${id}`).set(as('handlaggare.sodermalm')).set('If-Match', etag).send({ sharedWithCoordinator: true })).status).toBe(200);
  expect((await request(t.app).get(`/api/responses/${id}/statement`).set(as('coordinator'))).status).toBe(200);
  for (const who of ['coordinator', 'admin', 'handlaggare.norrainnerstaden', 'reader']) {
    expect([who, (await comments(id, who)).status]).toEqual([who, 404]);
  }
  expect((await comment(id, { sectionKey: 'sammanfattning', text: 'Utifrån.' }, 'handlaggare.norrainnerstaden')).status).toBe(404);
  expect((await reply(id, made.body.id, 'Utifrån.', 'handlaggare.norrainnerstaden')).status).toBe(404);
  expect((await resolve(id, made.body.id, true, 'handlaggare.norrainnerstaden')).status).toBe(404);
});

it('refuses what makes no sense with a problem naming the field, and changes nothing', async () => {
  const id = await responseInReview();
  const wrongSection = await comment(id, { sectionKey: 'finns-inte', text: 'Hm.' });
  expect(wrongSection.status).toBe(400);
  expect(wrongSection.body.errors).toEqual([expect.objectContaining({ path: 'body.sectionKey' })]);
  const wrongQuote = await comment(id, { sectionKey: 'sammanfattning', text: 'Hm.', quote: 'ord som inte står där' });
  expect(wrongQuote.status).toBe(400);
  expect(wrongQuote.body.errors).toEqual([expect.objectContaining({ path: 'body.quote' })]);
  expect((await comment(id, { sectionKey: 'sammanfattning', text: '   ' })).status).toBe(400);
  expect((await comment(id, { sectionKey: 'sammanfattning', text: 'x'.repeat(4001) })).status).toBe(400);
  const first = await comment(id, { sectionKey: 'sammanfattning', text: 'Tråden.' });
  const answer = await reply(id, first.body.id, 'Svaret.', 'attestant.sodermalm');
  // An answer is not a thread of its own.
  expect((await reply(id, answer.body.id, 'Svar på svaret.')).status).toBe(409);
  expect((await comments(id, 'handlaggare.sodermalm')).body.items).toHaveLength(1);
});

it('only handläggare and attestanter write, and only while the answer is drafted or reviewed', async () => {
  const id = await responseInReview();
  const made = await comment(id, { sectionKey: 'sammanfattning', text: 'Granskad.' });
  expect((await comment(id, { sectionKey: 'sammanfattning', text: 'Av en kollega.' }, 'handlaggare.sodermalm')).status).toBe(201);
  expect((await transition(id, 'approve', 'attestant.sodermalm')).status).toBe(200);
  expect((await reply(id, made.body.id, 'För sent.')).status).toBe(409);
  expect((await resolve(id, made.body.id, true)).status).toBe(409);
  // History stays readable inside the organisation.
  expect((await comments(id, 'handlaggare.sodermalm')).body.items).toHaveLength(2);
});
