import request from 'supertest';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * No character is ever lost (issue 11 §1): what the embedded fonts cannot set is refused when it
 * is saved, with the field and the characters named, and nothing is saved; what they can set
 * (Latin with Sámi, Greek, Cyrillic, Hebrew) is accepted.
 */
let t: TestApp;
let handlaggare: Record<string, string>;

const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text }] }];
const statement = (id: string) => request(t.app).get(`/api/responses/${id}/statement`).set(handlaggare);
const revisionCount = async (id: string) => (await request(t.app).get(`/api/responses/${id}/revisions`).set(handlaggare)).body.total as number;

async function startedResponse(): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01') });
  expect((await request(t.app).post(`/api/responses/${response.id}/transitions`).set(handlaggare).send({ action: 'start' })).status).toBe(200);
  return response.id;
}

async function saveSection(id: string, key: string, body: object) {
  const etag = (await request(t.app).get(`/api/responses/${id}/statement/sections/${key}`).set(handlaggare)).headers.etag;
  return request(t.app).put(`/api/responses/${id}/statement/sections/${key}`).set(handlaggare).set('If-Match', etag).send(body);
}

beforeAll(async () => {
  t = await startTestApp();
  handlaggare = bearer(await t.login('handlaggare.sodermalm'));
});
afterAll(() => t.close());

describe('saving a section', () => {
  it('accepts Swedish, Sámi, Greek, Cyrillic and Hebrew', async () => {
    const id = await startedResponse();
    const text = 'Åsa skriver: Sámegiella – Ŋ ŧ đ č š ž á; Ελληνικά; Русский язык; עברית שלום 2024.';
    const saved = await saveSection(id, 'sammanfattning', { body: paragraph(text), heading: 'Σύνοψη – Резюме – סיכום' });
    expect(saved.status).toBe(200);
    expect(saved.body.body).toEqual(paragraph(text));
  });

  it('refuses ✓, emoji, CJK and Arabic with 400 naming the field and each character, and saves nothing', async () => {
    const id = await startedResponse();
    const before = (await statement(id)).body.sections.find((s: { key: string }) => s.key === 'sammanfattning');
    const revisions = await revisionCount(id);
    const res = await saveSection(id, 'sammanfattning', {
      body: [
        { type: 'paragraph', content: [{ text: 'Klart ✓ och 😀' }, { footnote: 'Källa: 東京' }] },
        { type: 'bullet_list', items: [{ content: [{ text: 'Citat: مرحبا' }] }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['body.body.0.content.0.text', 'body.body.0.content.1.footnote', 'body.body.1.items.0.content.0.text']);
    expect(byPath['body.body.0.content.0.text']).toContain('U+2713 ✓');
    expect(byPath['body.body.0.content.0.text']).toContain('U+1F600 😀');
    expect(byPath['body.body.0.content.1.footnote']).toContain('U+6771 東, U+4EAC 京');
    expect(byPath['body.body.1.items.0.content.0.text']).toContain('U+0645 م');
    const after = (await statement(id)).body.sections.find((s: { key: string }) => s.key === 'sammanfattning');
    expect(after).toEqual(before);
    expect(await revisionCount(id)).toBe(revisions);
  });

  it('refuses an unprintable section heading', async () => {
    const id = await startedResponse();
    const res = await saveSection(id, 'sammanfattning', { body: paragraph('Text'), heading: 'Sammanfattning ★' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.heading', message: expect.stringContaining('U+2605 ★') }]);
  });
});

describe('saving the whole statement', () => {
  it('refuses unprintable header fields, signatories and bilagor, naming each, and saves nothing', async () => {
    const id = await startedResponse();
    const current = await statement(id);
    const revisions = await revisionCount(id);
    const { header, sections } = current.body;
    const res = await request(t.app)
      .put(`/api/responses/${id}/statement`)
      .set(handlaggare)
      .set('If-Match', current.headers.etag)
      .send({
        header: { ...header, title: 'Remissvar 👍', officer: { ...header.officer, name: 'Li 李' } },
        signatories: [{ name: 'Anna Andersson', title: 'Direktör ✔' }],
        enclosures: [{ title: 'Bilaga ☎' }],
        stance: null,
        sections: sections.map((s: { key: string; heading: string; body: unknown; stance: string | null }) => ({ key: s.key, heading: s.heading, body: s.body, stance: s.stance })),
      });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.enclosures.0.title', 'body.header.officer.name', 'body.header.title', 'body.signatories.0.title']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.header.title').message).toContain('U+1F44D 👍');
    const after = await statement(id);
    expect(after.headers.etag).toBe(current.headers.etag);
    expect(after.body.header.title).toBe(header.title);
    expect(await revisionCount(id)).toBe(revisions);
  });
});

describe('corrections and restores', () => {
  it('a correction of a submitted statement is refused the same way', async () => {
    const id = await startedResponse();
    await t.dataSource.query(`UPDATE responses SET status = 'submitted', answered_date = '2026-11-01' WHERE id = $1`, [id]);
    const etag = (await statement(id)).headers.etag;
    const res = await request(t.app)
      .post(`/api/responses/${id}/statement/corrections`)
      .set(handlaggare)
      .set('If-Match', etag)
      .send({ reason: 'Rättat ett namn', sections: [{ key: 'sammanfattning', body: paragraph('Namnet är 王') }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.sections.0.body.0.content.0.text', message: expect.stringContaining('U+738B 王') }]);
    expect((await statement(id)).headers.etag).toBe(etag);
  });

  it('a revision saved before the rule with unprintable text is not restored', async () => {
    const id = await startedResponse();
    const [first] = (await request(t.app).get(`/api/responses/${id}/revisions`).set(handlaggare)).body.items;
    // As an old revision would hold it: written before saves were checked.
    await t.dataSource.query(`UPDATE statement_revisions SET snapshot = jsonb_set(snapshot, '{header,title}', '"Gammal titel ✓"') WHERE id = $1`, [first.id]);
    const current = await statement(id);
    const res = await request(t.app).post(`/api/responses/${id}/revisions/${first.id}/restore`).set(handlaggare).set('If-Match', current.headers.etag).send({});
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'revision.header.title', message: expect.stringContaining('U+2713 ✓') }]);
    expect((await statement(id)).headers.etag).toBe(current.headers.etag);
  });
});

describe('other printed text', () => {
  it("a remiss's title and description (printed in every remissbrev) are checked too", async () => {
    const registrator = bearer(await t.login('registrator'));
    const body = { caseNumber: 'KS 2026/901', title: 'Program ✓', kind: 'program', senderId: await organisationId(t.dataSource, 'kommunstyrelsen'), registeredDate: '2026-10-01', description: 'Beskrivning 🙂' };
    const res = await request(t.app).post('/api/consultations').set(registrator).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.description', 'body.title']);
    const ok = await request(t.app).post('/api/consultations').set(registrator).send({ ...body, title: 'Программа – תוכנית', description: 'Beskrivning' });
    expect(ok.status).toBe(201);
  });

  it("the section catalogue's headings and default texts are checked too", async () => {
    const admin = bearer(await t.login('admin'));
    const res = await request(t.app).post('/api/section-templates').set(admin).send({ key: 'ny-sektion', heading: 'Ny ✓', position: 900, defaults: { '*': 'Text 😀' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.defaults.*', 'body.heading']);
  });
});
