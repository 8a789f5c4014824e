import request from 'supertest';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('cross-remiss views', () => {
  it('counts a late answer in the year of its deadline, not the year it came', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'closed', sentDate: '2021-09-01', dueDate: '2021-12-30' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-farsta', { sentAt: new Date('2021-09-01'), responseStatus: 'submitted', answeredDate: '2022-01-10' });
    const farsta = await organisationId(t.dataSource, 'sdn-farsta');
    const res = await request(t.app).get(`/api/organisations/${farsta}/answer-history`).set(bearer(await t.login('registrator')));
    expect(res.status).toBe(200);
    expect(res.body.years.find((y: { year: number }) => y.year === 2021)).toEqual({ year: 2021, on_time: 0, late: 1, declined: 0, no_comments: 0, overdue: 0, pending: 0, answered: 1 });
    expect(res.body.years.find((y: { year: number }) => y.year === 2022)).toBeUndefined();
  });

  it('the coordinator sees the open remisser it coordinates with answer rates', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: '2020-12-02' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28'), responseStatus: 'submitted', answeredDate: '2020-12-01' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-ostermalm', { sentAt: new Date('2020-08-28'), responseStatus: 'declined', answeredDate: '2020-11-01' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-farsta', { sentAt: new Date('2020-08-28') });
    await addRecipient(t.dataSource, consultation.id, 'sdn-bromma', { sentAt: new Date('2020-08-28'), responseStatus: 'submitted', answeredDate: '2020-12-09' });
    const res = await request(t.app).get('/api/coordination/open-consultations').set(bearer(await t.login('coordinator')));
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { consultation: { id: string } }) => i.consultation.id === consultation.id);
    expect(item).toMatchObject({ asked: 4, answered: 3, declined: 1, late: 2, answerRate: 75 });
    expect(res.body.scope).toBe('coordinated');
    // A registrator sees every remiss here, and is told so (a page then does not call them "samordnade").
    expect((await request(t.app).get('/api/coordination/open-consultations').set(bearer(await t.login('registrator')))).body.scope).toBe('all');
    expect((await request(t.app).get('/api/coordination/open-consultations').set(bearer(await t.login('handlaggare.sodermalm')))).status).toBe(403);
  });

  it('counts as asked only recipients the remiss was sent to, and keeps the total past the last page', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: '2020-12-02' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28'), responseStatus: 'submitted', answeredDate: '2020-12-01' });
    await addRecipient(t.dataSource, consultation.id, 'sdn-farsta', { sentAt: null });
    const coordinator = bearer(await t.login('coordinator'));
    const res = await request(t.app).get('/api/coordination/open-consultations?limit=200').set(coordinator);
    expect(res.body.items.find((i: { consultation: { id: string } }) => i.consultation.id === consultation.id)).toMatchObject({ asked: 1, answered: 1, answerRate: 100 });
    const beyond = await request(t.app).get(`/api/coordination/open-consultations?offset=${res.body.total + 10}`).set(coordinator);
    expect(beyond.body).toMatchObject({ items: [], total: res.body.total });
  });

  it("a coordinator sees in another organisation's history only the remisser it may read itself", async () => {
    // Coordinated by stadsledningskontoret and sent to Södermalm only: socialförvaltningen's coordinator may not read it.
    const hidden = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: '2020-12-02', coordinatorId: await organisationId(t.dataSource, 'stadsledningskontoret'), title: 'Remiss som samordnaren inte ser' });
    await addRecipient(t.dataSource, hidden.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    const sodermalm = await organisationId(t.dataSource, 'sdn-sodermalm');
    const coordinator = bearer(await t.login('coordinator'));
    expect((await request(t.app).get(`/api/consultations/${hidden.id}`).set(coordinator)).status).toBe(404);
    const asCoordinator = await request(t.app).get(`/api/organisations/${sodermalm}/answer-history?limit=200`).set(coordinator);
    expect(asCoordinator.status).toBe(200);
    expect(JSON.stringify(asCoordinator.body)).not.toContain(hidden.id);
    expect(asCoordinator.body.items.map((i: { consultation: { caseNumber: string } }) => i.consultation.caseNumber)).toContain('KS 2020/924');
    for (const username of ['registrator', 'handlaggare.sodermalm']) {
      const full = await request(t.app).get(`/api/organisations/${sodermalm}/answer-history?limit=200`).set(bearer(await t.login(username)));
      expect(full.body.items.map((i: { consultation: { id: string } }) => i.consultation.id)).toContain(hidden.id);
      expect(full.body.total).toBe(asCoordinator.body.total + 1);
    }
  });

  it("shows an organisation's answer history: on time, late, declined", async () => {
    const sodermalm = await organisationId(t.dataSource, 'sdn-sodermalm');
    const res = await request(t.app).get(`/api/organisations/${sodermalm}/answer-history`).set(bearer(await t.login('coordinator')));
    expect(res.status).toBe(200);
    expect(res.body.organisation.name).toBe('Södermalms stadsdelsnämnd');
    // The demo KS 2020/924 (answered within its anstånd) and the remiss above (answered the day before).
    expect(res.body.counts.on_time).toBeGreaterThanOrEqual(2);
    expect(res.body.items.find((i: { consultation: { caseNumber: string } }) => i.consultation.caseNumber === 'KS 2020/924')).toMatchObject({ outcome: 'on_time', dueDate: '2020-12-02' });
    // Per year of the deadline: KS 2020/924 in 2020; the years add up to the counts.
    expect(res.body.years.find((y: { year: number }) => y.year === 2020).on_time).toBeGreaterThanOrEqual(1);
    for (const outcome of Object.keys(res.body.counts)) {
      expect([outcome, res.body.years.reduce((sum: number, y: Record<string, number>) => sum + y[outcome], 0)]).toEqual([outcome, res.body.counts[outcome]]);
    }
    for (const y of res.body.years) expect(y.answered).toBe(y.on_time + y.late + y.declined + y.no_comments);
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual([...res.body.years.map((y: { year: number }) => y.year)].sort((a: number, b: number) => b - a));
    const bromma = await organisationId(t.dataSource, 'sdn-bromma');
    const brommaHistory = await request(t.app).get(`/api/organisations/${bromma}/answer-history`).set(bearer(await t.login('registrator')));
    expect(brommaHistory.body.counts.late).toBeGreaterThanOrEqual(1);
    expect((await request(t.app).get(`/api/organisations/${bromma}/answer-history`).set(bearer(await t.login('handlaggare.sodermalm')))).status).toBe(403);
    expect((await request(t.app).get(`/api/organisations/${sodermalm}/answer-history`).set(bearer(await t.login('handlaggare.sodermalm')))).status).toBe(200);
  });
});
