import request from 'supertest';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart } from './support/upload-fixtures';

let t: TestApp;
let registrator: Record<string, string>;
let handlaggare: Record<string, string>;
let consultationId: string;
let recipientId: string;
let responseId: string;

beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  handlaggare = bearer(await t.login('handlaggare.sodermalm'));
  const consultation = await createConsultation(t.dataSource, { status: 'open' });
  consultationId = consultation.id;
  const { recipient, response } = await addRecipient(t.dataSource, consultationId, 'sdn-sodermalm', { sentAt: new Date() });
  recipientId = recipient.id;
  responseId = response.id;
  await request(t.app).post(`/api/responses/${responseId}/transitions`).set(handlaggare).send({ action: 'start' });
}, 60_000);
afterAll(() => t.close());

const expectNoStore = (res: request.Response, what: string) => expect([what, res.status, res.headers['cache-control']]).toEqual([what, res.status, 'no-store']);

describe('Cache-Control on authenticated answers', () => {
  it('JSON answers and every kind of error say no-store', async () => {
    const cases: Array<[string, () => request.Test, number]> = [
      ['list', () => request(t.app).get('/api/consultations').set(registrator), 200],
      ['one remiss', () => request(t.app).get(`/api/consultations/${consultationId}`).set(registrator), 200],
      ['draft statement', () => request(t.app).get(`/api/responses/${responseId}/statement`).set(handlaggare), 200],
      ['no session', () => request(t.app).get('/api/consultations'), 401],
      ['wrong role', () => request(t.app).post('/api/users').set(handlaggare).send({}), 403],
      ['not found', () => request(t.app).get('/api/consultations/00000000-0000-4000-8000-000000000000').set(registrator), 404],
      ['unknown route', () => request(t.app).get('/api/nothing-here').set(registrator), 404],
      ['invalid query', () => request(t.app).get('/api/consultations?limit=-1').set(registrator), 400],
      ['stale If-Match', () => request(t.app).patch(`/api/consultations/${consultationId}`).set(registrator).set('If-Match', '"stale-0"').send({ title: 'Ny titel på remissen' }), 412],
    ];
    for (const [what, send, status] of cases) {
      const res = await send();
      expect([what, res.status]).toEqual([what, status]);
      expectNoStore(res, what);
    }
  });

  it('downloads without revalidation say no-store: PDF, HTML preview, CSV, XLSX', async () => {
    const downloads: Array<[string, string, Record<string, string>, RegExp]> = [
      ['statement PDF', `/api/responses/${responseId}/pdf`, handlaggare, /application\/pdf/],
      ['preview', `/api/responses/${responseId}/preview`, handlaggare, /text\/html/],
      ['cover letter', `/api/consultations/${consultationId}/recipients/${recipientId}/cover-letter.pdf`, registrator, /application\/pdf/],
      ['compilation PDF', `/api/consultations/${consultationId}/compilation.pdf`, registrator, /application\/pdf/],
      ['compilation CSV', `/api/consultations/${consultationId}/compilation.csv`, registrator, /text\/csv/],
      ['compilation XLSX', `/api/consultations/${consultationId}/compilation.xlsx`, registrator, /spreadsheetml/],
    ];
    for (const [what, url, auth, type] of downloads) {
      const res = await request(t.app).get(url).set(auth).buffer(true).parse((response, done) => {
        response.on('data', () => undefined);
        response.on('end', () => done(null, null));
      });
      expect([what, res.status]).toEqual([what, 200]);
      expect(res.headers['content-type']).toMatch(type);
      expectNoStore(res, what);
    }
  }, 60_000);

  it('attachment content revalidates: private, no-cache with its ETag, 304 when unchanged', async () => {
    const draft = await createConsultation(t.dataSource);
    const { body, contentType } = multipart({ name: 'remiss.pdf', data: fixtures.pdf(), type: 'application/pdf' });
    const uploaded = await request(t.app).post(`/api/consultations/${draft.id}/attachments`).set(registrator).set('content-type', contentType).send(body);
    expect(uploaded.status).toBe(201);
    expectNoStore(uploaded, 'upload');
    const url = `/api/consultations/${draft.id}/attachments/${uploaded.body.id}/content`;
    const content = await request(t.app).get(url).set(registrator);
    expect(content.status).toBe(200);
    expect(content.headers['cache-control']).toBe('private, no-cache');
    const again = await request(t.app).get(url).set(registrator).set('If-None-Match', content.headers.etag);
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
  });
});
