import request from 'supertest';
import { defaultTemplateSource } from '../../src/documents/template-set';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { cleanUpPdfs, pdftotext, savePdf, squash } from './pdf-tools';

/*
 * Admin-replaceable document templates: the list marks what is replaced, a replacement changes the
 * PDFs the workers render, a broken one is refused with the Handlebars or parser error and changes
 * nothing, DELETE restores the file default, and every change is audited.
 */
let t: TestApp;
let admin: Record<string, string>;
let registrator: Record<string, string>;
let coverLetterPath: string;

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
const coverLetterText = async () => {
  const res = await request(t.app).get(coverLetterPath).set(registrator).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return squash(pdftotext(savePdf(res.body as Buffer, 'template')));
};
const put = (name: string, source: string, etag: string | null) => {
  const req = request(t.app).put(`/api/document-templates/${name}`).set(admin);
  return (etag ? req.set('If-Match', etag) : req).send({ source });
};

beforeAll(async () => {
  t = await startTestApp({ PDF_TIMEOUT_SECONDS: '2' });
  admin = bearer(await t.login('admin'));
  registrator = bearer(await t.login('registrator'));
  const ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(registrator)).body.items[0].id;
  const board = (await request(t.app).get(`/api/consultations/${ks924}/recipients?limit=5`).set(registrator)).body.items;
  coverLetterPath = `/api/consultations/${ks924}/recipients/${board[0].id}/cover-letter.pdf`;
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

const NOTE = 'Observera att remissen också publiceras på stadens webbplats.';
const coverLetter = defaultTemplateSource('cover-letter')!;
const withNote = coverLetter.replace('<h2>Remisshandlingar</h2>', `<p>${NOTE}</p>\n<h2>Remisshandlingar</h2>`);

describe('document templates', () => {
  it('lists every template and partial in effect, none replaced yet; admins only', async () => {
    const res = await request(t.app).get('/api/document-templates').set(admin);
    expect(res.status).toBe(200);
    const names = res.body.items.map((item: { name: string }) => item.name);
    expect(names).toEqual(expect.arrayContaining(['statement', 'cover-letter', 'answer-letter', 'compilation', 'letterhead', 'signatures', 'footer', 'meta']));
    expect(res.body.items.find((item: { name: string }) => item.name === 'cover-letter')).toMatchObject({ kind: 'document', overridden: false, version: 0, source: coverLetter });
    expect(res.body.items.find((item: { name: string }) => item.name === 'letterhead')).toMatchObject({ kind: 'partial', overridden: false });
    expect((await request(t.app).get('/api/document-templates').set(registrator)).status).toBe(403);
    expect((await request(t.app).get('/api/document-templates/no-such-template').set(admin)).status).toBe(404);
  });

  it('round trip: a replacement changes the PDF, a broken one is refused and changes nothing, DELETE restores the default', async () => {
    expect(await coverLetterText()).not.toContain(NOTE);
    expect((await put('cover-letter', withNote, null)).status).toBe(428);
    expect((await put('cover-letter', withNote, '"v7"')).status).toBe(412);

    const replaced = await put('cover-letter', withNote, '"v0"');
    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).toBe('"v1"');
    expect(replaced.body).toMatchObject({ name: 'cover-letter', overridden: true, version: 1, updatedBy: expect.any(String) });
    expect(await coverLetterText()).toContain(NOTE);

    // Broken Handlebars: refused with Handlebars' message, the replacement stays as it was.
    const broken = await put('cover-letter', `${withNote}{{#if respond}}`, '"v1"');
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(broken.body.errors[0]).toMatchObject({ path: 'body.source', message: expect.stringMatching(/Parse error on line \d+/) });
    // Valid Handlebars, but markup outside the document subset: refused with the parser's message.
    const script = await put('cover-letter', withNote.replace('<h2>Kontakt</h2>', '<script>alert(1)</script><h2>Kontakt</h2>'), '"v1"');
    expect(script.status).toBe(400);
    expect(script.body.errors[0].message).toMatch(/cover-letter: <script> is not part of the document HTML subset/);
    // Page-level markup and comments could hide a phishing form or a redirect in the HTML preview.
    for (const sneaky of ['<head><form action="https://example.com"><p>Logga in</p></form></head>', '<meta http-equiv="refresh" content="0;url=https://example.com">', '<!--> <p>x</p> -->']) {
      const res = await put('cover-letter', withNote.replace('<h2>Kontakt</h2>', `${sneaky}<h2>Kontakt</h2>`), '"v1"');
      expect([sneaky, res.status]).toEqual([sneaky, 400]);
    }
    // Unescaped output would let user text become markup.
    const raw = await put('cover-letter', withNote.replace('<h1>{{title}}</h1>', '<h1>{{{title}}}</h1>'), '"v1"');
    expect(raw.status).toBe(400);
    expect(raw.body.errors[0].message).toMatch(/Unescaped output/);
    // An unknown helper or partial.
    expect((await put('cover-letter', '{{lookup this "x"}}{{> nowhere}}', '"v1"')).status).toBe(400);

    const current = await request(t.app).get('/api/document-templates/cover-letter').set(admin);
    expect(current.headers.etag).toBe('"v1"');
    expect(current.body.source).toBe(withNote);
    expect(await coverLetterText()).toContain(NOTE);

    const reset = await request(t.app).delete('/api/document-templates/cover-letter').set(admin).set('If-Match', '"v1"');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ overridden: false, version: 2, source: coverLetter });
    expect(await coverLetterText()).not.toContain(NOTE);
  });

  it('refuses a template whose loops make the longest statement too slow to render', async () => {
    const nested = '{{#each sections}}{{#each ../sections}}{{#each ../../sections}}{{#each ../../../sections}}{{#each ../../../../sections}}{{#each ../../../../../sections}}.{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}';
    const started = Date.now();
    const res = await put('statement', `<p>${nested}</p>`, '"v0"');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/took longer than 2 s/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await request(t.app).get('/api/document-templates').set(admin)).body.items.find((i: { name: string }) => i.name === 'statement')).toMatchObject({ overridden: false });
  });

  it('a replaced partial shows in every document; a partial that breaks one document is refused', async () => {
    const letterhead = defaultTemplateSource('letterhead')!;
    const res = await put('letterhead', letterhead.replace('<p class="city">Stockholms stad</p>', '<p class="city">Stockholms stad – provtryck</p>'), '"v0"');
    expect(res.status).toBe(200);
    expect(await coverLetterText()).toContain('Stockholms stad – provtryck');
    // A table cell outside a table breaks every document's layout.
    const bad = await put('signatures', '<td>x</td>', '"v0"');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/statement: .*<td> cannot stand here/);
    expect((await request(t.app).delete('/api/document-templates/letterhead').set(admin).set('If-Match', '"v1"')).status).toBe(200);
    expect(await coverLetterText()).not.toContain('provtryck');
  });

  it('audits every change with the source before and after', async () => {
    const res = await request(t.app).get('/api/audit?entityType=document_template').set(admin);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string; entityId: string }) => `${e.action} ${e.entityId}`);
    expect(actions).toEqual(expect.arrayContaining(['document_template.replaced cover-letter', 'document_template.reset cover-letter', 'document_template.replaced letterhead', 'document_template.reset letterhead']));
    expect(actions.filter((a: string) => a.includes('signatures'))).toEqual([]);
    const replaced = res.body.items.find((e: { action: string; entityId: string }) => e.action === 'document_template.replaced' && e.entityId === 'cover-letter');
    expect(replaced.after).toMatchObject({ version: 1, overridden: true, source: withNote });
    expect(replaced.before).toMatchObject({ version: 0, overridden: false });
  });
});
