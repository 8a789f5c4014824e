import request from 'supertest';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { runNotificationCycle } from '../src/notifications/notification-worker';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { sendToReview } from './support/review-flow';
import { startSmtpCapture, type SmtpCapture } from './support/smtp-capture';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * Telling people it is their turn (issue 14): the attestanter when an answer goes to review, the
 * assignee when it is returned or approved, the coordinator when it is submitted. E-mail through
 * the mailer to a real (loopback) SMTP server, each linking to its page; one message per event and
 * person however often the cycle runs; nobody is told of their own change; each person may turn it off.
 */
let t: TestApp;
let smtp: SmtpCapture;
let mailer: Mailer;
const auth: Record<string, Record<string, string>> = {};
const BASE = 'https://remiss.example.se';
const transition = (id: string, body: object, who: string) => request(t.app).post(`/api/responses/${id}/transitions`).set(auth[who]).send(body);
const cycle = () => runNotificationCycle({ dataSource: t.dataSource, mailer, baseUrl: BASE, maxPerCycle: 50 });
const mailsTo = (address: string, caseNumber: string) => smtp.messages.filter((m) => m.to.includes(address) && m.subject.includes(caseNumber));

async function newRemiss(caseNumber: string): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { caseNumber, status: 'open', sentDate: '2026-10-01', dueDate: '2099-01-15', coordinatorId: await organisationId(t.dataSource, 'socialforvaltningen') });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01T08:00:00Z') });
  return response.id;
}

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
  for (const who of ['handlaggare.sodermalm', 'attestant.sodermalm', 'coordinator']) auth[who] = bearer(await t.login(who));
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});

it('each turn reaches the right person once, with the link to the page', async () => {
  const id = await newRemiss('KS 2026/801');
  await sendToReview(t.app, id, auth['handlaggare.sodermalm']);
  await cycle();
  await cycle();
  const [review, ...more] = mailsTo('attestant.sodermalm@demo.remiss.invalid', 'KS 2026/801');
  expect(more).toHaveLength(0);
  expect(review.subject).toBe('Att attestera: svar på KS 2026/801 från Södermalms stadsdelsnämnd');
  expect(review.text).toContain('Hanna Söderberg har skickat Södermalms stadsdelsnämnds svar till granskning.');
  expect(review.text).toContain(`Öppna: ${BASE}/svar/${id}`);
  expect(review.text).toContain('Sista svarsdag: 15 januari 2099');
  // Nobody is told of their own change.
  expect(mailsTo('handlaggare.sodermalm@demo.remiss.invalid', 'KS 2026/801')).toHaveLength(0);

  expect((await transition(id, { action: 'return_to_drafting' }, 'attestant.sodermalm')).status).toBe(200);
  await cycle();
  expect(mailsTo('handlaggare.sodermalm@demo.remiss.invalid', 'KS 2026/801').map((m) => m.subject)).toEqual(['Tillbaka till dig: svar på KS 2026/801 från Södermalms stadsdelsnämnd']);

  expect((await transition(id, { action: 'submit_for_review' }, 'handlaggare.sodermalm')).status).toBe(200);
  expect((await transition(id, { action: 'approve' }, 'attestant.sodermalm')).status).toBe(200);
  expect((await transition(id, { action: 'decide', meetingDate: '2026-11-20', paragraph: '7', outcome: 'approved_as_proposed', decisionText: 'Nämnden beslutar enligt förslaget.' }, 'handlaggare.sodermalm')).status).toBe(200);
  expect((await transition(id, { action: 'submit' }, 'handlaggare.sodermalm')).status).toBe(200);
  await cycle();
  // A second review made a second message: another event.
  expect(mailsTo('attestant.sodermalm@demo.remiss.invalid', 'KS 2026/801')).toHaveLength(2);
  expect(mailsTo('handlaggare.sodermalm@demo.remiss.invalid', 'KS 2026/801').map((m) => m.subject[0] + m.subject.split(':')[0].slice(1))).toEqual(['Tillbaka till dig', 'Godkänt']);
  const [submitted] = mailsTo('coordinator@demo.remiss.invalid', 'KS 2026/801');
  expect(submitted.subject).toBe('Svar inkommet: svar på KS 2026/801 från Södermalms stadsdelsnämnd');
  expect(submitted.text).toMatch(new RegExp(`Öppna: ${BASE}/remisser/[0-9a-f-]{36}`));
});

it('a person who turned e-mail off gets none, also of what was queued before', async () => {
  const off = await request(t.app).put('/api/auth/me/notifications').set(auth['attestant.sodermalm']).send({ email: false });
  expect(off.body).toEqual({ email: false });
  expect((await request(t.app).get('/api/auth/me/notifications').set(auth['attestant.sodermalm'])).body).toEqual({ email: false });
  const id = await newRemiss('KS 2026/802');
  await sendToReview(t.app, id, auth['handlaggare.sodermalm']);
  await cycle();
  expect(mailsTo('attestant.sodermalm@demo.remiss.invalid', 'KS 2026/802')).toHaveLength(0);

  await request(t.app).put('/api/auth/me/notifications').set(auth['attestant.sodermalm']).send({ email: true });
  const queuedBefore = await newRemiss('KS 2026/803');
  await sendToReview(t.app, queuedBefore, auth['handlaggare.sodermalm']);
  await request(t.app).put('/api/auth/me/notifications').set(auth['attestant.sodermalm']).send({ email: false });
  await cycle();
  expect(mailsTo('attestant.sodermalm@demo.remiss.invalid', 'KS 2026/803')).toHaveLength(0);
  const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.notifications_changed'`);
  expect(audit[0].n).toBe(3);
  await request(t.app).put('/api/auth/me/notifications').set(auth['attestant.sodermalm']).send({ email: true });
});

it('a mail server that refuses keeps the message for a later attempt, still once', async () => {
  const id = await newRemiss('KS 2026/804');
  await sendToReview(t.app, id, auth['handlaggare.sodermalm']);
  const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1?ignoreTLS=true', mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
  try {
    expect((await runNotificationCycle({ dataSource: t.dataSource, mailer: down, baseUrl: BASE, maxPerCycle: 50 })).failed).toBe(1);
  } finally {
    down.close();
  }
  // The retry waits a minute: a cycle an hour later sends it.
  const later = new Date(Date.now() + 3600_000);
  await runNotificationCycle({ dataSource: t.dataSource, mailer, baseUrl: BASE, maxPerCycle: 50, now: () => later });
  await runNotificationCycle({ dataSource: t.dataSource, mailer, baseUrl: BASE, maxPerCycle: 50, now: () => later });
  expect(mailsTo('attestant.sodermalm@demo.remiss.invalid', 'KS 2026/804')).toHaveLength(1);
});
