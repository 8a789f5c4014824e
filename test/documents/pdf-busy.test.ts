import request from 'supertest';
import { bearer, startTestApp, type TestApp } from '../support/test-app';

/*
 * A full PDF queue over HTTP: with one worker and room for one waiting document
 * (PDF_WORKERS=1, PDF_QUEUE_PER_WORKER=1), a burst of compilation requests gets some 503s with
 * Retry-After instead of growing memory, and the rest their PDFs.
 */
let t: TestApp;
let coordinator: Record<string, string>;
let ks924: string;
beforeAll(async () => {
  t = await startTestApp({ PDF_WORKERS: '1', PDF_QUEUE_PER_WORKER: '1' });
  coordinator = bearer(await t.login('coordinator'));
  ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(bearer(await t.login('registrator')))).body.items[0].id;
});
afterAll(() => t.close());

it('answers 503 with Retry-After when every worker is busy and the queue is full, and recovers', async () => {
  const statuses: number[] = [];
  // A burst may be absorbed if the database answers slowly; a few bursts are enough to fill the queue.
  for (let burst = 0; burst < 3 && !statuses.includes(503); burst++) {
    const responses = await Promise.all(Array.from({ length: 12 }, () => request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(coordinator)));
    for (const res of responses) {
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.headers['retry-after']).toBe('2');
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.type).toMatch(/pdf-busy$/);
      } else expect(res.status).toBe(200);
    }
  }
  expect(statuses).toContain(503);
  expect(statuses).toContain(200);
  expect((await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(coordinator)).status).toBe(200);
});
