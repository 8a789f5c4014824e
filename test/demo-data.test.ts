import request from 'supertest';
import { openDemoConsultation } from '../src/demo/demo-consultations';
import { todayInStockholm } from '../src/shared/dates';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe("the demo register's e-mail addresses", () => {
  it('every register entry but Fryshuset has a registratur address, all under the reserved .example domain (RFC 2606)', async () => {
    const rows: Array<{ registerKey: string; email: string | null }> = await t.dataSource.query(`SELECT register_key AS "registerKey", email FROM organisations WHERE register_key IS NOT NULL ORDER BY register_key`);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row).toEqual({ registerKey: row.registerKey, email: row.registerKey === 'fryshuset' ? null : `registrator@${row.registerKey}.example` });
    const organisation = await request(t.app).get(`/api/organisations?q=Södermalms stadsdelsnämnd`).set(bearer(await t.login('reader')));
    expect(organisation.body.items[0].email).toBe('registrator@sdn-sodermalm.example');
  });
});

describe('demo remisser', () => {
  it('KS 2020/924: sent 2020-08-28 to the full list of seed 003, answered by Östermalm, Hässelby-Vällingby and Södermalm (with anstånd)', async () => {
    const registrator = bearer(await t.login('registrator'));
    const found = await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator);
    expect(found.body.total).toBe(1);
    const remiss = found.body.items[0];
    expect(remiss).toMatchObject({ caseNumber: 'KS 2020/924', kind: 'program', status: 'closed', sentDate: '2020-08-28', dueDate: '2020-11-27', coordinator: { name: 'Socialförvaltningen' } });
    const board = await request(t.app).get(`/api/consultations/${remiss.id}/recipients`).set(registrator);
    const names = board.body.items.map((r: { organisation: { name: string } }) => r.organisation.name);
    expect(names.slice(0, 13).every((n: string) => n.endsWith('stadsdelsnämnd'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['Stadsledningskontoret', 'Stockholms Stadshus AB', 'Kommunstyrelsens pensionärsråd', 'Terrafem', 'Unizon', 'Stockholms tingsrätt']));
    const byName = Object.fromEntries(board.body.items.map((r: { organisation: { name: string } }) => [r.organisation.name, r]));
    expect(byName['Södermalms stadsdelsnämnd']).toMatchObject({ status: 'submitted', dueDate: '2020-12-02', extended: true, late: false });
    expect(byName['Östermalms stadsdelsnämnd']).toMatchObject({ status: 'submitted', dueDate: '2020-11-27', late: false });
    expect(board.body.counts.byStatus.submitted).toBe(3);
  });

  it('KS 2023/553: the motion, sent to the twelve remissinstanser of seed 002, answered by socialnämnden', async () => {
    const coordinator = bearer(await t.login('registrator'));
    const found = await request(t.app).get('/api/consultations?q=lämna-program').set(coordinator);
    expect(found.body.items[0]).toMatchObject({ caseNumber: 'KS 2023/553', kind: 'motion', recipients: { total: 12, byStatus: { submitted: 1 } } });
  });

  it('an open remiss dated around today: sent a month ago with three months to answer, three answers in, followed by the coordinator', async () => {
    const today = todayInStockholm();
    const expected = openDemoConsultation(today);
    const registrator = bearer(await t.login('registrator'));
    const found = await request(t.app).get('/api/consultations?status=open&q=ofrivillig ensamhet').set(registrator);
    expect(found.body.total).toBe(1);
    const remiss = found.body.items[0];
    expect(remiss).toMatchObject({ caseNumber: expected.caseNumber, status: 'open', coordinator: { name: 'Socialförvaltningen' }, recipients: { total: 20 } });
    expect(remiss.sentDate < today && today < remiss.dueDate).toBe(true);
    expect(remiss.deadline.warnings).toEqual([]);
    const board = await request(t.app).get(`/api/consultations/${remiss.id}/recipients?limit=50`).set(registrator);
    expect(board.body.counts.byStatus).toMatchObject({ not_started: 17, declined: 1, no_comments: 1, submitted: 1 });
    const regionen = board.body.items.find((r: { organisation: { name: string } }) => r.organisation.name === 'Region Stockholm');
    expect(regionen).toMatchObject({ status: 'submitted', late: false });

    // The coordinator follows it; Södermalm has it among the answers it owes.
    const open = await request(t.app).get('/api/coordination/open-consultations').set(bearer(await t.login('coordinator')));
    expect(open.body.items.find((i: { consultation: { id: string } }) => i.consultation.id === remiss.id)).toMatchObject({ asked: 20, answered: 3, declined: 1 });
    const owed = await request(t.app).get('/api/deadlines').set(bearer(await t.login('handlaggare.sodermalm')));
    expect(owed.body.items.map((d: { consultation: { caseNumber: string } }) => d.consultation.caseNumber)).toContain(expected.caseNumber);
  });

  it("the open remiss's letters went by e-mail to the demo registratur addresses, and by post to Fryshuset, which has none", async () => {
    const registrator = bearer(await t.login('registrator'));
    const remiss = (await request(t.app).get('/api/consultations?status=open&q=ofrivillig ensamhet').set(registrator)).body.items[0];
    const board = await request(t.app).get(`/api/consultations/${remiss.id}/recipients?limit=50`).set(registrator);
    expect(board.body.counts.byDelivery).toEqual({ sent: 19, no_address: 1 });
    const byName = Object.fromEntries(board.body.items.map((r: { organisation: { name: string } }) => [r.organisation.name, r]));
    expect(byName['Södermalms stadsdelsnämnd'].delivery).toMatchObject({ status: 'sent', address: 'registrator@sdn-sodermalm.example', attempts: 1, error: null });
    expect(byName.Fryshuset.delivery).toMatchObject({ status: 'no_address', address: null });
    const postal = await request(t.app).get(`/api/consultations/${remiss.id}/postal-letters.pdf`).set(registrator).buffer(true).parse(binary);
    expect(postal.status).toBe(200);
    expect(postal.headers['content-type']).toBe('application/pdf');
    expect((postal.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // The closed remisser are older than e-mail delivery: no record, not a made-up one.
    const old = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator)).body.items[0];
    const oldBoard = await request(t.app).get(`/api/consultations/${old.id}/recipients?limit=5`).set(registrator);
    expect(oldBoard.body.items.every((r: { delivery: unknown }) => r.delivery === null)).toBe(true);
    expect(oldBoard.body.counts.byDelivery).toEqual({});
  });

  it('a handläggare on Södermalm sees KS 2020/924 among the remisser its nämnd received', async () => {
    const handlaggare = bearer(await t.login('handlaggare.sodermalm'));
    const list = await request(t.app).get('/api/consultations').set(handlaggare);
    expect(list.body.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain('KS 2020/924');
    expect(list.body.items.map((c: { caseNumber: string }) => c.caseNumber)).not.toContain('KS 2023/553');
  });
});
