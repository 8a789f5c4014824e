import request from 'supertest';
import { registerDocumentRoutes, type DocumentRoutes } from '../../src/documents/documents.routes';
import { addRecipient, createConsultation } from '../support/factories';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { cleanUpPdfs, headingsOf, headingsUnder, pageTexts, pdfinfo, savePdf } from './pdf-tools';

/*
 * GET /api/responses/:id/pdf and …/preview over HTTP: the answering organisation gets its draft,
 * another organisation gets 404 as for GET …/statement, a response without a statement 404.
 */
let t: TestApp;
let routes: DocumentRoutes | undefined;
let own: Record<string, string>;
let other: Record<string, string>;
let responseId: string;
let withoutStatement: string;

beforeAll(async () => {
  t = await startTestApp();
  // Until src/app.ts registers the routes itself; the app's router is consulted at request time.
  if (!t.api.routes.some((r) => r.path === '/api/responses/:id/pdf')) routes = registerDocumentRoutes(t.api, { dataSource: t.dataSource, config: t.config });
  own = bearer(await t.login('handlaggare.sodermalm'));
  other = bearer(await t.login('handlaggare.ostermalm'));
  const consultation = await createConsultation(t.dataSource, { caseNumber: 'KS 2026/777', title: 'Program för ett tryggare Stockholm', status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01' });
  responseId = (await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') })).response.id;
  withoutStatement = (await addRecipient(t.dataSource, consultation.id, 'sdn-ostermalm', { sentAt: new Date('2026-09-01T08:00:00Z') })).response.id;
  const started = await request(t.app).post(`/api/responses/${responseId}/transitions`).set(own).send({ action: 'start' });
  expect(started.status).toBe(200);
});
afterAll(async () => {
  cleanUpPdfs();
  await routes?.close();
  await t.close();
});

describe('GET /api/responses/:id/pdf', () => {
  it('streams the draft as a PDF to the answering organisation', async () => {
    const res = await request(t.app)
      .get(`/api/responses/${responseId}/pdf`)
      .set(own)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="Tjansteutlatande KS 2026_777.pdf"; filename*=UTF-8''Tj%C3%A4nsteutl%C3%A5tande%20KS%202026%2F777.pdf`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(body.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('is 404 for another organisation, as the draft itself is', async () => {
    expect((await request(t.app).get(`/api/responses/${responseId}/statement`).set(other)).status).toBe(404);
    const res = await request(t.app).get(`/api/responses/${responseId}/pdf`).set(other);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('is 404 while there is no statement, and 401 without a session', async () => {
    expect((await request(t.app).get(`/api/responses/${withoutStatement}/pdf`).set(other)).status).toBe(404);
    expect((await request(t.app).get(`/api/responses/${responseId}/pdf`)).status).toBe(401);
  });
});

describe('GET /api/responses/:id/preview', () => {
  it('shows the statement as an HTML page without scripts', async () => {
    const res = await request(t.app).get(`/api/responses/${responseId}/preview`).set(own);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("form-action 'none'");
    expect(res.text).toContain('<h1>Program för ett tryggare Stockholm</h1>');
    expect(res.text).toContain('Dnr KS 2026/777');
    expect(res.text).not.toMatch(/<script/i);
  });

  it('is 404 for another organisation', async () => {
    expect((await request(t.app).get(`/api/responses/${responseId}/preview`).set(other)).status).toBe(404);
  });

  it('shows a sub-heading saved through the API as an h3 in its section, escaped, and the PDF tags it H3 in order', async () => {
    const path = `/api/responses/${responseId}/statement/sections/arendet`;
    const etag = (await request(t.app).get(path).set(own)).headers.etag;
    const body = [
      { type: 'paragraph', content: [{ text: 'Inledande stycke.' }] },
      { type: 'subheading', text: 'Vad <menar> remissen med "trygghet"?' },
      { type: 'paragraph', content: [{ text: 'Svaret under rubriken.' }] },
    ];
    expect((await request(t.app).put(path).set(own).set('If-Match', etag).send({ body })).status).toBe(200);
    const preview = await request(t.app).get(`/api/responses/${responseId}/preview`).set(own);
    expect(preview.text).toMatch(/<h2>Ärendet<\/h2>\s*<p>Inledande stycke\.<\/p>\s*<h3>Vad &lt;menar&gt; remissen med &quot;trygghet&quot;\?<\/h3>\s*<p>Svaret under rubriken\.<\/p>/);
    const file = savePdf(await pdfOf(responseId), 'subheading');
    expect(headingsUnder(headingsOf(file), 'Ärendet')).toEqual([['H2', 'Ärendet'], ['H3', 'Vad <menar> remissen med "trygghet"?']]);
    const text = pageTexts(file).join('\n');
    expect(text.indexOf('Inledande stycke.')).toBeLessThan(text.indexOf('Vad <menar> remissen med "trygghet"?'));
    expect(text.indexOf('Vad <menar> remissen med "trygghet"?')).toBeLessThan(text.indexOf('Svaret under rubriken.'));
  });
});

async function pdfOf(id: string): Promise<Buffer> {
  const res = await request(t.app)
    .get(`/api/responses/${id}/pdf`)
    .set(own)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe('a draft looks like a draft (#11 §2)', () => {
  afterEach(async () => {
    await t.dataSource.query(`UPDATE responses SET status = 'drafting' WHERE id = $1`, [responseId]);
  });

  it('says UTKAST on every page and in its title while drafting or in review, with "Dnr saknas" for want of its own Dnr', async () => {
    for (const status of ['drafting', 'in_review']) {
      await t.dataSource.query(`UPDATE responses SET status = $2 WHERE id = $1`, [responseId, status]);
      const file = savePdf(await pdfOf(responseId), `draft-${status}`);
      const pages = pageTexts(file);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      for (const page of pages) {
        expect(page).toMatch(/^Tjänsteutlåtande\nUTKAST/m);
        expect(page).toMatch(/^Dnr saknas$/m);
      }
      expect(pdfinfo(file)).toMatch(/^Title:\s+UTKAST: Program för ett tryggare Stockholm$/m);
      expect(pdfinfo(file)).toMatch(/^Keywords:\s+Utkast, /m);
      expect(pdfinfo(file, '-meta')).toContain('UTKAST: Program för ett tryggare Stockholm');
      // The remiss's Dnr is the sub-title's, never the header's.
      expect(pages[0]).not.toMatch(/^Dnr KS/m);
    }
    const preview = await request(t.app).get(`/api/responses/${responseId}/preview`).set(own);
    expect(preview.text).toContain('<p class="draft">UTKAST</p>');
    expect(preview.text).toContain('Dnr saknas');
  });

  it('has no marking from approved on, and no Dnr line without its own Dnr', async () => {
    await t.dataSource.query(`UPDATE responses SET status = 'approved' WHERE id = $1`, [responseId]);
    const file = savePdf(await pdfOf(responseId), 'approved');
    for (const page of pageTexts(file)) {
      expect(page).not.toContain('UTKAST');
      expect(page).not.toMatch(/^Dnr /m);
      expect(page).toMatch(/^Tjänsteutlåtande$/m);
    }
    expect(pdfinfo(file)).toMatch(/^Title:\s+Program för ett tryggare Stockholm$/m);
    expect((await request(t.app).get(`/api/responses/${responseId}/preview`).set(own)).text).not.toContain('UTKAST');
  });
});
