import type { Logger } from 'pino';
import request from 'supertest';
import { runDeliveryCycle } from '../src/deliveries/delivery-worker';
import { startDeliveryScheduler } from '../src/deliveries/delivery-scheduler';
import { remissPageLink } from '../src/mail/links';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { organisationId } from './support/factories';
import { pdftotext, savePdf, cleanUpPdfs, pageCount } from './documents/pdf-tools';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from './support/smtp-capture';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * Sending reaches people: each remissinstans gets its remissbrev (PDF) by e-mail to the registratur
 * address of the register, through a real SMTP server on loopback, with a link to the remiss page;
 * the status board and the timeline show each delivery; those without an address are listed, and
 * their letters come as one PDF for the post.
 */
const CONFIG = { publicUrl: 'https://remiss.example.se/', port: 3000 };

let t: TestApp;
let smtp: SmtpCapture;
let mailer: Mailer;
const as: Record<string, Record<string, string>> = {};
const ids: Record<string, string> = {};
let caseSequence = 500;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  mailer = smtpMailer(smtp.port);
  for (const user of ['registrator', 'admin', 'reader', 'handlaggare.sodermalm', 'coordinator']) as[user] = bearer(await t.login(user));
  for (const key of ['kommunstyrelsen', 'socialforvaltningen', 'unizon', 'fryshuset', 'sdn-farsta', 'sdn-bromma', 'ks-pensionarsrad']) ids[key] = await organisationId(t.dataSource, key);
  const [list] = await t.dataSource.query(`SELECT id FROM distribution_lists WHERE seed_key = 'alla-stadsdelsnamnder'`);
  ids.allDistricts = list.id;
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  cleanUpPdfs();
  await t.close();
});

function smtpMailer(port: number): Mailer {
  return createMailer({ smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
}

const cycle = (options: { via?: Mailer; now?: Date } = {}) =>
  runDeliveryCycle({
    dataSource: t.dataSource,
    mailer: options.via ?? mailer,
    renderPdf: (document) => t.renderer.renderPdf(document),
    link: (id) => remissPageLink(CONFIG, id),
    now: options.now ? () => options.now! : undefined,
    requestId: 'test:delivery',
    maxPerCycle: 100,
  });

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Registers a remiss as the registrator, adds recipients and sends it; answers its id and Dnr. */
async function sendRemiss(recipients: { distributionListIds?: string[]; organisationIds?: string[] }): Promise<{ id: string; caseNumber: string }> {
  const caseNumber = `KS 2026/${++caseSequence}`;
  const created = await request(t.app)
    .post('/api/consultations')
    .set(as.registrator)
    .send({ caseNumber, title: 'Handlingsplan för ett tillgängligt Stockholm', kind: 'handlingsplan', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate: '2026-01-12', dueDate: '2099-06-01' });
  expect(created.status).toBe(201);
  const added = await request(t.app).post(`/api/consultations/${created.body.id}/recipients`).set(as.registrator).send(recipients);
  expect(added.status).toBe(201);
  const sent = await request(t.app).post(`/api/consultations/${created.body.id}/send`).set(as.registrator);
  expect(sent.status).toBe(200);
  return { id: created.body.id, caseNumber };
}

interface BoardRow {
  id: string;
  responseId: string;
  organisation: { id: string; name: string };
  lastEvent: { type: string } | null;
  delivery: { status: string; at: string; address: string | null; attempts: number; error: string | null } | null;
}
async function board(id: string, query = '') {
  const res = await request(t.app).get(`/api/consultations/${id}/recipients?limit=100${query}`).set(as.registrator);
  expect(res.status).toBe(200);
  return res.body as { items: BoardRow[]; total: number; counts: { byDelivery: Record<string, number> } };
}
const rowOf = async (id: string, name: string) => (await board(id)).items.find((r) => r.organisation.name === name)!;
const mailsAbout = (caseNumber: string): ReceivedMail[] => smtp.messages.filter((m) => m.subject.includes(caseNumber));

describe('sending a remiss to a sändlista and two external bodies', () => {
  let remiss: { id: string; caseNumber: string };

  beforeAll(async () => {
    remiss = await sendRemiss({ distributionListIds: [ids.allDistricts], organisationIds: [ids.unizon, ids.fryshuset] });
  });

  it('records every delivery in the send itself and mails nothing while the request runs', async () => {
    const { items, counts } = await board(remiss.id);
    expect(items).toHaveLength(13);
    // The 11 stadsdelsnämnder of today and Unizon have a registratur address; Fryshuset has none.
    expect(counts.byDelivery).toEqual({ queued: 12, no_address: 1 });
    expect(items.find((r) => r.organisation.name === 'Södermalms stadsdelsnämnd')!.delivery).toMatchObject({ status: 'queued', address: 'registrator@sdn-sodermalm.example', attempts: 0, error: null });
    expect(items.find((r) => r.organisation.name === 'Fryshuset')).toMatchObject({ delivery: { status: 'no_address', address: null }, lastEvent: { type: 'delivery_no_address' } });
    expect(mailsAbout(remiss.caseNumber)).toHaveLength(0);
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'consultation.sent' AND entity_id = $1`, [remiss.id]);
    expect(audit.after).toMatchObject({ dispatchedRecipients: 13, emailsQueued: 12, withoutAddress: 1 });
  });

  it("mails each its own remissbrev as a PDF, with the link to the remiss page, to its registratur address", async () => {
    expect(await cycle()).toMatchObject({ sent: 12, failed: 0 });
    const mails = mailsAbout(remiss.caseNumber);
    expect(mails).toHaveLength(12);
    expect(mails.map((m) => m.to).flat().sort()).toEqual(expect.arrayContaining(['registrator@sdn-sodermalm.example', 'registrator@sdn-jarva.example', 'registrator@unizon.example']));
    const sodermalm = mails.find((m) => m.to[0] === 'registrator@sdn-sodermalm.example')!;
    expect(sodermalm.subject).toBe(`Remiss ${remiss.caseNumber}: Handlingsplan för ett tillgängligt Stockholm – svar senast 1 juni 2099`);
    expect(sodermalm.text).toContain(`Öppna remissen: https://remiss.example.se/remisser/${remiss.id}`);
    expect(sodermalm.text).toContain('Kommunstyrelsen remitterar ärendet nedan till Södermalms stadsdelsnämnd för yttrande.');
    expect(sodermalm.text).toContain('Sista svarsdag: 1 juni 2099');
    expect(sodermalm.text).not.toContain('/api/');
    expect(sodermalm.attachments).toHaveLength(1);
    const [letter] = sodermalm.attachments;
    expect(letter.filename).toBe(`Remissbrev ${remiss.caseNumber.replace('/', '-')} Södermalms stadsdelsnämnd.pdf`);
    expect(letter.contentType).toBe('application/pdf');
    expect(letter.content.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdftotext(savePdf(letter.content, 'mailed-letter')).replace(/\s+/g, ' ');
    expect(text).toContain('Kommunstyrelsen remitterar handlingsplanen till Södermalms stadsdelsnämnd för yttrande');
    expect(text).toContain(`Dnr ${remiss.caseNumber}`);
    expect(text).toContain('senast den 1 juni 2099');
    // Each recipient gets its own letter, not Södermalm's.
    const unizon = mails.find((m) => m.to[0] === 'registrator@unizon.example')!;
    expect(pdftotext(savePdf(unizon.attachments[0].content, 'mailed-unizon')).replace(/\s+/g, ' ')).toContain('till Unizon för yttrande');
  });

  it('shows each delivery on the status board and the timeline, audited without the address; mails once only', async () => {
    expect(await cycle()).toMatchObject({ sent: 0, failed: 0 });
    expect(mailsAbout(remiss.caseNumber)).toHaveLength(12);
    const { items, counts } = await board(remiss.id);
    expect(counts.byDelivery).toEqual({ sent: 12, no_address: 1 });
    const sodermalm = items.find((r) => r.organisation.name === 'Södermalms stadsdelsnämnd')!;
    expect(sodermalm).toMatchObject({ lastEvent: { type: 'delivery_sent' }, delivery: { status: 'sent', attempts: 1, error: null } });
    const response = await request(t.app).get(`/api/responses/${sodermalm.responseId}`).set(as['handlaggare.sodermalm']);
    expect(response.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['sent', 'delivery_sent']));
    const audit = await t.dataSource.query(`SELECT actor_user_id, after FROM audit_events WHERE action = 'delivery.sent' AND after->>'recipientId' = $1`, [sodermalm.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBeNull();
    expect(audit[0].after).toMatchObject({ consultationId: remiss.id, status: 'sent', attempts: 1, messageId: expect.any(String) });
    expect(JSON.stringify(audit[0].after)).not.toContain('@sdn-sodermalm');
    // Everyone who may read the board sees the deliveries.
    const asReader = await request(t.app).get(`/api/consultations/${remiss.id}/recipients?limit=100`).set(as.reader);
    expect(asReader.body.counts.byDelivery).toEqual({ sent: 12, no_address: 1 });
  });

  it('lists those without an address for the post, and prints their letters in one PDF for registrators', async () => {
    const postal = await board(remiss.id, '&delivery=no_address');
    expect(postal.items.map((r) => r.organisation.name)).toEqual(['Fryshuset']);
    expect(postal.total).toBe(1);
    const url = `/api/consultations/${remiss.id}/postal-letters.pdf`;
    const pdf = await request(t.app).get(url).set(as.registrator).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = savePdf(pdf.body as Buffer, 'postal');
    const text = pdftotext(file).replace(/\s+/g, ' ');
    expect(text).toContain('Kommunstyrelsen remitterar handlingsplanen till Fryshuset för yttrande');
    expect(text).not.toContain('Södermalms stadsdelsnämnd');
    const single = await request(t.app).get(`/api/consultations/${remiss.id}/recipients/${postal.items[0].id}/cover-letter.pdf`).set(as.registrator).buffer(true).parse(binary);
    expect(pageCount(file)).toBe(pageCount(savePdf(single.body as Buffer, 'postal-single')));
    for (const user of ['reader', 'coordinator', 'handlaggare.sodermalm']) expect((await request(t.app).get(url).set(as[user])).status).toBe(403);
    expect((await request(t.app).get(`${url}?failed=maybe`).set(as.registrator)).body.errors).toEqual([{ path: 'query.failed', message: 'must be true or false' }]);
  });

  it('sends the letter once the register keeper has entered the missing address, on request', async () => {
    const fryshuset = await rowOf(remiss.id, 'Fryshuset');
    const resend = () => request(t.app).post(`/api/consultations/${remiss.id}/recipients/${fryshuset.id}/delivery`).set(as.registrator);
    const refused = await resend();
    expect([refused.status, refused.body.type]).toEqual([409, 'https://remiss.stockholm.se/problems/no-address']);
    expect(refused.body.detail).toContain('Fryshuset');

    const organisation = await request(t.app).get(`/api/organisations/${ids.fryshuset}`).set(as.registrator);
    const bad = await request(t.app).patch(`/api/organisations/${ids.fryshuset}`).set(as.registrator).set('If-Match', organisation.headers.etag).send({ email: 'registratur at fryshuset' });
    expect([bad.status, bad.body.errors]).toEqual([400, [{ path: 'body.email', message: 'must be an e-mail address' }]]);
    const patched = await request(t.app).patch(`/api/organisations/${ids.fryshuset}`).set(as.registrator).set('If-Match', organisation.headers.etag).send({ email: 'registrator@fryshuset.example' });
    expect([patched.status, patched.body.email]).toEqual([200, 'registrator@fryshuset.example']);
    const [audit] = await t.dataSource.query(`SELECT before, after FROM audit_events WHERE action = 'organisation.updated' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [ids.fryshuset]);
    expect([audit.before.email, audit.after.email]).toEqual([null, 'registrator@fryshuset.example']);

    const queued = await resend();
    expect([queued.status, queued.body.status, queued.body.address]).toEqual([202, 'queued', 'registrator@fryshuset.example']);
    expect((await resend()).body.type).toBe('https://remiss.stockholm.se/problems/delivery-queued');
    expect(await cycle()).toMatchObject({ sent: 1 });
    const mail = mailsAbout(remiss.caseNumber).find((m) => m.to[0] === 'registrator@fryshuset.example')!;
    expect(pdftotext(savePdf(mail.attachments[0].content, 'fryshuset')).replace(/\s+/g, ' ')).toContain('till Fryshuset för yttrande');
    expect((await rowOf(remiss.id, 'Fryshuset')).delivery).toMatchObject({ status: 'sent', address: 'registrator@fryshuset.example' });
    const postal = await request(t.app).get(`/api/consultations/${remiss.id}/postal-letters.pdf`).set(as.registrator);
    expect([postal.status, postal.body.type]).toEqual([409, 'https://remiss.stockholm.se/problems/no-postal-letters']);
    expect((await request(t.app).post(`/api/consultations/${remiss.id}/recipients/${fryshuset.id}/delivery`).set(as.reader)).status).toBe(403);
  });

  it('mails the letter of a recipient added after sending, as soon as it is added', async () => {
    const added = await request(t.app).post(`/api/consultations/${remiss.id}/recipients`).set(as.registrator).send({ organisationIds: [ids['ks-pensionarsrad']], role: 'for_information', required: false });
    expect(added.body.added[0].delivery).toMatchObject({ status: 'queued', address: 'registrator@ks-pensionarsrad.example' });
    expect(await cycle()).toMatchObject({ sent: 1 });
    const mail = mailsAbout(remiss.caseNumber).find((m) => m.to[0] === 'registrator@ks-pensionarsrad.example')!;
    expect(mail.subject).toBe(`Remiss för kännedom ${remiss.caseNumber}: Handlingsplan för ett tillgängligt Stockholm`);
    expect(mail.text).toContain('för kännedom. Något svar begärs inte.');
  });
});

describe('when the mail server refuses or cannot be reached', () => {
  it('retries with growing delays, then marks the delivery failed; the board, timeline and audit say so', async () => {
    const refusing = await startSmtpCapture({ refuseData: { code: 554, message: 'Transaction failed: policy rejection' } });
    const via = smtpMailer(refusing.port);
    try {
      const remiss = await sendRemiss({ organisationIds: [ids['sdn-farsta']] });
      const start = Date.now();
      const at = (seconds: number) => new Date(start + seconds * 1000);
      expect(await cycle({ via, now: at(1) })).toMatchObject({ sent: 0, failed: 1, givenUp: 0 });
      let { delivery } = await rowOf(remiss.id, 'Farsta stadsdelsnämnd');
      expect(delivery).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('554') });
      // Not again before its delay (1 minute) has passed.
      expect(await cycle({ via, now: at(30) })).toMatchObject({ sent: 0, failed: 0 });
      expect(await cycle({ via, now: at(62) })).toMatchObject({ failed: 1 });
      expect(await cycle({ via, now: at(62 + 299) })).toMatchObject({ failed: 0 });
      expect(await cycle({ via, now: at(62 + 301) })).toMatchObject({ failed: 1 });
      expect(await cycle({ via, now: at(363 + 1801) })).toMatchObject({ failed: 1 });
      expect(await cycle({ via, now: at(2164 + 7201) })).toMatchObject({ failed: 1, givenUp: 1 });
      expect(await cycle({ via, now: at(100_000) })).toMatchObject({ failed: 0 });
      expect(refusing.refused).toBe(5);

      ({ delivery } = await rowOf(remiss.id, 'Farsta stadsdelsnämnd'));
      expect(delivery).toMatchObject({ status: 'failed', attempts: 5, address: 'registrator@sdn-farsta.example', error: expect.stringContaining('policy rejection') });
      expect(delivery!.error).not.toContain('@');
      const row = await rowOf(remiss.id, 'Farsta stadsdelsnämnd');
      expect(row.lastEvent).toMatchObject({ type: 'delivery_failed' });
      const [audit] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'delivery.failed' AND after->>'recipientId' = $1`, [row.id]);
      expect(audit.after).toMatchObject({ status: 'failed', attempts: 5 });

      // By post after all: the failed ones on request.
      const url = `/api/consultations/${remiss.id}/postal-letters.pdf`;
      expect((await request(t.app).get(url).set(as.registrator)).status).toBe(409);
      const pdf = await request(t.app).get(`${url}?failed=true`).set(as.registrator).buffer(true).parse(binary);
      expect(pdf.status).toBe(200);
      expect(pdftotext(savePdf(pdf.body as Buffer, 'failed-postal')).replace(/\s+/g, ' ')).toContain('till Farsta stadsdelsnämnd för yttrande');

      // Or by e-mail again, once the mail server takes it.
      const again = await request(t.app).post(`/api/consultations/${remiss.id}/recipients/${row.id}/delivery`).set(as.admin);
      expect([again.status, again.body.attempts]).toEqual([202, 0]);
      expect(await cycle()).toMatchObject({ sent: 1 });
      expect(mailsAbout(remiss.caseNumber)).toHaveLength(1);
      const events = await t.dataSource.query(`SELECT type FROM recipient_events WHERE recipient_id = $1 ORDER BY id`, [row.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['added', 'sent', 'delivery_failed', 'delivery_requeued', 'delivery_sent']);
    } finally {
      via.close();
      await refusing.close();
    }
  });

  it('stops the cycle at an unreachable server, charging one attempt, and delivers when it is back', async () => {
    const dead = await startSmtpCapture();
    await dead.close();
    const via = smtpMailer(dead.port);
    try {
      const remiss = await sendRemiss({ organisationIds: [ids['sdn-farsta'], ids['sdn-bromma']] });
      expect(await cycle({ via })).toMatchObject({ sent: 0, failed: 1 });
      const attempts = (await board(remiss.id)).items.map((r) => r.delivery!.attempts).sort();
      expect(attempts).toEqual([0, 1]);
      expect((await board(remiss.id)).items.find((r) => r.delivery!.attempts === 1)!.delivery!.error).toMatch(/ECONNREFUSED|connect/i);
      // Back: the untried one at once; the other after its delay.
      expect(await cycle()).toMatchObject({ sent: 1 });
      expect(await cycle({ now: new Date(Date.now() + 61_000) })).toMatchObject({ sent: 1 });
      expect(mailsAbout(remiss.caseNumber)).toHaveLength(2);
    } finally {
      via.close();
    }
  });

  it('sends nothing for a remiss cancelled before its letters went out', async () => {
    const remiss = await sendRemiss({ organisationIds: [ids['sdn-bromma']] });
    const read = await request(t.app).get(`/api/consultations/${remiss.id}`).set(as.registrator);
    const cancelled = await request(t.app).patch(`/api/consultations/${remiss.id}`).set(as.registrator).set('If-Match', read.headers.etag).send({ status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect(await cycle()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(mailsAbout(remiss.caseNumber)).toHaveLength(0);
    expect((await rowOf(remiss.id, 'Bromma stadsdelsnämnd')).delivery).toMatchObject({ status: 'cancelled' });
  });
});

describe('the delivery scheduler', () => {
  it('mails the letters right after a send, without waiting for its interval', async () => {
    const logger = { info: jest.fn(), warn: jest.fn(), debug: jest.fn(), error: jest.fn() };
    const scheduler = startDeliveryScheduler({
      dataSource: t.dataSource,
      mailer,
      renderPdf: (document) => t.renderer.renderPdf(document),
      config: { ...CONFIG, deliveryIntervalSeconds: 3600 },
      logger: logger as unknown as Logger,
      notifier: t.deliveries,
      firstRunDelayMs: 3_600_000,
    });
    try {
      const remiss = await sendRemiss({ organisationIds: [ids['sdn-bromma']] });
      const deadline = Date.now() + 20_000;
      while (mailsAbout(remiss.caseNumber).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(mailsAbout(remiss.caseNumber)).toHaveLength(1);
      expect(mailsAbout(remiss.caseNumber)[0].text).toContain(`https://remiss.example.se/remisser/${remiss.id}`);
    } finally {
      await scheduler.stop();
    }
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
