import request from 'supertest';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { addRecipient, createConsultation } from '../support/factories';
import { cleanUpPdfs, pageTexts, pdfinfo, pdftotext, savePdf, squash } from './pdf-tools';

/*
 * DESIGN.md §4: a letter shows what was true on its date. The remissbrev keeps the deadline it was
 * sent with; each anstånd is its own letter (beslut om anstånd); the answer of a nämnd that avstår
 * comes from the nämnd with the person who recorded it as contact; a remiss is called what it is.
 */
let t: TestApp;
const as: Record<string, Record<string, string>> = {};
let ks924: string;
let sodermalm: { id: string; responseId: string };

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
const getPdf = (path: string, user: string) => request(t.app).get(path).set(as[user]).buffer(true).parse(binary);

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['registrator', 'coordinator', 'handlaggare.sodermalm', 'handlaggare.ostermalm']) as[user] = bearer(await t.login(user));
  ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(as.registrator)).body.items[0].id;
  const board = (await request(t.app).get(`/api/consultations/${ks924}/recipients?limit=1000`).set(as.registrator)).body.items;
  sodermalm = board.find((row: { organisation: { name: string } }) => row.organisation.name === 'Södermalms stadsdelsnämnd');
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

describe('the beslut om anstånd', () => {
  it('is its own letter, dated the day it was granted: new deadline, the one it replaces, the reason and who granted it', async () => {
    const extensions = await request(t.app).get(`/api/consultations/${ks924}/recipients/${sodermalm.id}/extensions`).set(as.registrator);
    expect(extensions.status).toBe(200);
    const [extension] = extensions.body.items;
    const path = `/api/consultations/${ks924}/recipients/${sodermalm.id}/extensions/${extension.id}/letter.pdf`;
    const res = await getPdf(path, 'handlaggare.sodermalm');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''Beslut%20om%20anst%C3%A5nd%20KS%202020%2F924%20S%C3%B6dermalms%20stadsdelsn%C3%A4mnd%202020-10-20.pdf`);
    const file = savePdf(res.body as Buffer, 'extension-demo');
    expect(pdfinfo(file)).toMatch(/^Title:\s+Beslut om anstånd: Stockholms stads program/m);
    const text = squash(pdftotext(file));
    expect(pageTexts(file, '-layout')[0]).toMatch(/Stockholms stad\s+Beslut om anstånd/);
    expect(text).toContain('Till Södermalms stadsdelsnämnd 20 oktober 2020');
    expect(text).toContain('senast den 2 december 2020 i stället för den 27 november 2020');
    expect(text).toContain('Skäl Nämnden sammanträder efter sista svarsdag.');
    expect(text).toContain('Beslutat 20 oktober 2020 av Rut Diariesson');
    expect(text).toContain('Frågor om anståndet besvaras av Rut Diariesson, Registrator, Stadsledningskontoret, e-post registrator@demo.remiss.invalid.');
  });

  it('comes with every new anstånd, for the same readers as the remissbrev; the remissbrev does not change', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01', kind: 'handlingsplan', title: 'Handlingsplan för fler träd' });
    const { recipient } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
    const cover = async () => squash(pdftotext(savePdf((await getPdf(`/api/consultations/${consultation.id}/recipients/${recipient.id}/cover-letter.pdf`, 'registrator')).body as Buffer, 'cover')));
    const before = await cover();
    expect(before).toContain('Kommunstyrelsen remitterar handlingsplanen till Södermalms stadsdelsnämnd för yttrande');
    expect(before).toMatch(/Typ av ärende Handlingsplan/);
    const granted = await request(t.app).post(`/api/consultations/${consultation.id}/recipients/${recipient.id}/extensions`).set(as.registrator).send({ dueDate: '2026-12-15', reason: 'Nämnden sammanträder den 14 december.' });
    expect(granted.status).toBe(201);
    const extensionId = granted.body.extension.id;
    const path = `/api/consultations/${consultation.id}/recipients/${recipient.id}/extensions/${extensionId}/letter.pdf`;
    // Granting it produces the letter: the answer links to it.
    expect(granted.body.extension.letter).toBe(path);
    const text = squash(pdftotext(savePdf((await getPdf(path, 'registrator')).body as Buffer, 'extension-new')));
    expect(text).toContain('senast den 15 december 2026 i stället för den 1 december 2026');
    expect(text).toContain('Nämnden sammanträder den 14 december.');
    // Sent on 1 September, the remissbrev still says what was true then.
    expect(await cover()).toEqual(before);
    expect((await getPdf(path, 'handlaggare.sodermalm')).status).toBe(200);
    expect((await getPdf(path, 'handlaggare.ostermalm')).status).toBe(404);
    expect((await getPdf(`/api/consultations/${consultation.id}/recipients/${recipient.id}/extensions/00000000-0000-4000-8000-000000000000/letter.pdf`, 'registrator')).status).toBe(404);
  });
});

describe('the remissbrev of a remiss whose deadline moved after it was sent', () => {
  it('keeps the deadline it was sent with', async () => {
    const ostermalm = (await request(t.app).get(`/api/consultations/${ks924}/recipients?limit=1000`).set(as.registrator)).body.items.find((row: { organisation: { name: string } }) => row.organisation.name === 'Östermalms stadsdelsnämnd');
    const path = `/api/consultations/${ks924}/recipients/${ostermalm.id}/cover-letter.pdf`;
    const text = async () => squash(pdftotext(savePdf((await getPdf(path, 'registrator')).body as Buffer, 'cover-moved')));
    expect(await text()).toContain('senast den 27 november 2020');
    await t.dataSource.query(`UPDATE consultations SET due_date = '2020-12-11' WHERE id = $1`, [ks924]);
    const after = await text();
    expect(after).toContain('senast den 27 november 2020');
    expect(after).not.toContain('11 december 2020');
  });
});

describe('the answer of a nämnd that avstår', () => {
  it('comes from the nämnd, with the person who recorded it as contact, and no signature', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01', title: 'Program för parker' });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
    const declined = await request(t.app).post(`/api/responses/${response.id}/transitions`).set(as['handlaggare.sodermalm']).send({ action: 'decline', reason: 'Frågan ligger utanför nämndens ansvar.', answeredDate: '2026-10-01' });
    expect(declined.status).toBe(200);
    const file = savePdf((await getPdf(`/api/responses/${response.id}/answer-letter.pdf`, 'coordinator')).body as Buffer, 'avstar');
    const [first] = pageTexts(file, '-layout');
    expect(first).toMatch(/Stockholms stad\s+Remissvar/);
    expect(first).toMatch(/Södermalms stadsdelsnämnd\s+Dnr/);
    expect(first).toMatch(/Kontaktperson\s+Till/);
    const text = squash(pdftotext(file));
    expect(text).toContain('Kontaktperson Hanna Söderberg handlaggare.sodermalm@demo.remiss.invalid');
    expect(text).toContain('Detta är nämndens svar till kommunstyrelsen i ärende');
    expect(text).toContain('Frågor om svaret besvaras av Hanna Söderberg, Utredare, Södermalms stadsdelsförvaltning, e-post handlaggare.sodermalm@demo.remiss.invalid.');
    expect(text).toContain('Med vänlig hälsning Södermalms stadsdelsnämnd');
    // No signature block: nobody signs for the nämnd with a title under their name.
    expect(text).not.toMatch(/Hanna Söderberg Utredare/);
  });
});
