import fc from 'fast-check';
import request from 'supertest';
import type { RegisteredRoute } from '../src/http/route';
import { DEMO_USERS } from '../src/demo/demo-users';
import { createConsultation } from './support/factories';
import { SWEEP_TIMEOUT_MS, TEST_PASSWORD } from './support/test-constants';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart } from './support/upload-fixtures';

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
  }, SWEEP_TIMEOUT_MS);

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
  }, SWEEP_TIMEOUT_MS);

  it('a malformed percent-encoding in the path is a 400', async () => {
    const res = await request(t.app).get('/api/organisations/%E0%A4%A').set(admin);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

/** Strings an attacker or a broken client sends: NUL first (PostgreSQL refuses it in text). */
const NUL_STRINGS = ['\u0000', 'a\u0000b', 'Södermalm\u0000', '%00\u0000'];
const HOSTILE_STRINGS = [
  ...NUL_STRINGS,
  '%00',
  "' OR 1=1 --",
  '\\',
  '<script>alert(1)</script>',
  '\u202eabc',
  '\ufeff',
  '\uffff',
  '😀'.repeat(40),
  'x'.repeat(5000),
  '../../etc/passwd',
  'a\r\nb',
  '   ',
  '',
];
const LONE_SURROGATE = '\ud800';
const hasNul = (value: string) => value.includes('\u0000');

interface Operation {
  route: RegisteredRoute;
  query: string[];
  params: string[];
  /** Top-level fields of the JSON body or the multipart form's text parts. */
  bodyFields: string[];
  multipart: boolean;
}

type Schema = { $ref?: string; properties?: Record<string, Schema>; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; format?: string };

describe('hostile strings in every parameter and body field', () => {
  let operations: Operation[];
  const tokens = new Map<string, Record<string, string>>();

  /** A fresh session (the other tests log out): a user with one of the route's roles, so the request gets past authorisation. */
  async function headersFor(route: RegisteredRoute): Promise<Record<string, string>> {
    if (route.policy.access === 'public') return {};
    const policy = route.policy;
    const user = policy.access === 'roles' ? DEMO_USERS.find((u) => u.roles.some((role) => policy.roles.includes(role)))! : DEMO_USERS[0];
    if (!tokens.has(user.username)) {
      const res = await request(t.app).post('/api/auth/login').send({ username: user.username, password: TEST_PASSWORD });
      tokens.set(user.username, bearer(res.body.token));
    }
    return tokens.get(user.username)!;
  }

  beforeAll(async () => {
    // The document must still generate with the rule in place; it also says which fields each route takes.
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).toBe(200);
    const document = res.body as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
    const resolve = (schema: Schema | undefined): Schema => (schema?.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()!]) : (schema ?? {}));
    const fieldsOf = (schema: Schema | undefined): string[] => {
      const resolved = resolve(schema);
      const nested = [...(resolved.allOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].flatMap(fieldsOf);
      return [...new Set([...Object.keys(resolved.properties ?? {}), ...nested])];
    };
    operations = t.api.routes.map((route) => {
      const documented = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      const content = documented?.requestBody?.content ?? {};
      const form = content['multipart/form-data'];
      const formFields = form ? Object.entries(resolve(form.schema).properties ?? {}).filter(([, field]) => resolve(field).format !== 'binary').map(([name]) => name) : [];
      return {
        route,
        query: (documented?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        params: [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
        bodyFields: form ? formFields : fieldsOf(content['application/json']?.schema),
        multipart: !!form,
      };
    });
    expect(operations.some((o) => o.query.includes('q'))).toBe(true);
    expect(operations.some((o) => o.multipart && o.bodyFields.length > 0)).toBe(true);
  });

  const expectNulRefused = (res: request.Response, path: string, what: string) => {
    if (res.status !== 400 || !res.body.errors?.some((e: { path: string }) => e.path === path)) {
      throw new Error(`${what} answered ${res.status} without naming ${path}: ${JSON.stringify(res.body)}`);
    }
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('every query parameter: no 500, and NUL is a 400 naming the parameter', async () => {
    let checked = 0;
    for (const { route, query } of operations) {
      const headers = await headersFor(route);
      const path = pathFor(route.path, '00000000-0000-4000-8000-000000000000');
      for (const name of query) {
        // Bytes that are not UTF-8 at all, and an encoded lone surrogate, beside the hostile strings.
        const values = [...HOSTILE_STRINGS.map((value) => ({ value, encoded: encodeURIComponent(value) })), ...['%FF', '%ED%A0%80', '%C0%80'].map((encoded) => ({ value: encoded, encoded }))];
        await Promise.all(
          values.map(async ({ value, encoded }) => {
            const url = `${path}?${name}=${encoded}`;
            const res = await request(t.app)[route.method](url).set(headers);
            expectClientError(res, `${route.method} ${url}`);
            if (hasNul(value)) expectNulRefused(res, `query.${name}`, `${route.method} ${url}`);
            checked++;
          }),
        );
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, SWEEP_TIMEOUT_MS);

  it('every path parameter: no 500, and NUL is a 400 naming the parameter', async () => {
    for (const { route, params } of operations) {
      const headers = await headersFor(route);
      for (const name of params) {
        await Promise.all(
          HOSTILE_STRINGS.filter((v) => v.length < 1000).map(async (value) => {
            const url = route.path.replace(/:(\w+)/g, (_m, param: string) => (param === name ? encodeURIComponent(value) : '00000000-0000-4000-8000-000000000000'));
            const res = await request(t.app)[route.method](url).set(headers);
            expectClientError(res, `${route.method} ${url}`);
            if (hasNul(value)) expectNulRefused(res, `params.${name}`, `${route.method} ${url}`);
          }),
        );
      }
    }
  }, SWEEP_TIMEOUT_MS);

  it('every JSON body field: no 500, and NUL is a 400 naming the field (also in nested values and field names)', async () => {
    let checked = 0;
    for (const { route, bodyFields, multipart: isForm } of operations) {
      if (isForm || !route.hasBody) continue;
      const headers = await headersFor(route);
      const path = pathFor(route.path, '00000000-0000-4000-8000-000000000000');
      const send = (body: unknown) => request(t.app)[route.method](path).set(headers).set('If-Match', '"v1"').set('content-type', 'application/json').send(JSON.stringify(body));
      for (const field of bodyFields) {
        await Promise.all(
          [...HOSTILE_STRINGS, LONE_SURROGATE].map(async (value) => {
            const res = await send({ [field]: value });
            expectClientError(res, `${route.method} ${path} ${field}=${JSON.stringify(value)}`);
            if (hasNul(value)) expectNulRefused(res, `body.${field}`, `${route.method} ${path} ${field}`);
            checked++;
          }),
        );
        expectNulRefused(await send({ [field]: [{ text: 'a\u0000' }] }), `body.${field}.0.text`, `${route.method} ${path} nested ${field}`);
      }
      expectNulRefused(await send({ ['a\u0000']: 1 }), 'body.a\\u0000', `${route.method} ${path} field name`);
    }
    expect(checked).toBeGreaterThan(100);
  }, SWEEP_TIMEOUT_MS);

  it('binary strings anywhere in a JSON body never yield a 500', async () => {
    for (const route of t.api.routes.filter((r) => r.hasBody)) {
      const headers = await headersFor(route);
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 20 }), { maxKeys: 4 }), async (body) => {
          const res = await request(t.app)[route.method](pathFor(route.path, '00000000-0000-4000-8000-000000000000')).set(headers).set('content-type', 'application/json').send(JSON.stringify(body));
          expectClientError(res, `${route.method} ${route.path}`);
        }),
        { numRuns: 10 },
      );
    }
  }, SWEEP_TIMEOUT_MS);

  it('a NUL in a multipart text part, or in the file name, is a 400 naming it, and nothing is stored', async () => {
    const consultation = await createConsultation(t.dataSource);
    const route = t.api.routes.find((r) => r.method === 'post' && r.path === '/api/consultations/:id/attachments')!;
    const headers = await headersFor(route);
    const form = operations.find((o) => o.route === route)!;
    for (const field of form.bodyFields) {
      const { body, contentType } = multipart({ name: 'remiss.pdf', data: fixtures.pdf(), type: 'application/pdf' }, { [field]: 'Bilaga\u00001' });
      expectNulRefused(await request(t.app).post(`/api/consultations/${consultation.id}/attachments`).set(headers).set('content-type', contentType).send(body), `body.${field}`, `multipart ${field}`);
    }
    // A raw NUL in a part header is malformed multipart; the RFC 5987 form decodes to one.
    const form2 = multipart({ name: 'PLACEHOLDER.pdf', data: fixtures.pdf(), type: 'application/pdf' });
    const misnamed = Buffer.from(form2.body.toString('latin1').replace('filename="PLACEHOLDER.pdf"', "filename*=utf-8''remiss%00.pdf"), 'latin1');
    expectNulRefused(await request(t.app).post(`/api/consultations/${consultation.id}/attachments`).set(headers).set('content-type', form2.contentType).send(misnamed), 'body.file', 'multipart file name');
    const listed = await request(t.app).get(`/api/consultations/${consultation.id}/attachments`).set(headers);
    expect(listed.body.total).toBe(0);
  });

  it('the reported cases: q=%00 on the lists is a 400 naming query.q', async () => {
    const headers = bearer(await t.login('registrator'));
    for (const url of ['/api/organisations?q=a%00b', '/api/consultations?q=%00', '/api/distribution-lists?q=%00']) {
      const res = await request(t.app).get(url).set(headers);
      expectNulRefused(res, 'query.q', url);
    }
  });
});
