import request from 'supertest';
import { seedOrganisationRegister } from '../src/organisations/seed-register';
import { todayInStockholm } from '../src/shared/dates';
import { addRecipient, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let registrator: Record<string, string>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  const keys = ['kommunstyrelsen', 'socialforvaltningen', 'unizon', 'sdn-sodermalm', 'sdn-ostermalm', 'sdn-norrmalm', 'sdn-norra-innerstaden', 'sdn-rinkeby-kista', 'sdn-spanga-tensta', 'sdn-jarva', 'sdf-ostermalm', 'sdf-norra-innerstaden', 'sdf-rinkeby-kista'];
  for (const key of keys) ids[key] = await organisationId(t.dataSource, key);
});
afterAll(() => t.close());

type Row = { organisation: { name: string }; viaListId: string | null };
const namesOf = (rows: Row[]) => rows.map((r) => r.organisation.name);
const stadsdelsnamnderOn = async (day: string) =>
  (await request(t.app).get(`/api/organisations?kind=committee&q=stadsdelsnämnd&limit=50&activeOn=${day}`).set(registrator)).body.items.map((o: { name: string }) => o.name);
async function draft(caseNumber: string): Promise<string> {
  const res = await request(t.app)
    .post('/api/consultations')
    .set(registrator)
    .send({ caseNumber, title: `Remiss ${caseNumber}`, kind: 'program', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate: todayInStockholm(), dueDate: '2099-06-30' });
  expect(res.status).toBe(201);
  return res.body.id;
}
const addRecipients = (id: string, body: object) => request(t.app).post(`/api/consultations/${id}/recipients`).set(registrator).send(body);
const board = async (id: string) => (await request(t.app).get(`/api/consultations/${id}/recipients?limit=100`).set(registrator)).body;
const newList = async (name: string, keys: string[]) => (await request(t.app).post('/api/distribution-lists').set(registrator).send({ name, organisationIds: keys.map((k) => ids[k]) })).body.id as string;

describe('the register on a date', () => {
  it('has 14 stadsdelsnämnder before 2020-07-01, 13 in 2021, 11 today', async () => {
    const before2020 = await stadsdelsnamnderOn('2020-06-30');
    expect(before2020).toHaveLength(14);
    expect(before2020).toEqual(expect.arrayContaining(['Hägersten-Liljeholmens stadsdelsnämnd', 'Älvsjö stadsdelsnämnd']));
    expect(before2020).not.toContain('Hägersten-Älvsjö stadsdelsnämnd');
    const in2021 = await stadsdelsnamnderOn('2021-03-01');
    expect(in2021).toHaveLength(13);
    expect(in2021).toEqual(expect.arrayContaining(['Hägersten-Älvsjö stadsdelsnämnd', 'Östermalms stadsdelsnämnd', 'Rinkeby-Kista stadsdelsnämnd']));
    const today = await stadsdelsnamnderOn(todayInStockholm());
    expect(today).toHaveLength(11);
    expect(today).toEqual(expect.arrayContaining(['Järva stadsdelsnämnd', 'Norra innerstadens stadsdelsnämnd']));
    expect(today.filter((n: string) => /Rinkeby|Spånga|Norrmalm|Östermalm/.test(n))).toEqual([]);
  });

  it('records active from/to and the successor, for the nämnd and for its förvaltning', async () => {
    const ostermalm = await request(t.app).get(`/api/organisations/${ids['sdn-ostermalm']}`).set(registrator);
    expect(ostermalm.body).toMatchObject({ activeTo: '2023-06-30', successorId: ids['sdn-norra-innerstaden'], active: false });
    const forvaltning = await request(t.app).get(`/api/organisations/${ids['sdf-ostermalm']}`).set(registrator);
    expect(forvaltning.body).toMatchObject({ activeTo: '2023-06-30', successorId: ids['sdf-norra-innerstaden'] });
    const norraInnerstaden = await request(t.app).get(`/api/organisations/${ids['sdn-norra-innerstaden']}`).set(registrator);
    expect(norraInnerstaden.body).toMatchObject({ activeFrom: '2023-07-01', activeTo: null, successorId: null, active: true });
  });
});

describe('keeping the register', () => {
  it('a database seeded before the register knew of a merger learns it at the next start; a date set by hand stays', async () => {
    await t.dataSource.query(`UPDATE organisations SET active_to = NULL, successor_id = NULL WHERE id = $1`, [ids['sdn-spanga-tensta']]);
    await t.dataSource.query(`UPDATE organisations SET active_to = '2023-06-29' WHERE id = $1`, [ids['sdn-rinkeby-kista']]);
    expect(await seedOrganisationRegister(t.dataSource)).toBe(0);
    const [spanga, rinkeby] = await Promise.all([ids['sdn-spanga-tensta'], ids['sdn-rinkeby-kista']].map(async (id) => (await request(t.app).get(`/api/organisations/${id}`).set(registrator)).body));
    expect(spanga).toMatchObject({ activeTo: '2023-06-30', successorId: ids['sdn-jarva'] });
    expect(rinkeby).toMatchObject({ activeTo: '2023-06-29', successorId: ids['sdn-jarva'] });
    await t.dataSource.query(`UPDATE organisations SET active_to = '2023-06-30' WHERE id = $1`, [ids['sdn-rinkeby-kista']]);
  });

  it('a successor is another known organisation, never one whose successors lead back', async () => {
    const created = await request(t.app).post('/api/organisations').set(registrator).send({ name: 'Testnämnden för sammanslagningar', kind: 'committee', activeTo: '2024-12-31', successorId: ids['sdn-jarva'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ successorId: ids['sdn-jarva'], active: false });
    const patch = (id: string, version: number, body: object) => request(t.app).patch(`/api/organisations/${id}`).set(registrator).set('If-Match', `"v${version}"`).send(body);
    expect((await patch(created.body.id, 1, { successorId: created.body.id })).body.errors).toEqual([{ path: 'body.successorId', message: 'must be another organisation' }]);
    const jarva = (await request(t.app).get(`/api/organisations/${ids['sdn-jarva']}`).set(registrator)).body;
    const cycle = await patch(ids['sdn-jarva'], jarva.version, { successorId: created.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual([{ path: 'body.successorId', message: 'would make the organisation its own successor' }]);
    expect((await patch(created.body.id, 1, { successorId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
  });
});

describe('a sändlista resolves on the send date', () => {
  it('"Alla stadsdelsnämnder" sent today goes to the 11', async () => {
    const allaSdn = (await request(t.app).get('/api/distribution-lists?q=Alla stadsdelsnämnder').set(registrator)).body.items[0].id;
    const id = await draft('KS 2099/4101');
    expect((await addRecipients(id, { distributionListIds: [allaSdn] })).status).toBe(201);
    expect((await request(t.app).post(`/api/consultations/${id}/send`).set(registrator)).status).toBe(200);
    const names = namesOf((await board(id)).items);
    expect(names).toHaveLength(11);
    expect(names).toEqual(expect.arrayContaining(['Järva stadsdelsnämnd', 'Norra innerstadens stadsdelsnämnd']));
  });

  it('replaces a retired member by its successor once, in the first merged member’s place', async () => {
    const list = await newList('Gamla innerstaden och Järvafältet', ['sdn-rinkeby-kista', 'sdn-norrmalm', 'sdn-sodermalm', 'sdn-ostermalm', 'sdn-spanga-tensta']);
    const id = await draft('KS 2099/4102');
    const added = await addRecipients(id, { distributionListIds: [list] });
    expect(added.status).toBe(201);
    expect(namesOf(added.body.added)).toEqual(['Järva stadsdelsnämnd', 'Norra innerstadens stadsdelsnämnd', 'Södermalms stadsdelsnämnd']);
    expect(added.body.added.every((r: Row) => r.viaListId === list)).toBe(true);
    const reasons = Object.fromEntries(added.body.skipped.map((s: { organisationId: string; reason: string }) => [s.organisationId, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual([ids['sdn-rinkeby-kista'], ids['sdn-norrmalm'], ids['sdn-ostermalm'], ids['sdn-spanga-tensta']].sort());
    expect(reasons[ids['sdn-ostermalm']]).toContain('Norra innerstadens stadsdelsnämnd');
    // The successor named on the list beside its predecessors still comes once.
    const withSuccessor = await newList('Norra innerstaden två gånger', ['sdn-ostermalm', 'sdn-norra-innerstaden']);
    const second = await draft('KS 2099/4103');
    expect(namesOf((await addRecipients(second, { distributionListIds: [withSuccessor] })).body.added)).toEqual(['Norra innerstadens stadsdelsnämnd']);
  });

  it('a list member retired between the draft and the send goes to its successor, once, when sent', async () => {
    const list = await newList('Järvafältet 2022', ['sdn-rinkeby-kista', 'sdn-spanga-tensta']);
    const id = await draft('KS 2099/4104');
    // Put on the draft before the merger (as the recipients of a draft made in June 2023 were).
    await addRecipient(t.dataSource, id, 'sdn-rinkeby-kista', { viaListId: list });
    await addRecipient(t.dataSource, id, 'sdn-spanga-tensta', { viaListId: list });
    await addRecipient(t.dataSource, id, 'unizon');
    const sent = await request(t.app).post(`/api/consultations/${id}/send`).set(registrator);
    expect(sent.status).toBe(200);
    const rows = (await board(id)).items;
    expect(namesOf(rows)).toEqual(['Järva stadsdelsnämnd', 'Unizon']);
    expect(rows.every((r: { sentAt: string | null }) => r.sentAt)).toBe(true);
  });
});

describe('a body not active on the day is refused, naming its successor', () => {
  it('adding Östermalm or Rinkeby-Kista’s förvaltning today: 409, nothing added', async () => {
    const id = await draft('KS 2099/4105');
    const res = await addRecipients(id, { organisationIds: [ids.unizon, ids['sdn-ostermalm'], ids['sdf-rinkeby-kista']] });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain('Norra innerstadens stadsdelsnämnd');
    expect(res.body.errors).toEqual([
      { path: 'body.organisationIds.1', message: 'Östermalms stadsdelsnämnd has not existed since 2023-06-30; its successor is Norra innerstadens stadsdelsnämnd' },
      { path: 'body.organisationIds.2', message: 'Rinkeby-Kista stadsdelsförvaltning has not existed since 2023-06-30; its successor is Järva stadsdelsförvaltning' },
    ]);
    expect((await board(id)).total).toBe(0);
  });

  it('sending to a body named directly that was retired since: 409, the remiss stays a draft', async () => {
    const id = await draft('KS 2099/4106');
    await addRecipient(t.dataSource, id, 'sdn-norrmalm');
    const res = await request(t.app).post(`/api/consultations/${id}/send`).set(registrator);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('its successor is Norra innerstadens stadsdelsnämnd');
    expect((await request(t.app).get(`/api/consultations/${id}`).set(registrator)).body.status).toBe('draft');
  });
});

describe('remisser already sent are history', () => {
  it('KS 2020/924 keeps the 13 stadsdelsnämnder of 2020', async () => {
    const remiss = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator)).body.items[0];
    const names = namesOf((await board(remiss.id)).items).filter((n) => n.endsWith('stadsdelsnämnd'));
    expect(names).toHaveLength(13);
    expect(names.slice(0, 2)).toEqual(['Rinkeby-Kista stadsdelsnämnd', 'Spånga-Tensta stadsdelsnämnd']);
    expect(names).toEqual(expect.arrayContaining(['Norrmalms stadsdelsnämnd', 'Östermalms stadsdelsnämnd', 'Hägersten-Älvsjö stadsdelsnämnd']));
    expect(names).not.toContain('Järva stadsdelsnämnd');
    expect(names).not.toContain('Norra innerstadens stadsdelsnämnd');
  });

  it('the open demo remiss went to the 11 stadsdelsnämnder of its send date', async () => {
    const remiss = (await request(t.app).get('/api/consultations?status=open&q=ofrivillig ensamhet').set(registrator)).body.items[0];
    expect(remiss.sentDate > '2023-07-01').toBe(true);
    const names = namesOf((await board(remiss.id)).items).filter((n) => n.endsWith('stadsdelsnämnd'));
    expect([...names].sort()).toEqual([...(await stadsdelsnamnderOn(remiss.sentDate))].sort());
    expect(names).toHaveLength(11);
    expect(names).toEqual(expect.arrayContaining(['Järva stadsdelsnämnd', 'Norra innerstadens stadsdelsnämnd']));
  });
});

describe('the Norra innerstaden demo logins', () => {
  const openRemiss = async () => (await request(t.app).get('/api/consultations?status=open&q=ofrivillig ensamhet').set(registrator)).body.items[0];
  const responseOf = async (consultationId: string, name: string) => (await board(consultationId)).items.find((r: Row) => r.organisation.name === name).responseId as string;

  it('belong to Norra innerstadens stadsdelsförvaltning and work on its answer to the open remiss, not on Södermalm’s', async () => {
    const handlaggare = bearer(await t.login('handlaggare.norrainnerstaden'));
    const attestant = bearer(await t.login('attestant.norrainnerstaden'));
    for (const auth of [handlaggare, attestant]) expect((await request(t.app).get('/api/auth/me').set(auth)).body.user).toMatchObject({ organisationId: ids['sdf-norra-innerstaden'] });
    const remiss = await openRemiss();
    const owed = await request(t.app).get('/api/deadlines').set(handlaggare);
    expect(new Set(owed.body.items.map((d: { recipient: { organisation: { name: string } } }) => d.recipient.organisation.name))).toEqual(new Set(['Norra innerstadens stadsdelsnämnd']));
    const own = await responseOf(remiss.id, 'Norra innerstadens stadsdelsnämnd');
    expect((await request(t.app).post(`/api/responses/${own}/transitions`).set(handlaggare).send({ action: 'start' })).status).toBe(200);
    expect((await request(t.app).get(`/api/responses/${own}/statement`).set(attestant)).status).toBe(200);
    expect((await request(t.app).get(`/api/responses/${own}/statement`).set(bearer(await t.login('handlaggare.sodermalm')))).status).toBe(404);
    const sodermalm = await responseOf(remiss.id, 'Södermalms stadsdelsnämnd');
    expect((await request(t.app).post(`/api/responses/${sodermalm}/transitions`).set(handlaggare).send({ action: 'start' })).status).toBe(404);
  });

  it('leave handlaggare.ostermalm as it was: Östermalm’s förvaltning, with KS 2020/924', async () => {
    const ostermalm = bearer(await t.login('handlaggare.ostermalm'));
    expect((await request(t.app).get('/api/auth/me').set(ostermalm)).body.user).toMatchObject({ organisationId: ids['sdf-ostermalm'] });
    const list = await request(t.app).get('/api/consultations').set(ostermalm);
    expect(list.body.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain('KS 2020/924');
  });
});
