import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: Record<string, string>;
let registrator: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
  registrator = bearer(await t.login('registrator'));
});
afterAll(() => t.close());

const list = (query: string, auth = admin) => request(t.app).get(`/api/organisations?${query}`).set(auth);
const create = (body: object, auth = registrator) => request(t.app).post('/api/organisations').set(auth).send(body);
const names = (res: request.Response) => res.body.items.map((o: { name: string }) => o.name);

describe('the seeded register', () => {
  it('holds the 17 stadsdelsnämnder since 2020 (11 of them today), each with its förvaltning as child', async () => {
    const sdn = await list('kind=committee&q=stadsdelsnämnd&limit=50');
    expect(sdn.body.total).toBe(17);
    expect(names(sdn)).toEqual(expect.arrayContaining(['Södermalms stadsdelsnämnd', 'Östermalms stadsdelsnämnd', 'Hässelby-Vällingby stadsdelsnämnd', 'Enskede-Årsta-Vantörs stadsdelsnämnd']));
    const sodermalm = sdn.body.items.find((o: { name: string }) => o.name === 'Södermalms stadsdelsnämnd');
    const children = await list(`parentId=${sodermalm.id}`);
    expect(names(children)).toEqual(['Södermalms stadsdelsförvaltning']);
  });

  it('holds kommunstyrelsen, stadsledningskontoret, facknämnder, councils and external bodies with Swedish names', async () => {
    const all = await list('limit=200');
    expect(all.body.total).toBeGreaterThan(80);
    expect(names(all)).toEqual(
      expect.arrayContaining(['Kommunstyrelsen', 'Stadsledningskontoret', 'Socialnämnden', 'Socialförvaltningen', 'Äldrenämnden', 'Miljö- och hälsoskyddsnämnden', 'Kommunstyrelsens pensionärsråd', 'Unizon', 'Polisregion Stockholm', 'Alla Kvinnors Hus']),
    );
    expect((await list('kind=council')).body.items.every((o: { kind: string }) => o.kind === 'council')).toBe(true);
  });

  it('paginates with a total and sorts', async () => {
    const first = await list('limit=5&offset=0&sort=name');
    const second = await list('limit=5&offset=5&sort=name');
    expect(first.body).toMatchObject({ limit: 5, offset: 0 });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.total).toBe(second.body.total);
    const sorted = [...names(first), ...names(second)];
    expect(sorted).toEqual([...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')));
    expect(new Set(sorted).size).toBe(10);
    expect((await list('limit=201')).status).toBe(400);
  });

  it('finds by free text, case-insensitively, and treats % and _ literally', async () => {
    expect(names(await list('q=UNIZON'))).toEqual(['Unizon']);
    expect((await list('q=%25')).body.total).toBe(0);
  });
});

describe('changing the register', () => {
  it('creates an organisation with a parent, audited, answering an ETag and Location', async () => {
    const parent = (await list('q=Kommunstyrelsen&kind=committee')).body.items[0];
    const res = await create({ name: 'Kommunstyrelsens råd för mänskliga rättigheter', kind: 'council', parentId: parent.id, email: 'mr-radet@example.se' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`/api/organisations/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'council', parentId: parent.id, active: true, registerKey: null });
    const audit = await request(t.app).get(`/api/audit?entityType=organisation&entityId=${res.body.id}`).set(admin);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'organisation.created', actorUsername: 'registrator', before: null, after: { name: 'Kommunstyrelsens råd för mänskliga rättigheter' } });
  });

  it('refuses a name that exists in another case, and writes nothing', async () => {
    const before = (await list('limit=1')).body.total;
    const res = await create({ name: 'SOCIALNÄMNDEN', kind: 'committee' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('Socialnämnden');
    expect((await list('limit=1')).body.total).toBe(before);
  });

  it('twenty registrators creating the same name at once: one is created, the rest are told it exists', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ name: i % 2 ? 'Samtidiga rådet' : 'SAMTIDIGA RÅDET', kind: 'council' })));
    expect(results.filter((res) => res.status === 201)).toHaveLength(1);
    const refused = results.filter((res) => res.status !== 201);
    expect(refused.map((res) => res.status)).toEqual(Array(19).fill(409));
    // Whether the pre-check or the unique index caught it, the user reads the same thing.
    for (const res of refused) expect(res.body).toMatchObject({ detail: expect.stringMatching(/^An organisation .*already exists/), type: expect.stringMatching(/duplicate$/) });
    expect((await list('q=samtidiga')).body.total).toBe(1);
  });

  it('refuses an unknown parent and an inverted active period with field errors', async () => {
    const res = await create({ name: 'Föreningen Testa', kind: 'external', parentId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.parentId', message: 'is not a known organisation' }]);
    const inverted = await create({ name: 'Föreningen Testa', kind: 'external', activeFrom: '2024-01-01', activeTo: '2023-01-01' });
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].path).toBe('body.activeTo');
  });

  it('a reader may read but not change the register', async () => {
    const reader = bearer(await t.login('reader'));
    expect((await list('limit=1', reader)).status).toBe(200);
    expect((await create({ name: 'Läsarens förening', kind: 'external' }, reader)).status).toBe(403);
  });
});

describe('updates with If-Match', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ name: 'Stiftelsen Exempel', kind: 'external' })).body.id;
  });

  it('needs If-Match (428), refuses a stale one (412) and applies a current one', async () => {
    const url = `/api/organisations/${id}`;
    expect((await request(t.app).patch(url).set(registrator).send({ shortName: 'SE' })).status).toBe(428);
    expect((await request(t.app).patch(url).set(registrator).set('If-Match', '"v7"').send({ shortName: 'SE' })).status).toBe(412);
    const ok = await request(t.app).patch(url).set(registrator).set('If-Match', '"v1"').send({ shortName: 'SE', activeTo: '2030-12-31' });
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.body).toMatchObject({ shortName: 'SE', activeTo: '2030-12-31', version: 2 });
    const fetched = await request(t.app).get(url).set(admin);
    expect(fetched.headers.etag).toBe('"v2"');
  });

  it('lets exactly one of 50 concurrent writers with the same If-Match win', async () => {
    const current = await request(t.app).get(`/api/organisations/${id}`).set(admin);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(t.app).patch(`/api/organisations/${id}`).set(registrator).set('If-Match', current.headers.etag).send({ shortName: `W${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!;
    const final = await request(t.app).get(`/api/organisations/${id}`).set(admin);
    expect(final.body.shortName).toBe(winner.body.shortName);
    const updates = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'organisation.updated'`, [id]);
    expect(updates[0].n).toBe(2);
  });

  it('refuses making an organisation its own ancestor', async () => {
    const nämnd = (await create({ name: 'Testnämnden', kind: 'committee' })).body;
    const förvaltning = (await create({ name: 'Testförvaltningen', kind: 'administration', parentId: nämnd.id })).body;
    const res = await request(t.app).patch(`/api/organisations/${nämnd.id}`).set(registrator).set('If-Match', '"v1"').send({ parentId: förvaltning.id });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ path: 'body.parentId', message: 'would make the organisation its own ancestor' });
  });

  it('lists retired organisations apart from active ones', async () => {
    const retired = (await create({ name: 'Nedlagda nämnden', kind: 'committee', activeTo: '2020-12-31' })).body;
    expect(retired.active).toBe(false);
    expect(names(await list('active=false&limit=200'))).toContain('Nedlagda nämnden');
    expect(names(await list('active=true&limit=200'))).not.toContain('Nedlagda nämnden');
  });
});

describe('deleting', () => {
  it('deletes an unused organisation but refuses one in use, changing nothing', async () => {
    const unused = (await create({ name: 'Felregistrerad förening', kind: 'external' })).body;
    expect((await request(t.app).delete(`/api/organisations/${unused.id}`).set(admin)).status).toBe(204);
    expect((await request(t.app).get(`/api/organisations/${unused.id}`).set(admin)).status).toBe(404);

    const sodermalm = (await list('q=Södermalms stadsdelsförvaltning')).body.items[0];
    const refused = await request(t.app).delete(`/api/organisations/${sodermalm.id}`).set(admin);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/in use/);
    expect((await request(t.app).get(`/api/organisations/${sodermalm.id}`).set(admin)).status).toBe(200);
  });
});
