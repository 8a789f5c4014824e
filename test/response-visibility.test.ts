import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { todayInStockholm } from '../src/shared/dates';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';
import { fixtures, multipart } from './support/upload-fixtures';

// Another organisation's response before it has answered: no more than the status board shows.
// And a statement goes to review only with an overall ställningstagande.

let t: TestApp;
let sandbox: string;
const auth: Record<string, Record<string, string>> = {};
let consultationId: string;
let sodermalm: string;
let ostermalm: string;
const DECISION_TEXT = 'Stadsdelsnämnden beslutade enligt förvaltningens förslag, med en särskild reservation om parkerna.';
const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text }] }];

const transition = (id: string, body: object, who: string) => request(t.app).post(`/api/responses/${id}/transitions`).set(auth[who]).send(body);
const getResponse = (id: string, who: string) => request(t.app).get(`/api/responses/${id}`).set(auth[who]);

/** Writes every section and the given overall stance through a whole-statement save. */
async function fillStatement(id: string, stance: string | null, who = 'handlaggare.sodermalm') {
  const current = await request(t.app).get(`/api/responses/${id}/statement`).set(auth[who]);
  const { header, signatories, enclosures, sections } = current.body;
  const filled = sections.map(({ key, heading }: { key: string; heading: string }) => ({ key, heading, body: paragraph(`Text i ${heading}.`), stance: null }));
  const saved = await request(t.app).put(`/api/responses/${id}/statement`).set(auth[who]).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance, sections: filled });
  expect(saved.status).toBe(200);
}

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-visibility-'));
  t = await startTestApp({ STORAGE_DIR: join(sandbox, 'files') });
  const admin = bearer(await t.login('admin'));
  const ostermalmForvaltning = await organisationId(t.dataSource, 'sdf-ostermalm');
  const created = await request(t.app)
    .post('/api/users')
    .set(admin)
    .send({ username: 'attestant.ostermalm.test', name: 'Otto Attest', organisationId: ostermalmForvaltning, roles: ['attestant'], password: TEST_PASSWORD });
  expect(created.status).toBe(201);
  for (const username of ['admin', 'registrator', 'reader', 'coordinator', 'handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.ostermalm', 'attestant.ostermalm.test']) {
    auth[username] = bearer(await t.login(username));
  }
  // A remiss of 2020 that both Södermalm and Östermalm received, coordinated by socialförvaltningen.
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: '2099-12-01' });
  consultationId = remiss.id;
  sodermalm = (await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') })).response.id;
  ostermalm = (await addRecipient(t.dataSource, remiss.id, 'sdn-ostermalm', { sentAt: new Date('2020-08-28') })).response.id;
});
afterAll(async () => {
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

const OTHERS = ['handlaggare.ostermalm', 'attestant.ostermalm.test', 'coordinator', 'registrator', 'reader'];

/** The status board's row for the response, as the same caller sees it. */
async function boardRow(id: string, who: string) {
  const board = await request(t.app).get(`/api/consultations/${consultationId}/recipients`).set(auth[who]);
  expect(board.status).toBe(200);
  return board.body.items.find((row: { responseId: string }) => row.responseId === id);
}

async function expectStatusOnly(id: string, who: string) {
  const res = await getResponse(id, who);
  expect({ who, status: res.status }).toEqual({ who, status: 200 });
  const row = await boardRow(id, who);
  expect({ who, body: res.body }).toEqual({
    who,
    body: {
      id,
      visibility: 'status',
      status: row.status,
      consultation: expect.objectContaining({ id: consultationId }),
      recipient: { id: row.id, organisation: { id: row.organisation.id, name: row.organisation.name }, dueDate: row.dueDate },
      answeredDate: row.answeredDate,
      late: row.late,
      assignee: null,
      reason: null,
      declinedReason: null,
      stance: null,
      receivedExternally: false,
      sharedWithCoordinator: null,
      hasStatement: null,
      approvals: [],
      decisions: [],
      timeline: [],
      version: null,
    },
  });
  expect(res.headers.etag).toBeUndefined();
  // Nor the board row: who works on it is the organisation's own.
  expect({ who, assignee: row.assignee }).toEqual({ who, assignee: null });
  const text = JSON.stringify(res.body);
  for (const secret of [DECISION_TEXT, 'Arvid Malmsten', 'Hanna Söderberg', 'Östen Strandberg', '§ 7']) expect({ who, leaks: text.includes(secret) }).toEqual({ who, leaks: false });
}

describe("another organisation's response while it is being drafted, attested and decided", () => {
  it('shows the answering organisation everything, and others only what the status board shows', async () => {
    expect((await transition(sodermalm, { action: 'start' }, 'handlaggare.sodermalm')).status).toBe(200);
    await fillStatement(sodermalm, 'tillstyrker');
    expect((await transition(sodermalm, { action: 'submit_for_review' }, 'handlaggare.sodermalm')).status).toBe(200);
    expect((await transition(sodermalm, { action: 'approve' }, 'attestant.sodermalm')).status).toBe(200);
    const decided = await transition(sodermalm, { action: 'decide', meetingDate: '2020-11-19', paragraph: '§ 7', outcome: 'approved_as_proposed', decisionText: DECISION_TEXT }, 'attestant.sodermalm');
    expect(decided.status).toBe(200);

    for (const own of ['handlaggare.sodermalm', 'attestant.sodermalm', 'admin']) {
      const res = await getResponse(sodermalm, own);
      expect({ own, body: res.body }).toMatchObject({
        own,
        body: { visibility: 'full', status: 'decided', assignee: { name: 'Hanna Söderberg' }, hasStatement: true, approvals: [{ name: 'Arvid Malmsten' }], decisions: [{ paragraph: '§ 7', decisionText: DECISION_TEXT }] },
      });
      expect(res.body.timeline.map((e: { detail: { to?: string } | null }) => e.detail?.to).filter(Boolean)).toEqual(['drafting', 'in_review', 'approved', 'decided']);
      expect(res.headers.etag).toBe(`"v${res.body.version}"`);
    }
    for (const who of OTHERS) await expectStatusOnly(sodermalm, who);

    // The decision's protokollsutdrag follows the decision: the organisation's own until it answers.
    const { body, contentType } = multipart({ name: 'Protokollsutdrag § 7.pdf', data: fixtures.pdf() });
    const decisionId = decided.body.decisions[0].id;
    const protokoll = `/api/responses/${sodermalm}/decisions/${decisionId}/protokollsutdrag`;
    expect((await request(t.app).post(protokoll).set(auth['attestant.sodermalm']).set('content-type', contentType).send(body)).status).toBe(201);
    expect((await request(t.app).get(protokoll).set(auth['handlaggare.sodermalm'])).status).toBe(200);
    for (const who of OTHERS) expect({ who, status: (await request(t.app).get(protokoll).set(auth[who])).status }).toEqual({ who, status: 404 });
  });

  it('a draft shared with the coordinator opens its text to the coordinator, not the organisation’s internal steps', async () => {
    const current = await getResponse(sodermalm, 'handlaggare.sodermalm');
    // Shared while decided: sharing is the organisation's choice at any stage before the answer.
    const shared = await request(t.app).patch(`/api/responses/${sodermalm}`).set(auth['handlaggare.sodermalm']).set('If-Match', current.headers.etag).send({ sharedWithCoordinator: true });
    expect(shared.status).toBe(200);
    expect((await request(t.app).get(`/api/responses/${sodermalm}/statement`).set(auth.coordinator)).status).toBe(200);
    await expectStatusOnly(sodermalm, 'coordinator');
    const decisionId = current.body.decisions[0].id;
    expect((await request(t.app).get(`/api/responses/${sodermalm}/decisions/${decisionId}/protokollsutdrag`).set(auth.coordinator)).status).toBe(404);
    expect((await request(t.app).get(`/api/responses/${sodermalm}/statement`).set(auth['handlaggare.ostermalm'])).status).toBe(404);
  });

  it('once submitted, the answer and its history are a public record for everyone who may read the remiss', async () => {
    expect((await transition(sodermalm, { action: 'submit', submittedDate: todayInStockholm() }, 'handlaggare.sodermalm')).status).toBe(200);
    for (const who of OTHERS) {
      const res = await getResponse(sodermalm, who);
      expect({ who, body: res.body }).toMatchObject({ who, body: { visibility: 'full', status: 'submitted', assignee: { name: 'Hanna Söderberg' }, stance: 'tillstyrker', decisions: [{ decisionText: DECISION_TEXT }], approvals: [{ name: 'Arvid Malmsten' }] } });
      expect(res.body.timeline.length).toBeGreaterThan(4);
      const protokoll = `/api/responses/${sodermalm}/decisions/${res.body.decisions[0].id}/protokollsutdrag`;
      expect({ who, status: (await request(t.app).get(protokoll).set(auth[who])).status }).toEqual({ who, status: 200 });
    }
  });

  it('hides Östermalm’s not-started and drafting response from Södermalm the same way', async () => {
    await expectStatusOnly(ostermalm, 'handlaggare.sodermalm');
    expect((await transition(ostermalm, { action: 'start' }, 'handlaggare.ostermalm')).status).toBe(200);
    for (const who of ['handlaggare.sodermalm', 'attestant.sodermalm', 'coordinator', 'registrator', 'reader']) await expectStatusOnly(ostermalm, who);
    expect((await getResponse(ostermalm, 'attestant.ostermalm.test')).body.visibility).toBe('full');
  });
});

describe('the overall ställningstagande', () => {
  it('must be chosen before the statement goes to review; the compilation then shows it', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: '2099-12-01' });
    const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    expect((await transition(response.id, { action: 'start' }, 'handlaggare.sodermalm')).status).toBe(200);
    await fillStatement(response.id, null);
    const before = (await getResponse(response.id, 'handlaggare.sodermalm')).body;
    const refused = await transition(response.id, { action: 'submit_for_review' }, 'handlaggare.sodermalm');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toMatch(/stance-missing$/);
    expect(refused.body.detail).toMatch(/ställningstagande/);
    const after = (await getResponse(response.id, 'handlaggare.sodermalm')).body;
    expect({ status: after.status, version: after.version, timeline: after.timeline.length }).toEqual({ status: 'drafting', version: before.version, timeline: before.timeline.length });

    await fillStatement(response.id, 'avstyrker');
    expect((await transition(response.id, { action: 'submit_for_review' }, 'handlaggare.sodermalm')).status).toBe(200);
    expect((await transition(response.id, { action: 'approve' }, 'attestant.sodermalm')).status).toBe(200);
    expect((await transition(response.id, { action: 'decide', meetingDate: '2020-11-19', paragraph: '§ 8', outcome: 'approved_as_proposed', decisionText: 'Enligt förslaget.' }, 'attestant.sodermalm')).status).toBe(200);
    expect((await transition(response.id, { action: 'submit' }, 'handlaggare.sodermalm')).status).toBe(200);
    const compilation = await request(t.app).get(`/api/consultations/${remiss.id}/compilation`).set(auth.coordinator);
    expect(compilation.status).toBe(200);
    expect(compilation.body.matrix.map((row: { organisation: { name: string }; stance: string | null }) => [row.organisation.name, row.stance])).toEqual([['Södermalms stadsdelsnämnd', 'avstyrker']]);
  });
});
