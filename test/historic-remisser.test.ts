import request from 'supertest';
import { consultationTimeline } from '../src/consultations/consultation-timeline';
import { createMailer } from '../src/mail/mailer';
import { runReminderCycle } from '../src/reminders/reminder-scheduler';
import { todayInStockholm } from '../src/shared/dates';
import { addDays } from '../src/shared/working-days';
import { organisationId } from './support/factories';
import { sendToReview } from './support/review-flow';
import { startSmtpCapture, type SmtpCapture } from './support/smtp-capture';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let smtp: SmtpCapture;
let registrator: Record<string, string>;
let handlaggare: Record<string, string>;
let attestant: Record<string, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  registrator = bearer(await t.login('registrator'));
  handlaggare = bearer(await t.login('handlaggare.sodermalm'));
  attestant = bearer(await t.login('attestant.sodermalm'));
  for (const key of ['kommunstyrelsen', 'socialforvaltningen', 'sdn-ostermalm', 'sdn-sodermalm', 'sdn-norra-innerstaden']) ids[key] = await organisationId(t.dataSource, key);
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

let dnr = 0;
async function draft(registeredDate: string, dueDate: string): Promise<string> {
  dnr += 1;
  const res = await request(t.app)
    .post('/api/consultations')
    .set(registrator)
    .send({ caseNumber: `KS 2020/${9300 + dnr}`, title: `Historisk remiss ${dnr}`, kind: 'program', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate, dueDate });
  expect(res.status).toBe(201);
  return res.body.id;
}
const addRecipients = (id: string, body: object) => request(t.app).post(`/api/consultations/${id}/recipients`).set(registrator).send(body);
const recordSent = (id: string, sentDate: string, auth = registrator) => request(t.app).post(`/api/consultations/${id}/record-sent`).set(auth).send({ sentDate });
const board = async (id: string) => (await request(t.app).get(`/api/consultations/${id}/recipients?limit=100`).set(registrator)).body;
const transition = (responseId: string, body: object) => request(t.app).post(`/api/responses/${responseId}/transitions`).set(registrator).send(body);
const deliveriesOf = async (id: string) =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM recipient_deliveries d JOIN recipients r ON r.id = d.recipient_id WHERE r.consultation_id = $1', [id]))[0].n as number;

/** KS 2020/924 as it went out: to Östermalm (merged into Norra innerstaden in 2023) and Södermalm. */
async function historic2020(): Promise<string> {
  const id = await draft('2020-08-26', '2020-11-27');
  const added = await addRecipients(id, { organisationIds: [ids['sdn-ostermalm'], ids['sdn-sodermalm']], registerDate: '2020-08-28' });
  expect(added.status).toBe(201);
  const sent = await recordSent(id, '2020-08-28');
  expect(sent.status).toBe(200);
  return id;
}

describe('registering a remiss sent before the remisstjänst', () => {
  it('opens the 2020 remiss as sent on its real date to the bodies of 2020, with no remissbrev e-mailed', async () => {
    const id = await historic2020();
    const remiss = (await request(t.app).get(`/api/consultations/${id}`).set(registrator)).body;
    expect(remiss).toMatchObject({ status: 'open', sentDate: '2020-08-28', dueDate: '2020-11-27' });

    const rows = (await board(id)).items;
    expect(rows.map((r: { organisation: { name: string } }) => r.organisation.name)).toEqual(['Östermalms stadsdelsnämnd', 'Södermalms stadsdelsnämnd']);
    for (const row of rows) {
      expect(row).toMatchObject({ registeredAfterwards: true, delivery: null });
      expect(todayInStockholm(new Date(row.sentAt))).toBe('2020-08-28');
    }
    expect(await deliveriesOf(id)).toBe(0);
    // Nor can the 2020 letter be e-mailed afterwards by hand.
    const resend = await request(t.app).post(`/api/consultations/${id}/recipients/${rows[1].id}/delivery`).set(registrator);
    expect([resend.status, resend.body.type]).toEqual([409, expect.stringMatching(/registered-afterwards$/)]);
    expect(await deliveriesOf(id)).toBe(0);
    expect(smtp.messages.filter((m) => m.subject.includes('KS 2020/93'))).toEqual([]);
  });

  it('is audited and the timeline says it was registered afterwards', async () => {
    const id = await historic2020();
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'consultation.sent'`, [id]);
    expect(audit.after).toMatchObject({ status: 'open', sentDate: '2020-08-28', registeredAfterwards: true, emailsQueued: 0, dispatchedRecipients: 2 });

    const timeline = (await consultationTimeline(t.dataSource.manager, id)).map((e) => e.text);
    expect(timeline).toContain('Remissen registrerades i efterhand som skickad 28 augusti 2020, utan e-post');
    expect(timeline).toContain('Remissen skickades till 2 remissinstanser med sista svarsdag 27 november 2020 (före remisstjänsten, registrerat i efterhand)');

    const responseId = (await board(id)).items[1].responseId;
    // Södermalm's own handläggare reads the answer's timeline; the event is dated on the real send day.
    const answer = (await request(t.app).get(`/api/responses/${responseId}`).set(handlaggare)).body;
    const sent = answer.timeline.find((e: { type: string }) => e.type === 'sent');
    expect(sent.detail).toEqual({ dueDate: '2020-11-27', registeredAfterwards: true });
    expect(todayInStockholm(new Date(sent.at))).toBe('2020-08-28');
  });

  it('takes answers with their real dates: on time by the deadline, late after it, never before the send date', async () => {
    const id = await historic2020();
    const [ostermalm, sodermalm] = (await board(id)).items;
    const tooEarly = await transition(ostermalm.responseId, { action: 'record_external', receivedDate: '2020-08-27', stance: 'tillstyrker' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.errors).toEqual([{ path: 'body.receivedDate', message: 'must not be before 2020-08-28, the day the remiss was sent to this remissinstans' }]);

    expect((await transition(ostermalm.responseId, { action: 'record_external', receivedDate: '2020-11-27', stance: 'tillstyrker' })).body).toMatchObject({ status: 'submitted', answeredDate: '2020-11-27' });
    expect((await transition(sodermalm.responseId, { action: 'no_comments', answeredDate: '2020-12-02' })).body).toMatchObject({ status: 'no_comments', answeredDate: '2020-12-02' });

    const rows = (await board(id)).items;
    expect(rows.map((r: { organisation: { name: string }; answeredDate: string; late: boolean }) => [r.organisation.name, r.answeredDate, r.late])).toEqual([
      ['Östermalms stadsdelsnämnd', '2020-11-27', false],
      ['Södermalms stadsdelsnämnd', '2020-12-02', true],
    ]);
  });

  it('an answer written in the tjänst and submitted with its real date of 2020 is on time', async () => {
    const id = await historic2020();
    const sodermalm = (await board(id)).items[1];
    const act = (body: object, auth: Record<string, string>) => request(t.app).post(`/api/responses/${sodermalm.responseId}/transitions`).set(auth).send(body);
    await sendToReview(t.app, sodermalm.responseId, handlaggare);
    expect((await act({ action: 'approve' }, attestant)).status).toBe(200);
    const decided = await act({ action: 'decide', meetingDate: '2020-11-24', paragraph: '§ 12', outcome: 'approved_as_proposed', decisionText: 'Stadsdelsnämnden beslutade enligt förvaltningens förslag.' }, attestant);
    expect(decided.status).toBe(200);
    expect((await act({ action: 'submit', submittedDate: '2020-08-01' }, handlaggare)).status).toBe(400);
    expect((await act({ action: 'submit', submittedDate: '2020-11-26' }, handlaggare)).body).toMatchObject({ status: 'submitted', answeredDate: '2020-11-26' });
    expect((await board(id)).items[1]).toMatchObject({ late: false, answeredDate: '2020-11-26' });
  });

  it('a decline on a historic remiss keeps its date too', async () => {
    const id = await historic2020();
    const [ostermalm] = (await board(id)).items;
    expect((await transition(ostermalm.responseId, { action: 'decline', reason: 'Nämnden avstod', answeredDate: '2020-10-01' })).body).toMatchObject({ status: 'declined', answeredDate: '2020-10-01' });
    expect((await board(id)).items[0]).toMatchObject({ late: false, answeredDate: '2020-10-01' });
  });

  it('never produces reminder mail, whether the deadline has just passed or is days away; a remiss sent today would', async () => {
    const today = todayInStockholm();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
    const cycle = () => runReminderCycle({ dataSource: t.dataSource, mailer, config: { reminderDaysBefore: 5, publicUrl: 'https://remiss.example.se/', port: 3000 }, today });
    await cycle();
    const mailsBefore = smtp.messages.length;
    for (const dueDate of [addDays(today, -3), addDays(today, 2)]) {
      const id = await draft(addDays(today, -60), dueDate);
      expect((await addRecipients(id, { organisationIds: [ids['sdn-sodermalm']], registerDate: addDays(today, -50) })).status).toBe(201);
      expect((await recordSent(id, addDays(today, -50))).status).toBe(200);
    }
    expect(await cycle()).toMatchObject({ queued: 0, sent: 0 });
    expect(smtp.messages.length).toBe(mailsBefore);

    // The same deadline on a remiss sent the ordinary way is reminded about: the check above can fail.
    const ordinary = await draft(addDays(today, -60), addDays(today, -3));
    await addRecipients(ordinary, { organisationIds: [ids['sdn-sodermalm']] });
    expect((await request(t.app).post(`/api/consultations/${ordinary}/send`).set(registrator)).status).toBe(200);
    expect((await cycle()).queued).toBe(1);
  });
});

describe('what is refused', () => {
  it('a send date in the future, or before the remiss was registered', async () => {
    const id = await draft('2020-08-26', '2020-11-27');
    await addRecipients(id, { organisationIds: [ids['sdn-sodermalm']], registerDate: '2020-08-28' });
    const tomorrow = addDays(todayInStockholm(), 1);
    const future = await recordSent(id, tomorrow);
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'body.sentDate', message: `must not be after today (${todayInStockholm()})` }]);
    const beforeRegistered = await recordSent(id, '2020-08-01');
    expect(beforeRegistered.body.errors).toEqual([{ path: 'body.sentDate', message: 'must not be before the day the remiss was registered (2020-08-26)' }]);
    expect((await request(t.app).get(`/api/consultations/${id}`).set(registrator)).body.status).toBe('draft');
  });

  it('a body that did not exist on the send date, named with its dates; and a body of 2020 added by today\'s register', async () => {
    const id = await draft('2020-08-26', '2020-11-27');
    expect((await addRecipients(id, { organisationIds: [ids['sdn-ostermalm']] })).status).toBe(409);
    expect((await addRecipients(id, { organisationIds: [ids['sdn-norra-innerstaden']] })).status).toBe(201);
    const refused = await recordSent(id, '2020-08-28');
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ path: 'recipients.1', message: 'Norra innerstadens stadsdelsnämnd exists only from 2023-07-01' }]);
    expect(await deliveriesOf(id)).toBe(0);
  });

  it('the register of a future day, or of another day for a remiss already sent', async () => {
    const id = await historic2020();
    expect((await addRecipients(id, { organisationIds: [ids['sdn-norra-innerstaden']], registerDate: '2020-08-28' })).body.errors).toEqual([
      { path: 'body.registerDate', message: 'only a draft takes recipients from the register of another day' },
    ]);
    const other = await draft('2020-08-26', '2020-11-27');
    expect((await addRecipients(other, { organisationIds: [ids['sdn-sodermalm']], registerDate: addDays(todayInStockholm(), 1) })).status).toBe(400);
  });

  it('anyone but a registrator or admin, and a remiss already sent', async () => {
    const id = await draft('2020-08-26', '2020-11-27');
    await addRecipients(id, { organisationIds: [ids['sdn-sodermalm']], registerDate: '2020-08-28' });
    expect((await recordSent(id, '2020-08-28', handlaggare)).status).toBe(403);
    expect((await recordSent(id, '2020-08-28')).status).toBe(200);
    const again = await recordSent(id, '2020-08-29');
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already-sent$/);
  });
});
