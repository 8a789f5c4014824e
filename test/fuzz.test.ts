import fc from 'fast-check';
import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
});
afterAll(() => t.close());

const RUNS = 25;
const segment = fc.oneof(fc.uuid(), fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constant('%E0%A4%A'), fc.constant('..'));
const pathFor = (template: string, value: string) => template.replace(/:(\w+)/g, value);

const expectClientError = (res: request.Response, what: string) => {
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
};

describe('random input never yields a 500', () => {
  it('random JSON bodies on every route that takes a body', async () => {
    for (const route of t.api.routes.filter((r) => r.hasBody)) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), segment, async (body, param) => {
          const res = await request(t.app)[route.method](pathFor(route.path, param)).set(admin).set('content-type', 'application/json').send(JSON.stringify(body));
          expectClientError(res, `${route.method} ${route.path}`);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('random query strings and path parameters on every route', async () => {
    const queryPairs = fc.array(fc.tuple(fc.constantFrom('limit', 'offset', 'q', 'kind', 'sort', 'active', 'from', 'organisationId', 'x'), fc.string({ maxLength: 20 })), { maxLength: 4 });
    for (const route of t.api.routes) {
      await fc.assert(
        fc.asyncProperty(queryPairs, segment, async (pairs, param) => {
          const query = pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
          const res = await request(t.app)[route.method](`${pathFor(route.path, param)}?${query}`).set(admin);
          expectClientError(res, `${route.method} ${route.path}?${query}`);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('a malformed percent-encoding in the path is a 400', async () => {
    const res = await request(t.app).get('/api/organisations/%E0%A4%A').set(admin);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
