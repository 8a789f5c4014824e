import request from 'supertest';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * Sub-headings inside a section (issue 13: seed 003's Ärendet has four, seed 004's synpunkter are
 * headed by questions): {type: "subheading", text}, one line of printable plain text. Saved and
 * read back through the API, refused with the field named when malformed, counted as no text where
 * a required section must hold text, and seen by the word diff of revisions. (The PDF, preview,
 * compilation and search have their own tests: test/documents, compilation.test.ts, search.test.ts.)
 */
let t: TestApp;
let handlaggare: Record<string, string>;

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });
const subheading = (text: string) => ({ type: 'subheading', text });
const section = (id: string, key: string) => request(t.app).get(`/api/responses/${id}/statement/sections/${key}`).set(handlaggare);
const revisionCount = async (id: string) => (await request(t.app).get(`/api/responses/${id}/revisions`).set(handlaggare)).body.total as number;
const transition = (id: string, body: object) => request(t.app).post(`/api/responses/${id}/transitions`).set(handlaggare).send(body);

async function startedResponse(): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01') });
  expect((await transition(response.id, { action: 'start' })).status).toBe(200);
  return response.id;
}

async function saveSection(id: string, key: string, body: object) {
  const etag = (await section(id, key)).headers.etag;
  return request(t.app).put(`/api/responses/${id}/statement/sections/${key}`).set(handlaggare).set('If-Match', etag).send(body);
}

beforeAll(async () => {
  t = await startTestApp();
  handlaggare = bearer(await t.login('handlaggare.sodermalm'));
});
afterAll(() => t.close());

describe('a sub-heading in a section body', () => {
  it('is saved between paragraphs and lists and read back as saved, trimmed', async () => {
    const id = await startedResponse();
    const body = [paragraph('Inledning.'), subheading('  Hur ser förvaltningen på målen?  '), paragraph('Svar.'), subheading('Mål'), { type: 'bullet_list', items: [{ content: [{ text: 'Ett mål' }] }] }];
    const saved = await saveSection(id, 'arendet', { body });
    expect(saved.status).toBe(200);
    const expected = [paragraph('Inledning.'), subheading('Hur ser förvaltningen på målen?'), paragraph('Svar.'), subheading('Mål'), body[4]];
    expect(saved.body.body).toEqual(expected);
    expect((await section(id, 'arendet')).body.body).toEqual(expected);
  });

  it('is refused when empty, too long, on two lines, unprintable, formatted or placed in a list, naming each field, and nothing is saved', async () => {
    const id = await startedResponse();
    const before = await section(id, 'arendet');
    const revisions = await revisionCount(id);
    const res = await saveSection(id, 'arendet', {
      body: [
        subheading('   '),
        subheading('Å'.repeat(201)),
        subheading('Rad ett\nRad två'),
        subheading('Klart ✓'),
        { type: 'subheading', text: 'Fet', bold: true },
        { type: 'subheading', content: [{ text: 'Som stycke' }] },
        { type: 'bullet_list', items: [{ content: [subheading('I en lista')] }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { path: 'body.body.0.text', message: 'must not be empty' },
      { path: 'body.body.1.text', message: 'may hold at most 200 characters' },
      { path: 'body.body.2.text', message: 'must be one line: a sub-heading cannot hold a line break' },
      { path: 'body.body.3.text', message: expect.stringContaining('cannot print: U+2713 ✓') },
      // Plain text: no bold or italic, no runs.
      { path: 'body.body.4.bold', message: 'is not a known field' },
      { path: 'body.body.5.text', message: expect.stringContaining('expected string') },
      { path: 'body.body.5.content', message: 'is not a known field' },
      // Inside a list item only text runs and footnotes may stand.
      { path: 'body.body.6.items.0.content.0.type', message: 'is not a known field' },
    ]);
    const after = await section(id, 'arendet');
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body.body).toEqual(before.body.body);
    expect(await revisionCount(id)).toBe(revisions);
  });

  it('counts for the section limits: at most 500 blocks', async () => {
    const id = await startedResponse();
    const res = await saveSection(id, 'arendet', { body: Array.from({ length: 501 }, (_, i) => subheading(`Rubrik ${i}`)) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.body', message: expect.stringContaining('500') })]);
  });
});

describe('a required section of sub-headings alone holds no text', () => {
  it('may not replace the text of a required section', async () => {
    const id = await startedResponse();
    // Förslag till beslut starts with the catalogue's default text.
    expect((await section(id, 'forslag-till-beslut')).body.body.length).toBeGreaterThan(0);
    const res = await saveSection(id, 'forslag-till-beslut', { body: [subheading('Förslag')] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.sections.forslag-till-beslut', message: 'is a required section and must not be emptied' }]);
  });

  it('stops submit_for_review like an empty one, and text under it lets it through', async () => {
    const id = await startedResponse();
    expect((await saveSection(id, 'sammanfattning', { body: [subheading('Kort om förslaget')] })).status).toBe(200);
    expect((await saveSection(id, 'forvaltningens-synpunkter', { body: [subheading('Vad tycker förvaltningen?'), paragraph('Förvaltningen tillstyrker.')], stance: 'tillstyrker' })).status).toBe(200);
    const current = await request(t.app).get(`/api/responses/${id}/statement`).set(handlaggare);
    const { header, signatories, enclosures, sections } = current.body;
    const put = await request(t.app)
      .put(`/api/responses/${id}/statement`)
      .set(handlaggare)
      .set('If-Match', current.headers.etag)
      .send({ header, signatories, enclosures, stance: 'tillstyrker', sections: sections.map(({ key, heading, body, stance }: Record<string, unknown>) => ({ key, heading, body, stance })) });
    expect(put.status).toBe(200);
    const refused = await transition(id, { action: 'submit_for_review' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('These required sections are empty: Sammanfattning.');
    expect((await saveSection(id, 'sammanfattning', { body: [subheading('Kort om förslaget'), paragraph('Programmet är bra.')] })).status).toBe(200);
    expect((await transition(id, { action: 'submit_for_review' })).status).toBe(200);
  });
});

describe('revisions', () => {
  it('diff a sub-heading’s words, and call a paragraph made a sub-heading a change', async () => {
    const id = await startedResponse();
    expect((await saveSection(id, 'arendet', { body: [paragraph('Syfte med programmet'), paragraph('Programmet ska förebygga.')] })).status).toBe(200);
    expect((await saveSection(id, 'arendet', { body: [subheading('Syfte med programmet'), paragraph('Programmet ska förebygga.')] })).status).toBe(200);
    expect((await saveSection(id, 'arendet', { body: [subheading('Syfte med programmet'), paragraph('Programmet ska förebygga.'), subheading('Ansvar och uppföljning')] })).status).toBe(200);
    const [third, second, first] = (await request(t.app).get(`/api/responses/${id}/revisions`).set(handlaggare)).body.items;
    const diff = async (from: string, to: string) =>
      (await request(t.app).get(`/api/responses/${id}/revisions/diff?from=${from}&to=${to}`).set(handlaggare)).body.sections.find((s: { key: string }) => s.key === 'arendet');
    const madeHeading = await diff(first.id, second.id);
    expect(madeHeading.change).toBe('changed');
    expect(madeHeading.parts.every((part: { op: string }) => part.op === 'equal')).toBe(true);
    const added = await diff(second.id, third.id);
    expect(added.change).toBe('changed');
    expect(added.parts.filter((part: { op: string }) => part.op === 'insert').map((part: { text: string }) => part.text).join('')).toContain('Ansvar och uppföljning');
  });
});
