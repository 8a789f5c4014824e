import request from 'supertest';
import { BACKFILL_ASSIGNEES_SQL } from '../migrations/1765700000000-ResponseAssignee';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';

/*
 * Tilldela (issue 13): a response's assignee is whoever of the answering organisation started it,
 * and the organisation's handläggare and attestanter (and admins) give it to another of its active
 * handläggare or attestanter. Shown to the organisation (response, status board, deadlines) and
 * hidden from others until the response has answered, like the rest of its working material.
 */
let t: TestApp;
const auth: Record<string, Record<string, string>> = {};
const userIds: Record<string, string> = {};
let coordinatorId: string;

const SODERMALM = 'Södermalms stadsdelsnämnd';
const HANNA = 'Hanna Söderberg';
const get = (path: string, who: string) => request(t.app).get(path).set(auth[who]);
const transition = (id: string, body: object, who: string) => request(t.app).post(`/api/responses/${id}/transitions`).set(auth[who]).send(body);
const assign = (id: string, assigneeId: string, who: string, etag?: string) => {
  const req = request(t.app).put(`/api/responses/${id}/assignee`).set(auth[who]);
  return (etag ? req.set('If-Match', etag) : req).send({ assigneeId });
};
const etagOf = async (id: string, who = 'handlaggare.sodermalm') => (await get(`/api/responses/${id}`, who)).headers.etag as string;
const audits = async (id: string) =>
  (await get(`/api/audit?entityType=response&entityId=${id}&action=response.assigned`, 'admin')).body.items as Array<{ actorUserId: string; before: unknown; after: unknown }>;

/** An open remiss coordinated by socialförvaltningen, sent to these organisations; their response ids in order. */
async function remissTo(...organisationKeys: string[]): Promise<{ consultationId: string; responses: string[] }> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01', coordinatorId });
  const responses: string[] = [];
  for (const key of organisationKeys) responses.push((await addRecipient(t.dataSource, remiss.id, key, { sentAt: new Date('2026-09-01T08:00:00Z') })).response.id);
  return { consultationId: remiss.id, responses };
}
const newResponse = async () => (await remissTo('sdn-sodermalm')).responses[0];

async function createUser(username: string, name: string, organisationKey: string, roles: string[]): Promise<string> {
  const created = await request(t.app).post('/api/users').set(auth.admin).send({ username, name, title: 'Utredare', organisationId: await organisationId(t.dataSource, organisationKey), roles, password: TEST_PASSWORD });
  expect(created.status).toBe(201);
  return created.body.id;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const username of ['admin', 'registrator', 'coordinator', 'reader', 'handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.norrainnerstaden']) {
    auth[username] = bearer(await t.login(username));
    userIds[username] = (await get('/api/auth/me', username)).body.user.id;
  }
  // Södermalm's staff as the förvaltning has them: another handläggare, one who has left, one who only reads.
  userIds.stina = await createUser('stina.sodermalm', 'Stina Ny', 'sdf-sodermalm', ['handlaggare']);
  userIds.left = await createUser('slutat.sodermalm', 'Sven Slutat', 'sdf-sodermalm', ['handlaggare']);
  userIds.onlyReads = await createUser('lasare.sodermalm', 'Lisa Läser', 'sdf-sodermalm', ['reader']);
  const left = await get(`/api/users/${userIds.left}`, 'admin');
  expect((await request(t.app).patch(`/api/users/${userIds.left}`).set(auth.admin).set('If-Match', left.headers.etag).send({ active: false })).status).toBe(200);
  auth.stina = bearer(await t.login('stina.sodermalm'));
  coordinatorId = await organisationId(t.dataSource, 'socialforvaltningen');
});
afterAll(() => t.close());

describe('the default assignee', () => {
  it('is whoever of the organisation starts the response, audited', async () => {
    const id = await newResponse();
    expect((await get(`/api/responses/${id}`, 'handlaggare.sodermalm')).body.assignee).toBeNull();
    const started = await transition(id, { action: 'start' }, 'handlaggare.sodermalm');
    expect(started.status).toBe(200);
    expect(started.body.assignee).toEqual({ id: userIds['handlaggare.sodermalm'], name: HANNA, title: 'Utredare' });
    expect(await audits(id)).toEqual([expect.objectContaining({ actorUserId: userIds['handlaggare.sodermalm'], before: { assigneeId: null }, after: { assigneeId: userIds['handlaggare.sodermalm'], reason: 'start' } })]);
  });

  it('is whoever first saves the statement when someone outside the organisation started it', async () => {
    const id = await newResponse();
    expect((await transition(id, { action: 'start' }, 'admin')).body.assignee).toBeNull();
    const section = `/api/responses/${id}/statement/sections/sammanfattning`;
    const etag = (await get(section, 'stina')).headers.etag;
    expect((await request(t.app).put(section).set(auth.stina).set('If-Match', etag).send({ body: [{ type: 'paragraph', content: [{ text: 'Ett första utkast.' }] }] })).status).toBe(200);
    expect((await get(`/api/responses/${id}`, 'handlaggare.sodermalm')).body.assignee).toMatchObject({ id: userIds.stina, name: 'Stina Ny' });
    expect(await audits(id)).toEqual([expect.objectContaining({ after: { assigneeId: userIds.stina, reason: 'first_save' } })]);
    // Later saves by others leave it as it is.
    const again = (await get(section, 'handlaggare.sodermalm')).headers.etag;
    expect((await request(t.app).put(section).set(auth['handlaggare.sodermalm']).set('If-Match', again).send({ body: [{ type: 'paragraph', content: [{ text: 'Ett andra utkast.' }] }] })).status).toBe(200);
    expect((await get(`/api/responses/${id}`, 'handlaggare.sodermalm')).body.assignee.id).toBe(userIds.stina);
  });

  it('is nobody when a registrator records an answer from paper', async () => {
    const id = await newResponse();
    expect((await transition(id, { action: 'record_external', receivedDate: '2026-10-01', stance: 'tillstyrker' }, 'registrator')).body.assignee).toBeNull();
    expect((await get(`/api/responses/${id}`, 'handlaggare.sodermalm')).body.assignee).toBeNull();
  });

  it('is filled in for responses started before assignees existed: the migration reads who started them', async () => {
    const started = await newResponse();
    expect((await transition(started, { action: 'start' }, 'handlaggare.sodermalm')).status).toBe(200);
    const byAdmin = await newResponse();
    expect((await transition(byAdmin, { action: 'start' }, 'admin')).status).toBe(200);
    await t.dataSource.query(`UPDATE responses SET assignee_id = NULL WHERE id = ANY($1::uuid[])`, [[started, byAdmin]]);
    await t.dataSource.query(BACKFILL_ASSIGNEES_SQL);
    const rows = await t.dataSource.query(`SELECT id, assignee_id FROM responses WHERE id = ANY($1::uuid[])`, [[started, byAdmin]]);
    expect(Object.fromEntries(rows.map((r: { id: string; assignee_id: string | null }) => [r.id, r.assignee_id]))).toEqual({ [started]: userIds['handlaggare.sodermalm'], [byAdmin]: null });
  });
});

describe('Tilldela', () => {
  let id: string;
  beforeAll(async () => {
    id = await newResponse();
    expect((await transition(id, { action: 'start' }, 'handlaggare.sodermalm')).status).toBe(200);
  });

  it('lists the organisation’s active handläggare and attestanter by name, for the organisation and admins only', async () => {
    const candidates = await get(`/api/responses/${id}/assignee-candidates`, 'attestant.sodermalm');
    expect(candidates.status).toBe(200);
    expect(candidates.body.items.map((c: { name: string; roles: string[] }) => [c.name, c.roles])).toEqual([
      ['Arvid Malmsten', ['attestant']],
      [HANNA, ['handlaggare']],
      ['Stina Ny', ['handlaggare']],
    ]);
    expect(candidates.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect((await get(`/api/responses/${id}/assignee-candidates`, 'admin')).body.total).toBe(3);
    expect((await get(`/api/responses/${id}/assignee-candidates`, 'handlaggare.norrainnerstaden')).status).toBe(404);
    for (const who of ['registrator', 'coordinator', 'reader']) expect({ who, status: (await get(`/api/responses/${id}/assignee-candidates`, who)).status }).toEqual({ who, status: 403 });
  });

  it('gives the response to another handläggare with the ETag, audited, and answers the response with its new ETag', async () => {
    const before = await get(`/api/responses/${id}`, 'attestant.sodermalm');
    expect((await assign(id, userIds.stina, 'attestant.sodermalm')).status).toBe(428);
    expect((await assign(id, userIds.stina, 'attestant.sodermalm', '"v1"')).status).toBe(412);
    const res = await assign(id, userIds.stina, 'attestant.sodermalm', before.headers.etag);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignee: { id: userIds.stina, name: 'Stina Ny', title: 'Utredare' }, version: before.body.version + 1 });
    expect(res.headers.etag).toBe(`"v${before.body.version + 1}"`);
    expect((await audits(id)).find((e) => (e.after as { reason: string }).reason === 'assigned')).toMatchObject({
      actorUserId: userIds['attestant.sodermalm'],
      before: { assigneeId: userIds['handlaggare.sodermalm'] },
      after: { assigneeId: userIds.stina, reason: 'assigned' },
    });
    // Assigning the one already assigned changes nothing.
    const same = await assign(id, userIds.stina, 'stina', res.headers.etag);
    expect([same.status, same.body.version]).toEqual([200, res.body.version]);
    // An admin may too.
    expect((await assign(id, userIds['handlaggare.sodermalm'], 'admin', res.headers.etag)).body.assignee.name).toBe(HANNA);
  });

  it('refuses anyone but an active handläggare or attestant of the organisation with 400 naming the field, and changes nothing', async () => {
    const etag = await etagOf(id);
    const cases: Array<[string, string]> = [
      [userIds['handlaggare.norrainnerstaden'], `is not a user of ${SODERMALM} (its nämnd or förvaltning)`],
      [userIds.left, 'is Sven Slutat, whose account is deactivated'],
      [userIds.onlyReads, 'is Lisa Läser, who is neither handläggare nor attestant'],
      [userIds.admin, `is not a user of ${SODERMALM} (its nämnd or förvaltning)`],
      ['00000000-0000-4000-8000-000000000000', 'is not a user'],
    ];
    for (const [assigneeId, message] of cases) {
      const res = await assign(id, assigneeId, 'handlaggare.sodermalm', etag);
      expect({ status: res.status, detail: res.body.detail, errors: res.body.errors }).toEqual({
        status: 400,
        detail: `The response can be assigned only to an active handläggare or attestant of ${SODERMALM}.`,
        errors: [{ path: 'body.assigneeId', message }],
      });
    }
    const malformed = await assign(id, 'nope', 'handlaggare.sodermalm', etag);
    expect([malformed.status, malformed.body.errors]).toEqual([400, [{ path: 'body.assigneeId', message: 'must be a UUID' }]]);
    expect(await etagOf(id)).toBe(etag);
  });

  it('is the organisation’s own: another organisation gets 404, other roles 403', async () => {
    const etag = await etagOf(id);
    expect((await assign(id, userIds['handlaggare.norrainnerstaden'], 'handlaggare.norrainnerstaden', etag)).status).toBe(404);
    for (const who of ['registrator', 'coordinator', 'reader']) expect({ who, status: (await assign(id, userIds.stina, who, etag)).status }).toEqual({ who, status: 403 });
    expect(await etagOf(id)).toBe(etag);
  });
});

describe('who sees the assignee', () => {
  /** Södermalm and Norra innerstaden drafting on one remiss; Södermalm declined (answered) on another. */
  let open: string;
  let drafting: string;
  let norra: string;
  let answered: string;
  let declined: string;
  beforeAll(async () => {
    ({ consultationId: open, responses: [drafting, norra] } = await remissTo('sdn-sodermalm', 'sdn-norra-innerstaden'));
    expect((await transition(drafting, { action: 'start' }, 'handlaggare.sodermalm')).status).toBe(200);
    expect((await transition(norra, { action: 'start' }, 'handlaggare.norrainnerstaden')).status).toBe(200);
    // Norra innerstaden received it too, so its handläggare may read it.
    ({ consultationId: answered, responses: [declined] } = await remissTo('sdn-sodermalm', 'sdn-norra-innerstaden'));
    expect((await transition(declined, { action: 'decline', reason: 'Berör inte nämnden.' }, 'attestant.sodermalm')).status).toBe(200);
  });

  const boardRows = async (who: string, consultationId = open) => {
    const board = await get(`/api/consultations/${consultationId}/recipients?limit=1000`, who);
    expect(board.status).toBe(200);
    return new Map<string, { assignee: { name: string } | null }>(board.body.items.map((row: { responseId: string }) => [row.responseId, row]));
  };

  it('the organisation and admins on the response, the status board and the deadlines; others only once it has answered', async () => {
    for (const who of ['handlaggare.sodermalm', 'attestant.sodermalm', 'admin']) {
      expect({ who, assignee: (await get(`/api/responses/${drafting}`, who)).body.assignee?.name }).toEqual({ who, assignee: HANNA });
      expect({ who, assignee: (await boardRows(who)).get(drafting)?.assignee?.name }).toEqual({ who, assignee: HANNA });
    }
    for (const who of ['handlaggare.norrainnerstaden', 'registrator', 'coordinator', 'reader']) {
      const res = await get(`/api/responses/${drafting}`, who);
      expect({ who, visibility: res.body.visibility, assignee: res.body.assignee }).toEqual({ who, visibility: 'status', assignee: null });
      expect({ who, drafting: (await boardRows(who)).get(drafting)?.assignee }).toEqual({ who, drafting: null });
      // Answered (avstår, by Södermalm's attestant): its history, the assignee included, is a public record.
      expect({ who, declined: (await boardRows(who, answered)).get(declined)?.assignee?.name }).toEqual({ who, declined: 'Arvid Malmsten' });
      expect({ who, declined: (await get(`/api/responses/${declined}`, who)).body.assignee?.name }).toEqual({ who, declined: 'Arvid Malmsten' });
    }
    // Norra innerstaden sees its own, Södermalm not Norra innerstaden's.
    expect((await boardRows('handlaggare.norrainnerstaden')).get(norra)?.assignee?.name).toBe('Nora Vasström');
    expect((await boardRows('handlaggare.sodermalm')).get(norra)?.assignee).toBeNull();

    const deadlines = async (who: string, query = '') => {
      const res = await get(`/api/deadlines?consultationId=${open}&limit=200${query}`, who);
      expect(res.status).toBe(200);
      return new Map<string, { assignee: { name: string } | null }>(res.body.items.map((row: { responseId: string }) => [row.responseId, row]));
    };
    expect((await deadlines('handlaggare.sodermalm')).get(drafting)?.assignee?.name).toBe(HANNA);
    expect((await deadlines('admin', '&scope=all')).get(drafting)?.assignee?.name).toBe(HANNA);
    expect((await deadlines('registrator')).get(drafting)?.assignee).toBeNull();
    expect((await deadlines('coordinator')).get(drafting)?.assignee).toBeNull();
    expect((await deadlines('handlaggare.norrainnerstaden')).get(norra)?.assignee?.name).toBe('Nora Vasström');
  });

  it('stays as it was once the response has answered: the record is not reassigned', async () => {
    const res = await assign(declined, userIds.stina, 'attestant.sodermalm', await etagOf(declined, 'attestant.sodermalm'));
    expect([res.status, res.body.detail]).toEqual([409, 'The response has been answered (declined); whom it was assigned to is part of the record now.']);
  });
});
