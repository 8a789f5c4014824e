import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { todayInStockholm } from '../src/shared/dates';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart, type FilePart } from './support/upload-fixtures';

/*
 * DELETE /api/responses/:id/attachments/:attachmentId (issue 13, Bilagor): the answering
 * organisation's handläggare or attestant (or an admin) removes a bilaga of its statement uploaded
 * by mistake, while the answer is being drafted. Not the registrator's answer document, not a
 * protokollsutdrag, not once the answer has gone on to review, decision or the sender; another
 * organisation gets 404. The removal is audited and the file leaves the store.
 */
let t: TestApp;
let sandbox: string;
let storageDir: string;
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-bilagor-'));
  storageDir = join(sandbox, 'files');
  t = await startTestApp({ STORAGE_DIR: storageDir });
  for (const user of ['handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.norrainnerstaden', 'registrator', 'admin', 'coordinator', 'reader']) auth[user] = bearer(await t.login(user));
});
afterAll(async () => {
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

const files = (id: string) => `/api/responses/${id}/attachments`;
const upload = (id: string, file: FilePart, who: string, fields: Record<string, string> = {}) => {
  const { body, contentType } = multipart(file, fields);
  return request(t.app).post(files(id)).set(auth[who]).set('content-type', contentType).send(body);
};
const remove = (id: string, attachmentId: string, who: string) => request(t.app).delete(`${files(id)}/${attachmentId}`).set(auth[who]);
const listed = async (id: string, who = 'handlaggare.sodermalm') => (await request(t.app).get(files(id)).set(auth[who])).body.items.map((f: { fileName: string }) => f.fileName);
const transition = (id: string, body: object, who = 'handlaggare.sodermalm') => request(t.app).post(`/api/responses/${id}/transitions`).set(auth[who]).send(body);
const storageKeyOf = async (attachmentId: string) => (await t.dataSource.query('SELECT storage_key FROM attachments WHERE id = $1', [attachmentId]))[0].storage_key as string;

/** Södermalm's answer (drafting) to a remiss Norra innerstaden also answers, so Norra may read the remiss but not the draft. */
async function draftingAnswer(): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01' });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  await addRecipient(t.dataSource, remiss.id, 'sdn-norra-innerstaden', { sentAt: new Date('2026-09-01T08:00:00Z') });
  expect((await transition(response.id, { action: 'start' })).status).toBe(200);
  return response.id;
}

describe('removing a bilaga while the answer is being drafted', () => {
  it('the handläggare removes one uploaded by mistake: 204, gone from the list and the store, audited with what it was', async () => {
    const id = await draftingAnswer();
    const kept = await upload(id, { name: 'Karta.pdf', data: fixtures.pdf(), type: 'application/pdf' }, 'handlaggare.sodermalm');
    const mistake = await upload(id, { name: 'Fel fil.txt', data: fixtures.text(), type: 'text/plain' }, 'handlaggare.sodermalm', { description: 'Råa siffror' });
    expect([kept.status, mistake.status, mistake.body.answerDocument]).toEqual([201, 201, false]);
    const key = await storageKeyOf(mistake.body.id);
    expect(existsSync(join(storageDir, key))).toBe(true);

    const removed = await remove(id, mistake.body.id, 'handlaggare.sodermalm');
    expect(removed.status).toBe(204);
    expect(await listed(id)).toEqual(['Karta.pdf']);
    expect((await request(t.app).get(`${files(id)}/${mistake.body.id}/content`).set(auth['handlaggare.sodermalm'])).status).toBe(404);
    expect(existsSync(join(storageDir, key))).toBe(false);
    expect((await remove(id, mistake.body.id, 'handlaggare.sodermalm')).status).toBe(404);

    const events = (await request(t.app).get(`/api/audit?entityType=attachment&entityId=${mistake.body.id}`).set(auth.admin)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['attachment.deleted', 'attachment.uploaded']);
    const [{ id: sodermalm }] = await t.dataSource.query("SELECT id FROM organisations WHERE register_key = 'sdn-sodermalm'");
    expect(events[0]).toMatchObject({ actorUsername: 'handlaggare.sodermalm', organisationId: sodermalm, before: { ...mistake.body, responseId: id }, after: null });
  });

  it('the attestant and an admin may remove one too; a colleague’s upload is the organisation’s, not the uploader’s', async () => {
    const id = await draftingAnswer();
    const first = await upload(id, { name: 'Ett.txt', data: fixtures.text() }, 'handlaggare.sodermalm');
    const second = await upload(id, { name: 'Två.txt', data: fixtures.text() }, 'attestant.sodermalm');
    expect((await remove(id, first.body.id, 'attestant.sodermalm')).status).toBe(204);
    expect((await remove(id, second.body.id, 'admin')).status).toBe(204);
    expect(await listed(id)).toEqual([]);
  });

  it('another organisation gets 404 as if the draft did not exist; roles without the right get 403; nothing is removed', async () => {
    const id = await draftingAnswer();
    const bilaga = await upload(id, { name: 'Underlag.pdf', data: fixtures.pdf() }, 'handlaggare.sodermalm');
    const other = await remove(id, bilaga.body.id, 'handlaggare.norrainnerstaden');
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    for (const who of ['registrator', 'coordinator', 'reader']) expect({ who, status: (await remove(id, bilaga.body.id, who)).status }).toEqual({ who, status: 403 });
    // An unknown file, or one of another response, is 404 to the organisation itself.
    const elsewhere = await draftingAnswer();
    expect((await remove(elsewhere, bilaga.body.id, 'handlaggare.sodermalm')).status).toBe(404);
    expect((await remove(id, '00000000-0000-4000-8000-000000000000', 'handlaggare.sodermalm')).status).toBe(404);
    expect(await listed(id)).toEqual(['Underlag.pdf']);
  });

  it('refuses the answer document a registrator recorded (409), for the handläggare and an admin alike', async () => {
    const id = await draftingAnswer();
    const answer = await upload(id, { name: 'Svaret på papper.pdf', data: fixtures.pdf() }, 'registrator');
    expect(answer.body.answerDocument).toBe(true);
    for (const who of ['handlaggare.sodermalm', 'admin']) {
      const refused = await remove(id, answer.body.id, who);
      expect({ who, status: refused.status, type: refused.body.type }).toEqual({ who, status: 409, type: expect.stringMatching(/answer-document$/) });
    }
    expect(await listed(id)).toEqual(['Svaret på papper.pdf']);
    expect(existsSync(join(storageDir, await storageKeyOf(answer.body.id)))).toBe(true);
  });
});

describe('once the answer has left drafting', () => {
  it('409 in review, after the decision and after submission; the protokollsutdrag is no bilaga (404); the bilaga stays', async () => {
    const id = await draftingAnswer();
    const bilaga = await upload(id, { name: 'Bilaga 1.pdf', data: fixtures.pdf() }, 'handlaggare.sodermalm');
    const current = await request(t.app).get(`/api/responses/${id}/statement`).set(auth['handlaggare.sodermalm']);
    const { header, signatories, enclosures, sections } = current.body;
    const filled = sections.map(({ key, heading }: { key: string; heading: string }) => ({ key, heading, body: [{ type: 'paragraph', content: [{ text: `Text i ${heading}.` }] }], stance: null }));
    const saved = await request(t.app).put(`/api/responses/${id}/statement`).set(auth['handlaggare.sodermalm']).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance: 'tillstyrker', sections: filled });
    expect(saved.status).toBe(200);

    const expectLocked = async (status: string) => {
      const refused = await remove(id, bilaga.body.id, 'handlaggare.sodermalm');
      expect({ status, answer: refused.status, type: refused.body.type }).toEqual({ status, answer: 409, type: expect.stringMatching(/bilagor-locked$/) });
      // Nor is one added: it could never be removed again.
      const added = await upload(id, { name: 'Sent bilaga.pdf', data: fixtures.pdf() }, 'handlaggare.sodermalm');
      expect({ status, upload: added.status, type: added.body.type }).toEqual({ status, upload: 409, type: expect.stringMatching(/bilagor-locked$/) });
    };
    expect((await transition(id, { action: 'submit_for_review' })).status).toBe(200);
    await expectLocked('in_review');
    expect((await transition(id, { action: 'approve' }, 'attestant.sodermalm')).status).toBe(200);
    const decided = await transition(id, { action: 'decide', meetingDate: '2026-11-19', paragraph: '§ 7', outcome: 'approved_as_proposed', decisionText: 'Enligt förslaget.' }, 'attestant.sodermalm');
    expect(decided.status).toBe(200);
    await expectLocked('decided');

    const extract = multipart({ name: 'Protokollsutdrag § 7.pdf', data: fixtures.pdf(), type: 'application/pdf' });
    const protokoll = await request(t.app).post(`/api/responses/${id}/decisions/${decided.body.decisions[0].id}/protokollsutdrag`).set(auth['attestant.sodermalm']).set('content-type', extract.contentType).send(extract.body);
    expect(protokoll.status).toBe(201);
    expect((await remove(id, protokoll.body.id, 'attestant.sodermalm')).status).toBe(404);

    expect((await transition(id, { action: 'submit', submittedDate: todayInStockholm() })).status).toBe(200);
    await expectLocked('submitted');
    expect((await remove(id, bilaga.body.id, 'admin')).status).toBe(409);
    expect(await listed(id)).toEqual(['Bilaga 1.pdf']);
    expect((await request(t.app).get(`${files(id)}/${bilaga.body.id}/content`).set(auth.reader)).status).toBe(200);
  });
});
