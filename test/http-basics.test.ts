import request from 'supertest';
import { z } from 'zod';
import { publicRoute } from '../src/authz/policy';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ JSON_BODY_LIMIT: '10kb' });
  // A route with a bug, to see what a client learns from a 500.
  t.api.add({
    method: 'get',
    path: '/api/__test/explode',
    tag: 'Test',
    summary: 'always fails',
    policy: publicRoute('test only'),
    response: z.object({}),
    handler: async () => {
      throw new Error('secret internals: password=hunter2 at /srv/app/x.ts:12');
    },
  });
});
afterAll(() => t.close());

const expectProblem = (res: request.Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
};

describe('liveness and readiness', () => {
  it('answers /health and /ready', async () => {
    expect((await request(t.app).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(t.app).get('/ready')).body).toEqual({ status: 'ready' });
  });

  it('sets helmet security headers', async () => {
    const res = await request(t.app).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('request ids', () => {
  it('honours a safe x-request-id and echoes it in errors', async () => {
    const res = await request(t.app).get('/api/no/such/thing').set('x-request-id', 'trace-abc.123');
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.body.requestId).toBe('trace-abc.123');
  });

  it('replaces an unsafe x-request-id with a fresh one', async () => {
    const res = await request(t.app).get('/health').set('x-request-id', 'evil id with spaces {}');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('problem+json for every error', () => {
  it('404 for an unknown route', async () => {
    const res = await request(t.app).get('/api/nothing-here');
    expectProblem(res, 404);
    expect(res.body.instance).toBe('/api/nothing-here');
  });

  it('400 for malformed JSON, and nothing is written', async () => {
    const token = await t.login('admin');
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM organisations');
    const res = await request(t.app).post('/api/organisations').set(bearer(token)).set('content-type', 'application/json').send('{"name": "Ny nämnd",');
    expectProblem(res, 400);
    expect(res.body.title).toBe('Malformed JSON');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM organisations')).toEqual(before);
  });

  it('413 for a body over the limit', async () => {
    const token = await t.login('admin');
    const res = await request(t.app).post('/api/organisations').set(bearer(token)).send({ name: 'x'.repeat(20_000), kind: 'external' });
    expectProblem(res, 413);
  });

  it('415 for a body that is not JSON', async () => {
    const token = await t.login('admin');
    const res = await request(t.app).post('/api/organisations').set(bearer(token)).set('content-type', 'text/plain').send('name=Ny');
    expectProblem(res, 415);
  });

  it('400 listing every invalid field: wrong types, unknown fields, missing fields', async () => {
    const token = await t.login('admin');
    const res = await request(t.app)
      .post('/api/organisations')
      .set(bearer(token))
      .send({ name: 42, email: 'not-an-email', colour: 'blue', activeFrom: '2020-13-45' });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.activeFrom', 'body.colour', 'body.email', 'body.kind', 'body.name']);
  });

  it('400 for invalid query and path parameters', async () => {
    const token = await t.login('admin');
    const res = await request(t.app).get('/api/organisations?limit=0&kind=planet&extra=1').set(bearer(token));
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.extra', 'query.kind', 'query.limit']);
    expectProblem(await request(t.app).get('/api/organisations/not-a-uuid').set(bearer(token)), 400);
  });

  it('500 says nothing internal but carries the request id, and the service carries on', async () => {
    const res = await request(t.app).get('/api/__test/explode').set('x-request-id', 'bug-report-1');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|hunter2|\.ts|stack/);
    expect(res.body.detail).toContain('bug-report-1');
    expect((await request(t.app).get('/health')).status).toBe(200);
  });
});
