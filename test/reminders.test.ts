import { addDays } from '../src/shared/working-days';
import { todayInStockholm } from '../src/shared/dates';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Consultation } from '../src/consultations/consultation.entity';
import { createMailer, type Mailer } from '../src/mail/mailer';
import type { Recipient } from '../src/recipients/recipient.entity';
import { remissPageLink } from '../src/mail/links';
import { composeReminderMail } from '../src/reminders/reminder-mail';
import { lastDueDateRemindedOn, planReminders } from '../src/reminders/reminder-planner';
import { runReminderCycle, startReminderScheduler } from '../src/reminders/reminder-scheduler';
import type { ResponseStatus } from '../src/responses/response.entity';
import { formatSwedishDate } from '../src/shared/dates';
import { addRecipient, createConsultation } from './support/factories';
import { parseMail, startSmtpCapture, type SmtpCapture } from './support/smtp-capture';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const SODERMALM_STAFF = ['attestant.sodermalm@demo.remiss.invalid', 'handlaggare.sodermalm@demo.remiss.invalid'];
const CONFIG = { reminderDaysBefore: 5, publicUrl: 'https://remiss.example.se/', port: 3000 };

let t: TestApp;
let ds: DataSource;
let smtp: SmtpCapture;
let mailer: Mailer;
const opened: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  ds = t.dataSource;
  // Most tests here are about the fallback to the organisation's staff: without the demo's
  // registratur addresses (one test below gives an organisation its address back).
  await ds.query(`UPDATE organisations SET email = NULL`);
  smtp = await startSmtpCapture();
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});
// Every cycle acts on the whole database: close each test's remisser so later tests' clocks do not remind them.
afterEach(async () => {
  await ds.query(`UPDATE consultations SET status = 'closed' WHERE id = ANY($1::uuid[])`, [opened.splice(0)]);
});

async function openRemiss(overrides: Partial<Consultation> = {}): Promise<Consultation> {
  const consultation = await createConsultation(ds, { status: 'open', dueDate: '2020-12-02', sentDate: '2020-08-28', ...overrides });
  opened.push(consultation.id);
  return consultation;
}

async function sentRecipient(consultation: Consultation, registerKey = 'sdn-sodermalm', overrides: Partial<Recipient> & { responseStatus?: ResponseStatus } = {}) {
  return (await addRecipient(ds, consultation.id, registerKey, { sentAt: new Date('2020-08-28'), ...overrides })).recipient;
}

const cycle = (today: string, via: Mailer = mailer) => runReminderCycle({ dataSource: ds, mailer: via, config: CONFIG, today });
const mailsAbout = (consultation: Consultation) => smtp.messages.filter((m) => m.subject.includes(consultation.caseNumber));
const remindersOf = (recipientId: string): Promise<Array<{ kind: string; dueDate: string; sentAt: Date | null; sentTo: string[]; attempts: number; lastError: string | null }>> =>
  ds.query(
    `SELECT kind, due_date::text AS "dueDate", sent_at AS "sentAt", sent_to AS "sentTo", attempts, last_error AS "lastError" FROM reminders WHERE recipient_id = $1 ORDER BY created_at`,
    [recipientId],
  );

describe('dates and deadlines', () => {
  it('prints Swedish dates, placing instants on the Stockholm calendar', () => {
    expect(formatSwedishDate('2020-12-02')).toBe('2 december 2020');
    expect(formatSwedishDate(new Date('2020-12-31T23:30:00Z'))).toBe('1 januari 2021');
  });

  it('knows the last deadline owed a reminder today (5 working days ahead, weekends skipped)', () => {
    expect(lastDueDateRemindedOn('2020-11-25', 5)).toBe('2020-12-02');
    expect(lastDueDateRemindedOn('2020-11-27', 5)).toBe('2020-12-04');
    expect(lastDueDateRemindedOn('2020-12-17', 5)).toBe('2020-12-28'); // julafton, juldagen, annandag jul
  });

  it("links to the remiss's page (not the API) on the public URL, or localhost and the port", () => {
    expect(remissPageLink(CONFIG, 'abc')).toBe('https://remiss.example.se/remisser/abc');
    expect(remissPageLink({ port: 8080 }, 'abc')).toBe('http://localhost:8080/remisser/abc');
  });
});

describe('reminder cycle', () => {
  it('reminds 5 working days before the deadline, not the day before that, and only once', async () => {
    const consultation = await openRemiss({ caseNumber: 'KS 2020/1047', title: 'Program för Stockholms stads arbete med barnets rättigheter' });
    const recipient = await sentRecipient(consultation);

    await cycle('2020-11-24');
    expect(await remindersOf(recipient.id)).toEqual([]);
    expect(mailsAbout(consultation)).toHaveLength(0);

    expect(await cycle('2020-11-25')).toMatchObject({ queued: 1, sent: 1 });
    await cycle('2020-11-25');
    await cycle('2020-11-26');
    const mails = mailsAbout(consultation);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toEqual(SODERMALM_STAFF);
    expect(mail.subject).toBe('Påminnelse: remiss KS 2020/1047 – svar senast 2 december 2020');
    expect(mail.text).toContain('Program för Stockholms stads arbete med barnets rättigheter');
    expect(mail.text).toContain('Remittent: Kommunstyrelsen');
    expect(mail.text).toContain('Sista svarsdag: 2 december 2020');
    expect(mail.text).toContain('Det återstår 5 arbetsdagar.');
    expect(mail.text).toContain(`Öppna remissen: https://remiss.example.se/remisser/${consultation.id}`);
    expect(mail.text).not.toContain('/api/');

    const [reminder] = await remindersOf(recipient.id);
    expect(reminder).toMatchObject({ kind: 'before_due', dueDate: '2020-12-02', attempts: 1, lastError: null, sentTo: SODERMALM_STAFF });
    const events = await ds.query(`SELECT type, detail FROM recipient_events WHERE recipient_id = $1`, [recipient.id]);
    expect(events).toEqual([{ type: 'reminder_sent', detail: { kind: 'before_due', dueDate: '2020-12-02' } }]);
    const audit = await ds.query(`SELECT actor_user_id, request_id, after FROM audit_events WHERE action = 'reminder.sent' AND after->>'recipientId' = $1`, [recipient.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBeNull();
    expect(audit[0].request_id).toMatch(/^scheduler:\d{4}-\d\d-\d\dT/);
    expect(audit[0].after).toMatchObject({ kind: 'before_due', dueDate: '2020-12-02', addressCount: 2 });
    expect(JSON.stringify(audit[0].after)).not.toContain('sodermalm@');
  });

  it('sends exactly one message when two cycles run at the same time', async () => {
    const consultation = await openRemiss();
    await sentRecipient(consultation);
    const results = await Promise.all([cycle('2020-11-27'), cycle('2020-11-27'), cycle('2020-11-27')]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBeGreaterThanOrEqual(1);
    expect(mailsAbout(consultation)).toHaveLength(1);
  });

  it('sends no overdue reminder about a deadline more than 30 days back', async () => {
    const consultation = await openRemiss();
    const recipient = await sentRecipient(consultation);
    await cycle('2021-01-02');
    expect(mailsAbout(consultation)).toHaveLength(0);
    expect(await remindersOf(recipient.id)).toEqual([]);
  });

  it('sends one overdue reminder the day after the deadline', async () => {
    const consultation = await openRemiss();
    const recipient = await sentRecipient(consultation);
    await cycle('2020-12-03');
    await cycle('2020-12-04');
    const mails = mailsAbout(consultation);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Försenat svar: remiss ${consultation.caseNumber} – svar skulle ha lämnats senast 2 december 2020`);
    expect(mails[0].text).toContain('passerades för 1 dag sedan');
    expect((await remindersOf(recipient.id)).map((r) => r.kind)).toEqual(['overdue']);
  });

  it('a deadline on a holiday runs to the next working day: no "försenat svar" before that has passed', async () => {
    // 24 december 2020 (julafton) → the deadline is met on Monday 28 december.
    const consultation = await openRemiss({ dueDate: '2020-12-24' });
    await sentRecipient(consultation, 'sdn-sodermalm');
    for (const day of ['2020-12-17', '2020-12-25', '2020-12-26', '2020-12-27', '2020-12-28']) await cycle(day);
    expect(mailsAbout(consultation).filter((m) => m.subject.startsWith('Försenat'))).toHaveLength(0);
    const before = mailsAbout(consultation).find((m) => m.subject.startsWith('Påminnelse'))!;
    expect(before.text).toContain('Eftersom 24 december 2020 inte är en vardag räcker det att svaret kommer in 28 december 2020.');
    await cycle('2020-12-29');
    const overdue = mailsAbout(consultation).filter((m) => m.subject.startsWith('Försenat'));
    expect(overdue).toHaveLength(1);
    // The day the deadline actually ran out.
    expect(overdue[0].text).toContain('skulle ha kommit in senast 28 december 2020. Sista svarsdagen passerades för 1 dag sedan.');
  });

  it('writes a city body’s name mid-sentence as Swedish does, a state agency’s as its proper name', () => {
    const base = { kind: 'overdue' as const, dueDate: '2020-12-02', today: '2020-12-03', consultationId: 'c', caseNumber: 'KS 2020/924', title: 'Program', senderName: 'Kommunstyrelsen' };
    expect(composeReminderMail({ ...base, recipientName: 'Socialnämnden', recipientKind: 'committee' }, 'https://x').text).toContain('Svaret från socialnämnden skulle');
    expect(composeReminderMail({ ...base, recipientName: 'Socialstyrelsen', recipientKind: 'external' }, 'https://x').text).toContain('Svaret från Socialstyrelsen skulle');
  });

  it('tells a remissinstans invited but not obliged to answer nothing about being late', async () => {
    const consultation = await openRemiss();
    await sentRecipient(consultation, 'sdn-sodermalm', { required: false });
    await cycle('2020-11-25');
    await cycle('2020-12-03');
    expect(mailsAbout(consultation).map((m) => m.subject.split(':')[0])).toEqual(['Påminnelse']);
  });

  it('leaves out recipients that answered, are only informed, or were never sent the remiss', async () => {
    const consultation = await openRemiss();
    const quiet = [
      await sentRecipient(consultation, 'sdn-sodermalm', { responseStatus: 'submitted' }),
      await sentRecipient(consultation, 'sdn-ostermalm', { responseStatus: 'declined' }),
      await sentRecipient(consultation, 'sdn-farsta', { responseStatus: 'no_comments' }),
      await sentRecipient(consultation, 'sdn-bromma', { role: 'for_information' }),
      await sentRecipient(consultation, 'sdn-skarpnack', { sentAt: null }),
    ];
    await cycle('2020-11-25');
    await cycle('2020-12-03');
    for (const recipient of quiet) expect(await remindersOf(recipient.id)).toEqual([]);
    expect(mailsAbout(consultation)).toHaveLength(0);
  });

  it('skips a queued reminder when the recipient answers before it goes out', async () => {
    const consultation = await openRemiss();
    const recipient = await sentRecipient(consultation);
    await planReminders(ds, '2020-11-25', 5);
    await ds.query(`UPDATE responses SET status = 'submitted' WHERE recipient_id = $1`, [recipient.id]);
    expect(await cycle('2020-11-25')).toMatchObject({ sent: 0, skipped: 1 });
    expect(await remindersOf(recipient.id)).toEqual([expect.objectContaining({ sentAt: null, lastError: 'skipped: answered', attempts: 0 })]);
    expect(mailsAbout(consultation)).toHaveLength(0);
  });

  it('reminds against an extended due date, and again after a new anstånd', async () => {
    const consultation = await openRemiss();
    const extended = await sentRecipient(consultation, 'sdn-sodermalm', { extendedDueDate: '2020-12-16' });
    await cycle('2020-11-25');
    await cycle('2020-12-03');
    await cycle('2020-12-08');
    expect(mailsAbout(consultation)).toHaveLength(0);
    await cycle('2020-12-09');
    expect(mailsAbout(consultation).map((m) => m.subject)).toEqual([`Påminnelse: remiss ${consultation.caseNumber} – svar senast 16 december 2020`]);

    await ds.query(`UPDATE recipients SET extended_due_date = '2021-01-15' WHERE id = $1`, [extended.id]);
    await cycle('2020-12-17');
    expect(mailsAbout(consultation)).toHaveLength(1);
    await cycle('2021-01-08');
    expect(mailsAbout(consultation).map((m) => m.subject)).toHaveLength(2);
    expect(mailsAbout(consultation)[1].subject).toContain('15 januari 2021');
    expect((await remindersOf(extended.id)).map((r) => `${r.kind} ${r.dueDate}`)).toEqual(['before_due 2020-12-16', 'before_due 2021-01-15']);
  });

  it('keeps reminders pending while SMTP is down, without using up the retries of the whole queue, and delivers them later', async () => {
    const dead = await startSmtpCapture();
    await dead.close();
    const failing = createMailer({ smtpUrl: `smtp://127.0.0.1:${dead.port}?ignoreTLS=true`, mailFrom: 'remiss@example.se', mailOutboxDir: 'unused' });
    const consultation = await openRemiss();
    const recipients = [await sentRecipient(consultation, 'sdn-sodermalm'), await sentRecipient(consultation, 'sdn-ostermalm')];

    expect(await cycle('2020-11-25', failing)).toMatchObject({ queued: 2, sent: 0, failed: 1 });
    const pending = (await Promise.all(recipients.map((r) => remindersOf(r.id)))).flat();
    expect(pending.every((r) => r.sentAt === null)).toBe(true);
    // The first failure says the server is unreachable: the cycle stops instead of failing the rest,
    // and the reminder keeps its attempts (the server, not the message, is the problem).
    expect(pending.map((r) => r.attempts)).toEqual([0, 0]);
    expect(pending.filter((r) => r.lastError).map((r) => r.lastError)).toEqual([expect.stringMatching(/ECONNREFUSED|connect/i)]);
    // An outage longer than the retries of one message still only delays it.
    for (let n = 0; n < 6; n++) await cycle('2020-11-25', failing);

    expect(await cycle('2020-11-26')).toMatchObject({ sent: 2 });
    expect(await remindersOf(recipients[0].id)).toEqual([expect.objectContaining({ lastError: null, sentTo: SODERMALM_STAFF })]);
    expect(mailsAbout(consultation)).toHaveLength(2);
  });

  it("goes to the organisation's registratur address from the register when it has one, not to its staff", async () => {
    await ds.query(`UPDATE organisations SET email = 'registrator@sdn-hagersten-alvsjo.example' WHERE register_key = 'sdn-hagersten-alvsjo'`);
    await ds.query(`INSERT INTO users (username, name, email, organisation_id, roles, password_hash) SELECT 'handlaggare.hagersten', 'Hedda Ek', 'hedda.ek@demo.remiss.invalid', id, ARRAY['handlaggare'], 'x' FROM organisations WHERE register_key = 'sdf-hagersten-alvsjo'`);
    const consultation = await openRemiss();
    const recipient = await sentRecipient(consultation, 'sdn-hagersten-alvsjo');
    await cycle('2020-11-25');
    expect(mailsAbout(consultation).map((m) => m.to)).toEqual([['registrator@sdn-hagersten-alvsjo.example']]);
    expect(await remindersOf(recipient.id)).toEqual([expect.objectContaining({ sentTo: ['registrator@sdn-hagersten-alvsjo.example'] })]);
  });

  it("gives up on a recipient without any address after a few attempts", async () => {
    const consultation = await openRemiss();
    const recipient = await sentRecipient(consultation, 'sdn-farsta'); // no mailbox, no users
    for (let i = 0; i < 7; i++) await cycle('2020-11-25');
    expect(await remindersOf(recipient.id)).toEqual([expect.objectContaining({ sentAt: null, attempts: 5, lastError: 'no address' })]);
  });
});

describe('GET /api/consultations/:id/recipients/:recipientId/reminders', () => {
  let consultation: Consultation;
  let recipient: Recipient;
  beforeAll(async () => {
    consultation = await openRemiss();
    recipient = await sentRecipient(consultation);
    await cycle('2020-11-25');
    await cycle('2020-12-03');
  });
  const url = () => `/api/consultations/${consultation.id}/recipients/${recipient.id}/reminders`;

  it('lists the reminders, with addresses for registrators only', async () => {
    const asRegistrator = await request(t.app).get(url()).set(bearer(await t.login('registrator')));
    expect(asRegistrator.status).toBe(200);
    expect(asRegistrator.body.total).toBe(2);
    expect(asRegistrator.body.items.map((r: { kind: string }) => r.kind)).toEqual(['before_due', 'overdue']);
    expect(asRegistrator.body.items[0]).toMatchObject({ dueDate: '2020-12-02', state: 'sent', attempts: 1, lastError: null, sentToCount: 2, sentTo: SODERMALM_STAFF });

    const asDrafter = await request(t.app).get(url()).set(bearer(await t.login('handlaggare.sodermalm')));
    expect(asDrafter.status).toBe(200);
    expect(asDrafter.body.items[0]).toMatchObject({ sentToCount: 2, sentTo: null });
  });

  it('answers 404 when the remiss is not readable or the recipient is not on it', async () => {
    expect((await request(t.app).get(url()).set(bearer(await t.login('handlaggare.ostermalm')))).status).toBe(404);
    const other = await openRemiss();
    const stranger = await sentRecipient(other);
    const res = await request(t.app).get(`/api/consultations/${consultation.id}/recipients/${stranger.id}/reminders`).set(bearer(await t.login('registrator')));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((await request(t.app).get(`/api/consultations/${consultation.id}/recipients/nope/reminders`).set(bearer(await t.login('registrator')))).status).toBe(400);
  });
});

describe('mail transports and the scheduler', () => {
  it('writes an .eml file to the outbox folder when there is no SMTP server', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'remiss-outbox-'));
    try {
      const outbox = createMailer({ mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: path.join(dir, 'outbox') });
      expect(outbox.kind).toBe('outbox');
      const messageId = await outbox.send({ to: ['someone@example.se'], subject: 'Påminnelse: remiss KS 2020/924', text: 'Sista svarsdag: 2 december 2020' });
      const files = await readdir(path.join(dir, 'outbox'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{8}T\d{9}Z-.+\.eml$/);
      const content = await readFile(path.join(dir, 'outbox', files[0]), 'latin1');
      expect(content).toContain(`Message-ID: ${messageId}`);
      expect(parseMail(content)).toEqual({ subject: 'Påminnelse: remiss KS 2020/924', text: 'Sista svarsdag: 2 december 2020', attachments: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const fakeLogger = () => ({ info: jest.fn(), warn: jest.fn(), debug: jest.fn(), error: jest.fn() });

  it('runs cycles on its own, and stop() lets the message in flight finish and commit', async () => {
    // No clock given, so the real today: a deadline three days ago is owed an overdue reminder.
    const consultation = await openRemiss({ registeredDate: '2020-01-01', dueDate: addDays(todayInStockholm(), -3) });
    const recipient = await sentRecipient(consultation);
    let sending = false;
    const slow: Mailer = {
      kind: 'smtp',
      close: () => undefined,
      async send(mail) {
        sending = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return mailer.send(mail);
      },
    };
    const logger = fakeLogger();
    const scheduler = startReminderScheduler({ dataSource: ds, mailer: slow, config: { ...CONFIG, reminderIntervalSeconds: 60 }, logger: logger as unknown as Logger, firstRunDelayMs: 0 });
    await waitFor(() => sending);
    await scheduler.stop();
    expect(await remindersOf(recipient.id)).toEqual([expect.objectContaining({ kind: 'overdue', attempts: 1, lastError: null, sentTo: SODERMALM_STAFF })]);
    expect(mailsAbout(consultation)).toHaveLength(1);
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ queued: 1, sent: 1 }), 'reminder cycle done');
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('survives failing cycles (database gone): logs and tries again', async () => {
    const logger = fakeLogger();
    const broken = { query: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })) } as unknown as DataSource;
    const scheduler = startReminderScheduler({ dataSource: broken, mailer, config: { ...CONFIG, reminderIntervalSeconds: 1 }, logger: logger as unknown as Logger, firstRunDelayMs: 0 });
    await waitFor(() => logger.warn.mock.calls.length >= 2, 5_000);
    await scheduler.stop();
    expect(logger.warn.mock.calls[0][0]).toEqual({ error: { message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' } });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
