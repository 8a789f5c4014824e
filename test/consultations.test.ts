import request from 'supertest';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let registrator: Record<string, string>;
let ks: string;
let socialforvaltningen: string;
beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  ks = await organisationId(t.dataSource, 'kommunstyrelsen');
  socialforvaltningen = await organisationId(t.dataSource, 'socialforvaltningen');
});
afterAll(() => t.close());

const register = (body: object, auth = registrator) => request(t.app).post('/api/consultations').set(auth).send(body);
const remiss = (overrides: object = {}) => ({
  caseNumber: 'KS 2021/924',
  title: 'Handlingsplan för trygga parker 2021–2025',
  kind: 'program',
  senderId: ks,
  coordinatorId: socialforvaltningen,
  registeredDate: '2020-08-28',
  dueDate: '2020-12-02',
  ...overrides,
});

describe('registering a remiss', () => {
  it('stores the Dnr verbatim and normalised, as a draft, with an ETag', async () => {
    const res = await register(remiss());
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.body).toMatchObject({
      caseNumber: 'KS 2021/924',
      caseNumberNormalized: 'KS2021/924',
      status: 'draft',
      sender: { id: ks, name: 'Kommunstyrelsen' },
      coordinator: { id: socialforvaltningen, name: 'Socialförvaltningen' },
      recipients: { total: 0, late: 0 },
    });
  });

  it('accepts every real Dnr format', async () => {
    for (const caseNumber of ['3.1.1-723/2019', '1.5.1-135-2012', 'T 2010-313-01743', '2.2.2/171-2013', 'Dnr SN 2023/553', 'KS 2023–553']) {
      const res = await register(remiss({ caseNumber, title: `Remiss ${caseNumber}` }));
      expect({ caseNumber, status: res.status }).toEqual({ caseNumber, status: 201 });
      expect(res.body.caseNumber).toBe(caseNumber);
    }
  });

  it('refuses the same Dnr from the same sender in another spelling, but not from another sender', async () => {
    const duplicate = await register(remiss({ caseNumber: 'ks2021/924' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/diarienummer/);
    const otherSender = await register(remiss({ senderId: await organisationId(t.dataSource, 'socialnamnden') }));
    expect(otherSender.status).toBe(201);
  });

  it('refuses bad input with every field listed, and writes nothing', async () => {
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM consultations');
    const res = await register(remiss({ caseNumber: '<script>', kind: 'roman', dueDate: '2020-01-01', senderId: '00000000-0000-4000-8000-000000000000', extra: 1 }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.caseNumber', 'body.extra', 'body.kind']);
    const beforeRegistered = await register(remiss({ caseNumber: 'KS 2020/1', dueDate: '2020-01-01' }));
    expect(beforeRegistered.body.errors).toEqual([{ path: 'body.dueDate', message: 'must not be before registeredDate' }]);
    const unknownSender = await register(remiss({ caseNumber: 'KS 2020/2', senderId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownSender.body.errors).toEqual([{ path: 'body.senderId', message: 'is not a known organisation' }]);
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM consultations');
    expect(after).toBe(before);
  });

  it('is for registrators and admins', async () => {
    expect((await register(remiss({ caseNumber: 'KS 2020/3' }), bearer(await t.login('handlaggare.sodermalm')))).status).toBe(403);
  });
});

describe('listing', () => {
  it('filters by free text on title and Dnr, status, kind and due dates, with a total', async () => {
    const byDnr = await request(t.app).get('/api/consultations?q=ks 2021/924').set(registrator);
    expect(byDnr.body.items.map((c: { caseNumber: string }) => c.caseNumber)).toEqual(['KS 2021/924', 'KS 2021/924']);
    const byTitle = await request(t.app).get(`/api/consultations?q=${encodeURIComponent('trygga PARKER')}&senderId=${ks}`).set(registrator);
    expect(byTitle.body.total).toBe(1);
    const drafts = await request(t.app).get('/api/consultations?status=draft&kind=program&limit=2&sort=caseNumber').set(registrator);
    expect(drafts.body).toMatchObject({ limit: 2, offset: 0 });
    expect(drafts.body.items).toHaveLength(2);
    expect(drafts.body.total).toBeGreaterThanOrEqual(8);
    expect((await request(t.app).get('/api/consultations?status=draft&dueBefore=2020-12-01').set(registrator)).body.total).toBe(0);
    const beyond = await request(t.app).get('/api/consultations?status=draft&offset=1000').set(registrator);
    expect(beyond.body).toMatchObject({ items: [], total: drafts.body.total });
    const dueThatDay = await request(t.app).get('/api/consultations?status=draft&dueAfter=2020-12-02&dueBefore=2020-12-02').set(registrator);
    expect(dueThatDay.body.total).toBe(drafts.body.total);
  });
});

describe('edits with If-Match', () => {
  it('lets exactly one of concurrent writers win and refuses edits to a cancelled remiss', async () => {
    const created = await register(remiss({ caseNumber: 'KS 2020/50' }));
    const url = `/api/consultations/${created.body.id}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(t.app).patch(url).set(registrator).set('If-Match', '"v1"').send({ title: `Titel ${i}` })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(19);
    expect((await request(t.app).patch(url).set(registrator).send({ title: 'Utan If-Match' })).status).toBe(428);
    const cancelled = await request(t.app).patch(url).set(registrator).set('If-Match', '"v2"').send({ status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    const edit = await request(t.app).patch(url).set(registrator).set('If-Match', '"v3"').send({ title: 'För sent' });
    expect(edit.status).toBe(409);
    expect((await request(t.app).get(url).set(registrator)).body.title).not.toBe('För sent');
  });

  it('does not open a draft by PATCH: sending is its own action', async () => {
    const created = await register(remiss({ caseNumber: 'KS 2020/51' }));
    const res = await request(t.app).patch(`/api/consultations/${created.body.id}`).set(registrator).set('If-Match', '"v1"').send({ status: 'open' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/send/i);
  });
});

describe('edge cases found in review', () => {
  it('a Dnr that grows past 60 characters when normalised is a 400 naming the field, not a 500', async () => {
    const registrator = bearer(await t.login('registrator'));
    const res = await request(t.app).post('/api/consultations').set(registrator).send({
      caseNumber: '½'.repeat(30),
      title: 'Remiss med konstigt diarienummer',
      kind: 'motion',
      senderId: await organisationId(t.dataSource, 'kommunstyrelsen'),
      registeredDate: '2026-10-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.caseNumber');
  });

  it('nobody is late on a cancelled remiss, on the response as on the status board', async () => {
    const registrator = bearer(await t.login('registrator'));
    const cancelled = await createConsultation(t.dataSource, { status: 'cancelled', sentDate: '2020-08-28', dueDate: '2020-11-27' });
    const { response } = await addRecipient(t.dataSource, cancelled.id, 'sdn-farsta', { sentAt: new Date('2020-08-28') });
    expect((await request(t.app).get(`/api/responses/${response.id}`).set(registrator)).body.late).toBe(false);
    expect((await request(t.app).get(`/api/consultations/${cancelled.id}/recipients`).set(registrator)).body.items[0].late).toBe(false);
  });

  it('q=Dnr matches titles only, not every remiss; overdue=false keeps an open remiss without a due date', async () => {
    const registrator = bearer(await t.login('registrator'));
    const all = (await request(t.app).get('/api/consultations?limit=1').set(registrator)).body.total;
    expect((await request(t.app).get('/api/consultations?q=Dnr&limit=1').set(registrator)).body.total).toBeLessThan(all);
    const undated = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01', dueDate: null, title: 'Öppen remiss utan svarsdag' });
    const notOverdue = await request(t.app).get('/api/consultations?overdue=false&status=open&limit=200').set(registrator);
    expect(notOverdue.body.items.map((c: { id: string }) => c.id)).toContain(undated.id);
  });
});

