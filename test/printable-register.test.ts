import request from 'supertest';
import { cleanUpPdfs, pdfinfo, pdftotext, savePdf, squash } from './documents/pdf-tools';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { expectPrinted, expectRefused, PRINTABLE, UNPRINTABLE } from './support/printable-cases';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * No character is ever lost (issue 11 §1) beyond the statement: every text of the register and of
 * the remiss that reaches a document (organisation names, users' names, titles and phones, the
 * Dnr, an anstånd's reason, the document templates' own text) is refused when saved if the fonts
 * cannot print it (400 naming the field and the characters, nothing saved), and accepted and
 * printed when they can.
 */
let t: TestApp;
let admin: Record<string, string>;
let registrator: Record<string, string>;

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
async function pdfFile(path: string, auth: Record<string, string>): Promise<string> {
  const res = await request(t.app).get(path).set(auth).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return savePdf(res.body as Buffer, 'printable');
}
const pdfText = async (path: string, auth: Record<string, string>) => pdftotext(await pdfFile(path, auth));
const get = (path: string, auth = admin) => request(t.app).get(path).set(auth);

/** A remiss sent to one recipient, inserted directly: for printing what the register holds. */
async function sentRemiss(fields: { createdBy?: string; caseNumber?: string } = {}, recipientKey = 'sdn-sodermalm') {
  const remiss = await createConsultation(t.dataSource, { status: 'open', registeredDate: '2026-09-01', sentDate: '2026-09-01', dueDate: '2026-12-01', ...fields });
  const { recipient } = await addRecipient(t.dataSource, remiss.id, recipientKey, { sentAt: new Date('2026-09-01T08:00:00Z') });
  return { remiss, recipient, coverLetter: `/api/consultations/${remiss.id}/recipients/${recipient.id}/cover-letter.pdf` };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
  registrator = bearer(await t.login('registrator'));
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

describe('users (handläggare, registrator, signatory, attest)', () => {
  const newUser = async (fields: object) => ({
    username: 'skrivare.ny',
    organisationId: await organisationId(t.dataSource, 'stadsledningskontoret'),
    roles: ['registrator'],
    password: 'ett-langt-losenord',
    ...fields,
  });

  it('refuses an unprintable name, title or phone on creating and on changing a user, and saves nothing', async () => {
    const created = await request(t.app).post('/api/users').set(admin).send(await newUser({ name: UNPRINTABLE, title: UNPRINTABLE, phone: `08 ${UNPRINTABLE}` }));
    expectRefused(created, ['body.name', 'body.title', 'body.phone']);
    expect((await get('/api/users?q=skrivare.ny')).body.total).toBe(0);

    const [demo] = (await get('/api/users?q=handlaggare.sodermalm')).body.items;
    const before = await get(`/api/users/${demo.id}`);
    for (const field of ['name', 'title', 'phone']) {
      const res = await request(t.app).patch(`/api/users/${demo.id}`).set(admin).set('If-Match', before.headers.etag).send({ [field]: UNPRINTABLE });
      expectRefused(res, [`body.${field}`]);
    }
    const after = await get(`/api/users/${demo.id}`);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body).toEqual(before.body);
  });

  it('accepts Sámi, Greek, Cyrillic and Hebrew, and the remissbrev prints them for its registrator', async () => {
    const created = await request(t.app).post('/api/users').set(admin).send(await newUser({ name: PRINTABLE, title: 'Registrator Ελλάδα', phone: '08-508 00 000' }));
    expect(created.status).toBe(201);
    const { coverLetter } = await sentRemiss({ createdBy: created.body.id });
    const text = await pdfText(coverLetter, registrator);
    expectPrinted(text);
    expect(text).toContain('Registrator Ελλάδα');
  });
});

describe('organisations', () => {
  it('refuses an unprintable name on creating and on changing an organisation, and saves nothing', async () => {
    const created = await request(t.app).post('/api/organisations').set(registrator).send({ name: UNPRINTABLE, kind: 'external' });
    expectRefused(created, ['body.name']);
    expect((await get('/api/organisations?q=Klart', registrator)).body.total).toBe(0);

    const id = await organisationId(t.dataSource, 'sdn-sodermalm');
    const before = await get(`/api/organisations/${id}`, registrator);
    const res = await request(t.app).patch(`/api/organisations/${id}`).set(registrator).set('If-Match', before.headers.etag).send({ name: `Södermalm ${UNPRINTABLE}` });
    expectRefused(res, ['body.name']);
    const after = await get(`/api/organisations/${id}`, registrator);
    expect(after.body).toEqual(before.body);
  });

  it('accepts Sámi, Greek, Cyrillic and Hebrew, and the remissbrev to it prints the name', async () => {
    const created = await request(t.app).post('/api/organisations').set(registrator).send({ name: `Sámediggi ${PRINTABLE}`, kind: 'external' });
    expect(created.status).toBe(201);
    await t.dataSource.query(`UPDATE organisations SET register_key = 'test-samediggi' WHERE id = $1`, [created.body.id]);
    const { coverLetter } = await sentRemiss({}, 'test-samediggi');
    expectPrinted(await pdfText(coverLetter, registrator));
  });
});

describe('the remiss', () => {
  const remiss = async (caseNumber: string) =>
    request(t.app)
      .post('/api/consultations')
      .set(registrator)
      .send({ caseNumber, title: 'Program för test', kind: 'program', senderId: await organisationId(t.dataSource, 'kommunstyrelsen'), registeredDate: '2026-09-01' });

  it('refuses a Dnr in letters the fonts cannot print (Arabic, CJK), naming them; "✓" is no Dnr at all', async () => {
    expectRefused(await remiss('KS 2026/مرحبا東京'), ['body.caseNumber'], ['U+0645 م', 'U+6771 東']);
    const tick = await remiss('KS 2026/1 ✓');
    expect(tick.status).toBe(400);
    expect(tick.body.errors[0]).toMatchObject({ path: 'body.caseNumber', message: expect.stringContaining('diarienummer') });
    expect((await get('/api/consultations?q=2026/', registrator)).body.items.filter((c: { caseNumber: string }) => /مرحبا|✓/.test(c.caseNumber))).toEqual([]);
  });

  it('accepts a Dnr in Greek or Cyrillic letters and prints it', async () => {
    const created = await remiss('ΚΣ 2026/17');
    expect(created.status).toBe(201);
    const { coverLetter } = await sentRemiss({ caseNumber: 'ДНР 2026/18' });
    expect(await pdfText(coverLetter, registrator)).toContain('Dnr ДНР 2026/18');
  });
});

describe('anstånd', () => {
  it('refuses an unprintable reason and grants nothing; a printable one is printed in the beslut om anstånd', async () => {
    const { remiss, recipient } = await sentRemiss();
    const url = `/api/consultations/${remiss.id}/recipients/${recipient.id}/extensions`;
    expectRefused(await request(t.app).post(url).set(registrator).send({ dueDate: '2026-12-15', reason: UNPRINTABLE }), ['body.reason']);
    expect((await get(url, registrator)).body.total).toBe(0);
    expect((await get(`/api/consultations/${remiss.id}/recipients`, registrator)).body.items[0].extended).toBe(false);

    const granted = await request(t.app).post(url).set(registrator).send({ dueDate: '2026-12-15', reason: `Nämnden ber om anstånd: ${PRINTABLE}` });
    expect(granted.status).toBe(201);
    expectPrinted(await pdfText(`${url}/${granted.body.extension.id}/letter.pdf`, registrator));
  });
});

describe('document templates', () => {
  it("refuses a template whose own text the fonts cannot print, naming the characters; the default stays", async () => {
    const current = await get('/api/document-templates/cover-letter');
    const source = (current.body.source as string).replace('</h1>', ' ✓ 😀</h1>');
    expect(source).not.toBe(current.body.source);
    const res = await request(t.app).put('/api/document-templates/cover-letter').set(admin).set('If-Match', current.headers.etag).send({ source });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.source', message: expect.stringMatching(/^cover-letter: its text holds characters the documents cannot print: U\+2713 ✓, U\+1F600 😀/) }]);
    expect((await get('/api/document-templates/cover-letter')).headers.etag).toBe(current.headers.etag);
    // Written as an entity, it is the same character.
    const entity = (current.body.source as string).replace('</h1>', ' &#x2713;</h1>');
    const again = await request(t.app).put('/api/document-templates/cover-letter').set(admin).set('If-Match', current.headers.etag).send({ source: entity });
    expect(again.body.errors[0].message).toContain('U+2713 ✓');
  });
});

describe('text stored before the rule', () => {
  it('still prints: each such run drawn as its code points, the characters kept in the text layer, never a box', async () => {
    const { remiss, recipient, coverLetter } = await sentRemiss({ createdBy: (await get('/api/users?q=registrator')).body.items[0].id });
    // As rows written before saves were checked hold them.
    await t.dataSource.query(`UPDATE organisations SET name = 'Södermalms stadsdelsnämnd ✓' WHERE id = $1`, [recipient.organisationId]);
    await t.dataSource.query(`UPDATE users SET name = 'Rut 😀 Diariesson' WHERE username = 'registrator'`);
    await t.dataSource.query(`UPDATE consultations SET title = 'Program 東京' WHERE id = $1`, [remiss.id]);
    const file = await pdfFile(coverLetter, registrator);
    const text = pdftotext(file);
    for (const written of ['Södermalms stadsdelsnämnd ✓', 'Rut 😀 Diariesson', 'Program 東京']) expect(text).toContain(written);
    expect(text).not.toContain('\u25a1');
    const drawn = squash(pdfinfo(file, '-struct-text'));
    for (const shown of ['[U+2713]', '[U+1F600]', '[U+6771 U+4EAC]']) expect(drawn).toContain(shown);
  });
});
