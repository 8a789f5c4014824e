import request from 'supertest';
import { Attachment } from '../../src/attachments/attachment.entity';
import { User } from '../../src/users/user.entity';
import { addRecipient, createConsultation } from '../support/factories';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { cleanUpPdfs, pdfinfo, pdftotext, qpdfCheck, savePdf, squash } from './pdf-tools';

/*
 * The remissbrev, the answer letter and the sammanställning over HTTP: who may have which letter
 * (the same rules as the data they show), the text of real (demo) documents, and the fallback of
 * GET …/pdf to the answer letter for a response that avstår without a statement.
 */
let t: TestApp;
const as: Record<string, Record<string, string>> = {};
let ks924: string;
let board: Array<{ id: string; responseId: string; organisation: { name: string } }>;

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
const getPdf = (path: string, user: string) => request(t.app).get(path).set(as[user]).buffer(true).parse(binary);
const textOf = (res: request.Response) => squash(pdftotext(savePdf(res.body as Buffer, 'route')));

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['registrator', 'admin', 'coordinator', 'reader', 'handlaggare.sodermalm', 'handlaggare.ostermalm']) as[user] = bearer(await t.login(user));
  ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(as.registrator)).body.items[0].id;
  board = (await request(t.app).get(`/api/consultations/${ks924}/recipients?limit=1000`).set(as.registrator)).body.items;
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

const recipientOf = (name: string) => board.find((row) => row.organisation.name === name)!;

describe('GET /api/consultations/:id/recipients/:recipientId/cover-letter.pdf', () => {
  it('names a city body mid-sentence as Swedish does: "till socialnämnden för yttrande"', async () => {
    const res = await getPdf(`/api/consultations/${ks924}/recipients/${recipientOf('Socialnämnden').id}/cover-letter.pdf`, 'registrator');
    const text = squash(pdftotext(savePdf(res.body, 'cover-socialnamnden')));
    expect(text).toContain('till socialnämnden för yttrande');
    expect(text).toContain('där remissen finns under socialnämnden');
  });

  it('gives the registrator the remissbrev of KS 2020/924 to Södermalm, with the deadline of its date and the Dnr', async () => {
    const res = await getPdf(`/api/consultations/${ks924}/recipients/${recipientOf('Södermalms stadsdelsnämnd').id}/cover-letter.pdf`, 'registrator');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''Remissbrev%20KS%202020%2F924%20S%C3%B6dermalms%20stadsdelsn%C3%A4mnd.pdf`);
    const file = savePdf(res.body, 'cover-demo');
    qpdfCheck(file);
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes/m);
    const text = squash(pdftotext(file));
    expect(text).toContain('Till Södermalms stadsdelsnämnd 28 augusti 2020');
    // The anstånd came weeks later (its own letter): on 28 August the deadline was 27 November.
    expect(text).toContain('senast den 27 november 2020');
    expect(text).not.toContain('2 december 2020');
    expect(text).not.toContain('anstånd');
    expect(text).toContain('Dnr KS 2020/924');
    expect(text).toContain('Kommunstyrelsen remitterar programmet till Södermalms stadsdelsnämnd');
    // The contact is the registrator by name, not "Registraturen".
    expect(text).toMatch(/Registrator Rut Diariesson registrator@demo\.remiss\.invalid/);
    expect(text).toContain('Frågor om remissen besvaras av Rut Diariesson, Registrator, Stadsledningskontoret, e-post registrator@demo.remiss.invalid.');
    expect(text).not.toContain('Registraturen');
  });

  it('is the recipient organisation\'s own once sent, and the coordinator\'s; 404 for everyone else', async () => {
    const path = `/api/consultations/${ks924}/recipients/${recipientOf('Södermalms stadsdelsnämnd').id}/cover-letter.pdf`;
    expect((await getPdf(path, 'handlaggare.sodermalm')).status).toBe(200);
    expect((await getPdf(path, 'coordinator')).status).toBe(200);
    expect((await getPdf(path, 'admin')).status).toBe(200);
    // Östermalm received KS 2020/924 too, but Södermalm's letter is not its own.
    expect((await getPdf(path, 'handlaggare.ostermalm')).status).toBe(404);
    expect((await getPdf(path, 'reader')).status).toBe(404);
  });

  it('is 404 for another organisation\'s handläggare on a remiss it did not receive, and for a recipient not yet sent to', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01' });
    const sent = (await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') })).recipient;
    const unsent = (await addRecipient(t.dataSource, consultation.id, 'sdn-ostermalm')).recipient;
    const res = await getPdf(`/api/consultations/${consultation.id}/recipients/${sent.id}/cover-letter.pdf`, 'handlaggare.ostermalm');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await getPdf(`/api/consultations/${consultation.id}/recipients/${unsent.id}/cover-letter.pdf`, 'handlaggare.ostermalm')).status).toBe(404);
    expect((await getPdf(`/api/consultations/${consultation.id}/recipients/${unsent.id}/cover-letter.pdf`, 'registrator')).status).toBe(200);
    expect((await getPdf(`/api/consultations/${consultation.id}/recipients/${sent.id}/cover-letter.pdf`, 'handlaggare.sodermalm')).status).toBe(200);
    // A recipient of another remiss is not found under this one.
    expect((await getPdf(`/api/consultations/${ks924}/recipients/${sent.id}/cover-letter.pdf`, 'registrator')).status).toBe(404);
  });

  it('names the registrator who registered the remiss and lists the remisshandlingar', async () => {
    const registrator = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'registrator' });
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01', createdBy: registrator.id, title: 'Motion om fler parklekar', kind: 'motion' });
    const { recipient } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
    await t.dataSource.getRepository(Attachment).save([
      { consultationId: consultation.id, fileName: 'Motion om fler parklekar.pdf', contentType: 'application/pdf', sizeBytes: '100', sha256: 'a'.repeat(64), storageKey: `test-${consultation.id}-1` },
      { consultationId: consultation.id, fileName: 'Utlåtande från stadsledningskontoret.pdf', contentType: 'application/pdf', sizeBytes: '100', sha256: 'b'.repeat(64), storageKey: `test-${consultation.id}-2` },
    ]);
    const text = textOf(await getPdf(`/api/consultations/${consultation.id}/recipients/${recipient.id}/cover-letter.pdf`, 'registrator'));
    expect(text).toContain('Kommunstyrelsen remitterar motionen till Södermalms stadsdelsnämnd');
    expect(text).toContain('senast den 1 december 2026');
    expect(text).toContain(registrator.name);
    expect(text).toMatch(/1\. Motion om fler parklekar\.pdf 2\. Utlåtande från stadsledningskontoret\.pdf/);
  });
});

describe('GET /api/responses/:id/answer-letter.pdf and the fallback of …/pdf', () => {
  let declined: string;
  let drafting: string;
  beforeAll(async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01', title: 'Program för parker' });
    declined = (await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') })).response.id;
    drafting = (await addRecipient(t.dataSource, consultation.id, 'sdn-ostermalm', { sentAt: new Date('2026-09-01T08:00:00Z') })).response.id;
    // A statement started and then abandoned: the answer is still the decline.
    expect((await request(t.app).post(`/api/responses/${declined}/transitions`).set(as['handlaggare.sodermalm']).send({ action: 'start' })).status).toBe(200);
    const decline = await request(t.app).post(`/api/responses/${declined}/transitions`).set(as['handlaggare.sodermalm']).send({ action: 'decline', reason: 'Frågan ligger utanför nämndens ansvar.', answeredDate: '2026-10-01' });
    expect(decline.status).toBe(200);
    expect((await request(t.app).post(`/api/responses/${drafting}/transitions`).set(as['handlaggare.ostermalm']).send({ action: 'start' })).status).toBe(200);
  });

  it('renders the letter of a response that avstår, with the reason and who answered', async () => {
    const res = await getPdf(`/api/responses/${declined}/answer-letter.pdf`, 'handlaggare.sodermalm');
    expect(res.status).toBe(200);
    const text = textOf(res);
    expect(text).toContain('Ställningstagande: Avstår');
    expect(text).toContain('Södermalms stadsdelsnämnd avstår från att yttra sig över remissen.');
    expect(text).toContain('Frågan ligger utanför nämndens ansvar.');
    expect(text).toContain('1 oktober 2026');
    expect(text).toContain('Södermalms stadsdelsförvaltning');
  });

  it('is readable by others who read the remiss once answered, as the answer itself is', async () => {
    expect((await getPdf(`/api/responses/${declined}/answer-letter.pdf`, 'coordinator')).status).toBe(200);
  });

  it('answers 409 for a response that did not avstå, and 404 for a draft of another organisation', async () => {
    const res = await request(t.app).get(`/api/responses/${drafting}/answer-letter.pdf`).set(as['handlaggare.ostermalm']);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await request(t.app).get(`/api/responses/${drafting}/answer-letter.pdf`).set(as['handlaggare.sodermalm'])).status).toBe(404);
  });

  it('GET …/pdf gives the answer letter, not the abandoned draft, and …/preview shows it', async () => {
    const res = await getPdf(`/api/responses/${declined}/pdf`, 'handlaggare.sodermalm');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('Remissvar');
    expect(textOf(res)).toContain('avstår från att yttra sig');
    expect((await getPdf(`/api/responses/${declined}/pdf`, 'coordinator')).headers['content-disposition']).toContain('Remissvar');
    const preview = await request(t.app).get(`/api/responses/${declined}/preview`).set(as['handlaggare.sodermalm']);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Frågan ligger utanför nämndens ansvar.');
  });
});

describe('GET /api/consultations/:id/compilation.pdf', () => {
  it('gives the coordinator the sammanställning of KS 2020/924: every remissinstans, each answered section', async () => {
    const res = await getPdf(`/api/consultations/${ks924}/compilation.pdf`, 'coordinator');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('Sammanst');
    const compilation = (await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(as.coordinator)).body;
    const file = savePdf(res.body, 'compilation-demo');
    qpdfCheck(file);
    expect(pdfinfo(file, '-meta')).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    const text = squash(pdftotext(file));
    for (const row of compilation.matrix) expect(text).toContain(row.organisation.name.replace(/\s+/g, ' '));
    for (const section of compilation.sections) expect(text).toContain(section.heading);
    expect(text).toContain(compilation.beredning.slice(0, 60));
  });

  it('groups per remissinstans on request, refuses an unknown grouping, and follows the JSON compilation\'s policy', async () => {
    const res = await getPdf(`/api/consultations/${ks924}/compilation.pdf?groupBy=recipient`, 'registrator');
    expect(res.status).toBe(200);
    expect(textOf(res)).toMatch(/Södermalms stadsdelsnämnd Svarade 2 december 2020/);
    expect((await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf?groupBy=organisation`).set(as.coordinator)).status).toBe(400);
    expect((await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(as['handlaggare.sodermalm'])).status).toBe(403);
    expect((await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(as.reader)).status).toBe(403);
  });
});
