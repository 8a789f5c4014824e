import request from 'supertest';
import { seedDistributionLists } from '../src/distribution-lists/seed-lists';
import { organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let registrator: Record<string, string>;
let ids: Record<string, string>;
let allaSdn: string;
beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  ids = {};
  for (const key of ['kommunstyrelsen', 'socialforvaltningen', 'unizon', 'roks', 'origo', 'sdn-sodermalm', 'sdn-norra-innerstaden', 'ks-pensionarsrad']) ids[key] = await organisationId(t.dataSource, key);
  const lists = await request(t.app).get('/api/distribution-lists?q=Alla stadsdelsnämnder').set(registrator);
  allaSdn = lists.body.items[0].id;
});
afterAll(() => t.close());

async function draft(caseNumber: string, overrides: object = {}): Promise<string> {
  const res = await request(t.app)
    .post('/api/consultations')
    .set(registrator)
    .send({ caseNumber, title: `Remiss ${caseNumber}`, kind: 'program', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate: '2026-01-10', dueDate: '2026-06-30', ...overrides });
  expect(res.status).toBe(201);
  return res.body.id;
}
const addRecipients = (id: string, body: object) => request(t.app).post(`/api/consultations/${id}/recipients`).set(registrator).send(body);
const board = (id: string, auth = registrator) => request(t.app).get(`/api/consultations/${id}/recipients`).set(auth);
const send = (id: string) => request(t.app).post(`/api/consultations/${id}/send`).set(registrator);

describe('sändlistor', () => {
  it("are seeded: Alla stadsdelsnämnder with today's 11 members in order, and the KS 2020/924 list", async () => {
    const list = await request(t.app).get(`/api/distribution-lists/${allaSdn}`).set(registrator);
    expect(list.body.memberCount).toBe(11);
    expect(list.body.members[0].name).toBe('Järva stadsdelsnämnd');
    const ks924 = await request(t.app).get('/api/distribution-lists?q=KS 2020/924').set(registrator);
    expect(ks924.body.items[0].memberCount).toBeGreaterThan(40);
  });

  it('a seeded list that was deleted stays deleted at the next start, and a hand-made list of its name does not stop the start', async () => {
    const facknamnder = (await request(t.app).get('/api/distribution-lists?q=Alla facknämnder').set(registrator)).body.items[0];
    expect((await request(t.app).delete(`/api/distribution-lists/${facknamnder.id}`).set(registrator)).status).toBe(204);
    const own = await request(t.app).post('/api/distribution-lists').set(registrator).send({ name: 'Alla facknämnder', organisationIds: [ids['sdn-sodermalm']] });
    expect(own.status).toBe(201);
    expect(await seedDistributionLists(t.dataSource)).toBe(0);
    const now = (await request(t.app).get('/api/distribution-lists?q=Alla facknämnder').set(registrator)).body.items;
    expect(now.map((l: { id: string }) => l.id)).toEqual([own.body.id]);
  });

  it('can be created, refused with duplicates or unknown members, and replaced with If-Match', async () => {
    const created = await request(t.app).post('/api/distribution-lists').set(registrator).send({ name: 'Kvinnojourer', organisationIds: [ids.unizon, ids.roks] });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: { name: string }) => m.name)).toEqual(['Unizon', expect.stringContaining('kvinnojourer')]);
    expect((await request(t.app).post('/api/distribution-lists').set(registrator).send({ name: 'KVINNOJOURER', organisationIds: [] })).status).toBe(409);
    expect((await request(t.app).post('/api/distribution-lists').set(registrator).send({ name: 'Dubbel', organisationIds: [ids.unizon, ids.unizon] })).status).toBe(400);
    const updated = await request(t.app).patch(`/api/distribution-lists/${created.body.id}`).set(registrator).set('If-Match', '"v1"').send({ organisationIds: [ids.roks] });
    expect(updated.body.memberCount).toBe(1);
  });
});

describe('distribution and sending', () => {
  it('sends a remiss to Alla stadsdelsnämnder plus three external bodies, with deadline warnings', async () => {
    const id = await draft('KS 2026/100', { dueDate: '2026-03-01' });
    const notReady = await send(id);
    expect(notReady.status).toBe(422);
    expect(notReady.body.errors).toEqual([{ path: 'recipients', message: 'add at least one recipient before sending' }]);

    const added = await addRecipients(id, { distributionListIds: [allaSdn], organisationIds: [ids.unizon, ids.roks, ids.origo] });
    expect(added.status).toBe(201);
    expect(added.body.added).toHaveLength(14);
    expect(added.body.added.every((r: { status: string }) => r.status === 'not_started')).toBe(true);

    const duplicate = await addRecipients(id, { organisationIds: [ids.unizon] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: 'body.organisationIds.0', message: 'is already a recipient of this remiss' }]);
    const again = await addRecipients(id, { distributionListIds: [allaSdn] });
    expect(again.body).toMatchObject({ added: [] });
    expect(again.body.skipped).toHaveLength(11);
    expect((await board(id)).body.total).toBe(14);

    const sent = await send(id);
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('open');
    expect(sent.body.sentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const codes = sent.body.deadline.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('due_date_not_working_day'); // 2026-03-01 is a Sunday
    expect(sent.body.deadline.warnings.find((w: { code: string }) => w.code === 'due_date_not_working_day').suggestedDueDate).toBe('2026-03-02');

    expect((await send(id)).status).toBe(409);
    const rows = (await board(id)).body.items;
    expect(rows.every((r: { sentAt: string | null }) => r.sentAt)).toBe(true);
    expect(rows[0].lastEvent.type).toBe('sent');
    expect(rows.map((r: { organisation: { name: string } }) => r.organisation.name).slice(-3)).toEqual(['Unizon', expect.stringContaining('kvinnojourer'), expect.stringContaining('Origo')]);
  });

  it('sends recipients added later individually, and keeps sent recipients', async () => {
    const id = await draft('KS 2026/101');
    await addRecipients(id, { organisationIds: [ids['sdn-sodermalm']] });
    await send(id);
    const late = await addRecipients(id, { organisationIds: [ids['ks-pensionarsrad']], role: 'for_information', required: false });
    expect(late.body.added[0]).toMatchObject({ role: 'for_information', required: false, lastEvent: { type: 'sent' } });
    expect(late.body.added[0].sentAt).not.toBeNull();
    const removal = await request(t.app).delete(`/api/consultations/${id}/recipients/${late.body.added[0].id}`).set(registrator);
    expect(removal.status).toBe(409);
  });

  it('removes a recipient before sending', async () => {
    const id = await draft('KS 2026/102');
    const added = await addRecipients(id, { organisationIds: [ids['sdn-sodermalm'], ids['sdn-norra-innerstaden']] });
    expect((await request(t.app).delete(`/api/consultations/${id}/recipients/${added.body.added[0].id}`).set(registrator)).status).toBe(204);
    expect((await board(id)).body.total).toBe(1);
  });

  it('refuses unknown organisations and lists, writing nothing', async () => {
    const id = await draft('KS 2026/103');
    const res = await addRecipients(id, { organisationIds: [ids.unizon, '00000000-0000-4000-8000-000000000000'] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.organisationIds.1', message: 'is not a known organisation' }]);
    expect((await addRecipients(id, { distributionListIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
    expect((await board(id)).body.total).toBe(0);
  });
});

describe('anstånd, status board and deadlines', () => {
  let id: string;
  let sodermalm: { id: string };
  beforeAll(async () => {
    // Sent long ago with a passed deadline, so lateness shows.
    id = await draft('KS 2020/777', { registeredDate: '2020-08-20', dueDate: '2020-12-02' });
    const added = await addRecipients(id, { organisationIds: [ids['sdn-sodermalm'], ids['sdn-norra-innerstaden'], ids.unizon] });
    sodermalm = added.body.added[0];
    await send(id);
  });

  it('grants an extension with reason, kept in history, driving the effective due date', async () => {
    const url = `/api/consultations/${id}/recipients/${sodermalm.id}/extensions`;
    const earlier = await request(t.app).post(url).set(registrator).send({ dueDate: '2020-11-30', reason: 'Tidigare' });
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors[0].message).toContain('2020-12-02');
    const granted = await request(t.app).post(url).set(registrator).send({ dueDate: '2099-12-24', reason: 'Nämndens sammanträde i december' });
    expect(granted.status).toBe(201);
    expect(granted.body.extension).toMatchObject({ dueDate: '2099-12-24', previousDueDate: '2020-12-02', grantedBy: 'Rut Diariesson' });
    expect(granted.body.warnings[0]).toMatchObject({ code: 'due_date_not_working_day', suggestedDueDate: '2099-12-28' });
    expect((await request(t.app).get(url).set(registrator)).body.items).toHaveLength(1);
    expect((await request(t.app).post(url).set(bearer(await t.login('handlaggare.sodermalm'))).send({ dueDate: '2100-01-10', reason: 'Själv' })).status).toBe(403);
  });

  it('derives late flags and counts on the status board', async () => {
    const res = await board(id);
    const byName = Object.fromEntries(res.body.items.map((r: { organisation: { name: string } }) => [r.organisation.name, r]));
    expect(byName['Södermalms stadsdelsnämnd']).toMatchObject({ dueDate: '2099-12-24', extended: true, late: false, lastEvent: { type: 'extension_granted' } });
    expect(byName['Norra innerstadens stadsdelsnämnd']).toMatchObject({ dueDate: '2020-12-02', extended: false, late: true });
    expect(res.body.counts).toMatchObject({ late: 2, byStatus: { not_started: 3 } });
    const lateOnly = await request(t.app).get(`/api/consultations/${id}/recipients?late=true`).set(registrator);
    expect(lateOnly.body.total).toBe(2);
    const overview = await request(t.app).get(`/api/consultations/${id}`).set(registrator);
    expect(overview.body).toMatchObject({ overdue: true, recipients: { total: 3, late: 2 } });
    const overdueList = await request(t.app).get('/api/consultations?overdue=true').set(registrator);
    expect(overdueList.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it("lists deadlines for the handläggare's organisation and for the coordinator, sorted by effective date", async () => {
    const handlaggare = await request(t.app).get('/api/deadlines').set(bearer(await t.login('handlaggare.norrainnerstaden')));
    expect(handlaggare.body.scope).toBe('received');
    expect(new Set(handlaggare.body.items.map((d: { recipient: { organisation: { name: string } } }) => d.recipient.organisation.name))).toEqual(new Set(['Norra innerstadens stadsdelsnämnd']));
    expect(handlaggare.body.items[0]).toMatchObject({ consultation: { id }, dueDate: '2020-12-02', overdue: true, workingDaysRemaining: 0 });
    const coordinator = await request(t.app).get('/api/deadlines').set(bearer(await t.login('coordinator')));
    expect(coordinator.body.scope).toBe('coordinated');
    const dates = coordinator.body.items.map((d: { dueDate: string }) => d.dueDate);
    expect(dates).toEqual([...dates].sort());
    expect(coordinator.body.items.some((d: { dueDate: string }) => d.dueDate === '2099-12-24')).toBe(true);
    const overdueOnly = await request(t.app).get('/api/deadlines?overdue=true&scope=all').set(registrator);
    expect(overdueOnly.body.items.every((d: { overdue: boolean }) => d.overdue)).toBe(true);
    expect((await request(t.app).get('/api/deadlines?scope=all').set(bearer(await t.login('handlaggare.norrainnerstaden')))).status).toBe(403);
  });
});

describe('who sees what', () => {
  it('handläggare see remisser their organisation received once sent; others get 404', async () => {
    const id = await draft('KS 2026/200');
    await addRecipients(id, { organisationIds: [ids['sdn-sodermalm']] });
    const sodermalm = bearer(await t.login('handlaggare.sodermalm'));
    const norraInnerstaden = bearer(await t.login('handlaggare.norrainnerstaden'));
    expect((await request(t.app).get(`/api/consultations/${id}`).set(sodermalm)).status).toBe(404);
    expect((await request(t.app).get(`/api/consultations/${id}`).set(bearer(await t.login('coordinator')))).status).toBe(200);
    await send(id);
    expect((await request(t.app).get(`/api/consultations/${id}`).set(sodermalm)).status).toBe(200);
    expect((await request(t.app).get(`/api/consultations/${id}`).set(norraInnerstaden)).status).toBe(404);
    expect((await board(id, norraInnerstaden)).status).toBe(404);
    const listed = await request(t.app).get('/api/consultations?limit=200').set(norraInnerstaden);
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await request(t.app).get(`/api/consultations/${id}`).set(bearer(await t.login('reader')))).status).toBe(200);
  });
});

describe('status board pages', () => {
  it('keeps the total on a page past the end', async () => {
    const remiss = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator)).body.items[0];
    const first = await request(t.app).get(`/api/consultations/${remiss.id}/recipients?limit=10`).set(registrator);
    const beyond = await request(t.app).get(`/api/consultations/${remiss.id}/recipients?limit=10&offset=500`).set(registrator);
    expect(first.body.items).toHaveLength(10);
    expect(beyond.body.items).toHaveLength(0);
    expect(beyond.body.total).toBe(first.body.total);
    expect(first.body.total).toBeGreaterThan(40);
  });
});
