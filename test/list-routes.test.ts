import request from 'supertest';
import { DEMO_USERS } from '../src/demo/demo-users';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

// Walks every GET that answers a list (found in the OpenAPI document, so a new list route is walked
// without being named here) as every demo user, bare and with each typical filter, and checks that
// none answers 5xx; then checks what the remiss list and the deadlines show each role.

let t: TestApp;
type OpenApi = { paths: Record<string, { get?: Operation }>; components: { schemas: Record<string, Schema> } };
type Operation = { parameters?: Parameter[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Parameter = { name: string; in: string; schema: Schema };
type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; enum?: unknown[]; format?: string; pattern?: string; anyOf?: Schema[]; allOf?: Schema[]; items?: Schema };

let openapi: OpenApi;
/** Path parameters that name real demo data, so the walk reaches the queries and not only a 404. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  openapi = (await request(t.app).get('/openapi.json')).body;
  const one = async (sql: string, params: unknown[] = []) => ((await t.dataSource.query(sql, params)) as Array<{ id: string }>)[0].id;
  ids.openConsultation = await one(`SELECT id FROM consultations WHERE status = 'open' AND case_number LIKE 'KS %/1187'`);
  ids.recipient = await one(`SELECT id FROM recipients WHERE consultation_id = $1 ORDER BY position LIMIT 1`, [ids.openConsultation]);
  ids.answeredResponse = await one(
    `SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id JOIN statements s ON s.response_id = p.id
      WHERE c.case_number = 'KS 2020/924' AND p.status = 'submitted' ORDER BY r.position LIMIT 1`,
  );
  ids.sodermalm = await organisationId(t.dataSource, 'sdn-sodermalm');
  // A draft remiss, coordinated by socialförvaltningen and addressed to Södermalm: only registrators,
  // admins and its coordinator may list it; a reader or Södermalm's staff must not.
  const draft = await createConsultation(t.dataSource, { title: 'Utkast till remiss om parkbänkar', status: 'draft' });
  await addRecipient(t.dataSource, draft.id, 'sdn-sodermalm');
  ids.draftConsultation = draft.id;
}, 60_000);
afterAll(() => t.close());

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return resolve(openapi.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
}

/** The GET routes whose success answer is an object with an `items` array. */
function listRoutes(): Array<{ path: string; operation: Operation }> {
  return Object.entries(openapi.paths)
    .filter(([, item]) => item.get)
    .map(([path, item]) => ({ path, operation: item.get! }))
    .filter(({ operation }) => {
      const schema = resolve(operation.responses['200']?.content?.['application/json']?.schema);
      // An extended page schema is documented as allOf [the page, the extra properties].
      const parts = [schema, ...(schema?.allOf ?? []).map(resolve)];
      return parts.some((part) => resolve(part?.properties?.items)?.type === 'array');
    });
}

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (name === 'recipientId') return ids.recipient;
    if (name !== 'id') throw new Error(`no demo value for {${name}} in ${path}: add one`);
    if (path.startsWith('/api/consultations/')) return ids.openConsultation;
    if (path.startsWith('/api/responses/')) return ids.answeredResponse;
    if (path.startsWith('/api/organisations/')) return ids.sodermalm;
    throw new Error(`no demo id for ${path}: add one`);
  });
}

/** A value a user would typically filter with, by the parameter's schema and name. */
function typicalValues(parameter: Parameter): string[] {
  const schema = resolve(parameter.schema) ?? {};
  const variants = [schema, ...(schema.anyOf ?? []).map(resolve)].filter((s): s is Schema => !!s);
  const enumValues = variants.flatMap((s) => s.enum ?? []).map(String);
  if (enumValues.length) return parameter.name === 'sort' ? enumValues : enumValues.slice(0, 2);
  const types = variants.flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type]));
  if (types.includes('boolean')) return ['true', 'false'];
  if (types.includes('integer') || types.includes('number')) return ['1'];
  if (variants.some((s) => s.format === 'date' || s.pattern?.includes('\\d{4}'))) return ['2020-11-01'];
  if (variants.some((s) => s.format === 'uuid') || /Id$/.test(parameter.name)) {
    return [/consultation/i.test(parameter.name) ? ids.openConsultation : ids.sodermalm];
  }
  if (parameter.name === 'q') return ['remiss', 'KS 2020/924'];
  return ['a'];
}

function requestsFor(path: string, operation: Operation): string[] {
  const filters = (operation.parameters ?? []).filter((p) => p.in === 'query' && !['limit', 'offset'].includes(p.name));
  const base = concretePath(path);
  const singles = filters.flatMap((p) => typicalValues(p).map((value) => `${p.name}=${encodeURIComponent(value)}`));
  const all = filters.map((p) => `${p.name}=${encodeURIComponent(typicalValues(p)[0])}`).join('&');
  // Past the last page, the total comes from a separate count query with its own parameters.
  return [base, `${base}?limit=1`, `${base}?offset=100000`, ...singles.map((q) => `${base}?${q}`), ...(all ? [`${base}?${all}`, `${base}?${all}&offset=100000`] : [])];
}

describe('every list route as every role', () => {
  it('finds the list routes in the OpenAPI document', () => {
    const paths = listRoutes().map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/consultations', '/api/deadlines', '/api/organisations', '/api/consultations/{id}/recipients', '/api/responses/{id}/revisions', '/api/search']));
  });

  it('never answers 5xx, with or without filters, and answers every allowed bare request', async () => {
    const failures: string[] = [];
    let answered = 0;
    for (const demo of DEMO_USERS) {
      const auth = bearer(await t.login(demo.username));
      for (const { path, operation } of listRoutes()) {
        for (const url of requestsFor(path, operation)) {
          const res = await request(t.app).get(url).set(auth);
          if (res.status >= 500) failures.push(`${demo.username} GET ${url} → ${res.status} ${res.body?.detail ?? ''}`);
          else if (res.status === 200) {
            answered++;
            if (!Array.isArray(res.body.items)) failures.push(`${demo.username} GET ${url} → 200 without items`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(200);
  }, 120_000);
});

const listAll = async (username: string, url: string) => {
  const res = await request(t.app).get(url).set(bearer(await t.login(username)));
  expect({ username, url, status: res.status }).toEqual({ username, url, status: 200 });
  return res.body as { items: Array<Record<string, unknown>>; total: number };
};

describe('what the remiss list shows each role', () => {
  /** Independent of the service: the rules of README "Who sees what", written against the tables. */
  async function expectedIds(username: string): Promise<string[]> {
    const [user] = await t.dataSource.query(`SELECT roles, organisation_id FROM users WHERE username = $1`, [username]);
    const family = `SELECT id FROM organisations WHERE id = $1 OR (parent_id = $1 AND kind = 'administration')
                    UNION SELECT parent_id FROM organisations WHERE id = $1 AND kind = 'administration' AND parent_id IS NOT NULL`;
    const roles: string[] = user.roles;
    const rule = roles.some((r) => ['admin', 'registrator'].includes(r))
      ? 'TRUE'
      : `(${roles.includes('coordinator') ? `c.coordinator_id IN (${family})` : 'FALSE'})
         OR (c.status <> 'draft' AND (${roles.includes('reader') ? 'TRUE' : `EXISTS (SELECT 1 FROM recipients r WHERE r.consultation_id = c.id AND r.organisation_id IN (${family}))`}))`;
    const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT c.id FROM consultations c WHERE ${rule} AND $1::uuid IS NOT NULL ORDER BY c.id`, [user.organisation_id]);
    return rows.map((row) => row.id);
  }

  it.each(DEMO_USERS.map((u) => u.username))('%s sees exactly the remisser it may open', async (username) => {
    const page = await listAll(username, '/api/consultations?limit=200');
    const listed = page.items.map((item) => item.id as string).sort();
    expect(listed).toEqual(await expectedIds(username));
    expect(page.total).toBe(listed.length);
    expect(listed.includes(ids.draftConsultation)).toBe(['admin', 'registrator', 'coordinator'].includes(username));
    for (const id of listed) {
      const res = await request(t.app).get(`/api/consultations/${id}`).set(bearer(await t.login(username)));
      expect({ username, id, status: res.status }).toEqual({ username, id, status: 200 });
    }
  });

  it('lets a reader filter and page the list like everyone else', async () => {
    const open = await listAll('reader', '/api/consultations?status=open&q=ensamhet&sort=-dueDate');
    expect(open.items.map((item) => item.id)).toEqual([ids.openConsultation]);
    const pastEnd = await listAll('reader', '/api/consultations?offset=1000');
    expect(pastEnd).toMatchObject({ items: [], total: (await expectedIds('reader')).length });
  });
});

describe('what the deadlines show each role', () => {
  it('shows a handläggare its own organisation’s answers, a coordinator its remisser’s, a registrator all', async () => {
    const owed = await t.dataSource.query(
      `SELECT r.id, r.organisation_id, c.coordinator_id FROM recipients r JOIN consultations c ON c.id = r.consultation_id JOIN responses p ON p.recipient_id = r.id
        WHERE c.status = 'open' AND r.role = 'respond' AND r.sent_at IS NOT NULL AND p.status NOT IN ('submitted', 'declined', 'no_comments')`,
    );
    const recipientIds = (page: { items: Array<Record<string, unknown>> }) => page.items.map((item) => (item.recipient as { id: string }).id).sort();
    const all = await listAll('registrator', '/api/deadlines?limit=200');
    expect(recipientIds(all)).toEqual(owed.map((row: { id: string }) => row.id).sort());
    const sodermalm = [ids.sodermalm, await organisationId(t.dataSource, 'sdf-sodermalm')];
    const own = await listAll('handlaggare.sodermalm', '/api/deadlines?limit=200');
    expect(recipientIds(own)).toEqual(owed.filter((row: { organisation_id: string }) => sodermalm.includes(row.organisation_id)).map((row: { id: string }) => row.id).sort());
    const socialforvaltningen = await organisationId(t.dataSource, 'socialforvaltningen');
    const coordinated = await listAll('coordinator', '/api/deadlines?limit=200');
    expect(recipientIds(coordinated)).toEqual(owed.filter((row: { coordinator_id: string }) => row.coordinator_id === socialforvaltningen).map((row: { id: string }) => row.id).sort());
    expect(coordinated.total).toBeGreaterThan(0);
    const stadsledningskontoret = await organisationId(t.dataSource, 'stadsledningskontoret');
    const reader = await listAll('reader', '/api/deadlines?limit=200');
    expect(recipientIds(reader)).toEqual(owed.filter((row: { organisation_id: string }) => row.organisation_id === stadsledningskontoret).map((row: { id: string }) => row.id).sort());
  });
});

describe("the recipients' copy of the response state the lists count from", () => {
  it('follows every change of a response, so counts and deadlines answer what the responses say', async () => {
    // Changes made behind the services' back too: the trigger keeps the copy, not the code.
    await t.dataSource.query(`UPDATE responses SET status = 'drafting' WHERE id IN (SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id WHERE r.consultation_id = $1 AND p.status = 'not_started' LIMIT 2)`, [ids.openConsultation]);
    await t.dataSource.query(`UPDATE responses SET status = 'submitted', answered_date = '2099-01-01' WHERE id IN (SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id WHERE r.consultation_id = $1 AND p.status = 'not_started' LIMIT 1)`, [ids.openConsultation]);
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28' });
    await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28'), responseStatus: 'declined', answeredDate: '2020-09-01' });
    const mismatches = await t.dataSource.query(
      `SELECT r.id FROM recipients r JOIN responses p ON p.recipient_id = r.id
        WHERE (r.response_status, r.response_answered_date) IS DISTINCT FROM (p.status, p.answered_date)`,
    );
    expect(mismatches).toEqual([]);
    const expected: Array<{ id: string; n: number; submitted: number }> = await t.dataSource.query(
      `SELECT c.id, count(p.id)::int AS n, count(*) FILTER (WHERE p.status = 'submitted')::int AS submitted
         FROM consultations c JOIN recipients r ON r.consultation_id = c.id JOIN responses p ON p.recipient_id = r.id GROUP BY c.id`,
    );
    const page = await listAll('registrator', '/api/consultations?limit=200');
    const counted = new Map(page.items.map((item) => [item.id, item.recipients as { total: number; byStatus: Record<string, number> }]));
    for (const row of expected) expect({ id: row.id, total: counted.get(row.id)?.total, submitted: counted.get(row.id)?.byStatus.submitted }).toEqual({ id: row.id, total: row.n, submitted: row.submitted });
  });
});
