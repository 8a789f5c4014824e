import request from 'supertest';
import { DEMO_USERS } from '../src/demo/demo-users';
import { addRecipient, createConsultation } from './support/factories';
import { mountedRoutes } from './support/route-walker';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { SWEEP_TIMEOUT_MS } from './support/test-constants';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';
const concretePath = (path: string) => path.replace(/:id\b/g, ZERO_UUID).replace(/:(\w+)/g, 'x');
const declared = () => new Set([...t.api.routes, ...t.pageRoutes].map((r) => `${r.method} ${r.path}`));

describe('every route declares a policy', () => {
  it('finds no mounted route without a declared policy', () => {
    const mounted = mountedRoutes(t.app);
    expect(mounted.length).toBeGreaterThan(10);
    const undeclared = mounted.filter((r) => !declared().has(`${r.method} ${r.path}`));
    expect(undeclared).toEqual([]);
  });

  it('would notice a route added behind the policy layer', () => {
    t.api.router.get('/api/sneaky', (_req, res) => void res.json({}));
    const undeclared = mountedRoutes(t.app).filter((r) => !declared().has(`${r.method} ${r.path}`));
    expect(undeclared).toEqual([{ method: 'get', path: '/api/sneaky' }]);
    t.api.router.stack.pop();
  });

  it('every page but login, logout and the tillgänglighetsredogörelse sends a visitor without a session to the login page', async () => {
    const publicPages = t.pageRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`).sort();
    expect(publicPages).toEqual(['get /logga-in', 'get /tillganglighet', 'post /logga-in', 'post /tillganglighet']);
    for (const route of t.pageRoutes.filter((r) => r.method === 'get' && r.access !== 'public')) {
      const res = await request(t.app).get(concretePath(route.path));
      expect({ route: route.path, status: res.status, location: res.headers.location }).toEqual({ route: route.path, status: 303, location: `/logga-in?till=${encodeURIComponent(concretePath(route.path))}` });
    }
  }, SWEEP_TIMEOUT_MS);

  it('only health, readiness, API docs and login are public', () => {
    const publicRoutes = t.api.routes.filter((r) => r.policy.access === 'public').map((r) => `${r.method} ${r.path}`).sort();
    expect(publicRoutes).toEqual(['get /health', 'get /openapi.json', 'get /ready', 'post /api/auth/login']);
  });
});

describe('the role matrix', () => {
  it('answers 401 on every non-public route without a session', async () => {
    for (const route of t.api.routes.filter((r) => r.policy.access !== 'public')) {
      const res = await request(t.app)[route.method](concretePath(route.path)).send(route.hasBody ? {} : undefined);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  }, SWEEP_TIMEOUT_MS);

  it('answers 403 for every role a route does not allow, and never 401/403 for roles it does', async () => {
    const checked: string[] = [];
    for (const route of t.api.routes) {
      if (route.policy.access !== 'roles') continue;
      for (const demo of DEMO_USERS) {
        const allowed = demo.roles.some((role) => (route.policy.access === 'roles' ? route.policy.roles.includes(role) : true));
        const res = await request(t.app)[route.method](concretePath(route.path)).set(bearer(await t.login(demo.username))).send(route.hasBody ? {} : undefined);
        const outcome = { route: `${route.method} ${route.path}`, user: demo.username, forbidden: res.status === 403 };
        expect(outcome).toEqual({ ...outcome, forbidden: !allowed });
        expect(res.status).not.toBe(401);
        checked.push(outcome.route);
      }
    }
    expect(new Set(checked).size).toBeGreaterThanOrEqual(8);
  }, SWEEP_TIMEOUT_MS);
});

describe('own and other organisation', () => {
  it('Tilldela (PUT …/assignee, GET …/assignee-candidates) is the answering organisation’s: its handläggare, attestant and admins; another organisation gets 404', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01' });
    await addRecipient(t.dataSource, remiss.id, 'sdn-norra-innerstaden', { sentAt: new Date('2026-09-01T08:00:00Z') });
    const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
    const as = async (username: string) => bearer(await t.login(username));
    expect((await request(t.app).post(`/api/responses/${response.id}/transitions`).set(await as('handlaggare.sodermalm')).send({ action: 'start' })).status).toBe(200);
    const candidates = `/api/responses/${response.id}/assignee-candidates`;
    const expected: Array<[string, number]> = [['handlaggare.sodermalm', 200], ['attestant.sodermalm', 200], ['admin', 200], ['handlaggare.norrainnerstaden', 404], ['attestant.norrainnerstaden', 404]];
    for (const [username, status] of expected) expect({ username, status: (await request(t.app).get(candidates).set(await as(username))).status }).toEqual({ username, status });
    const [someone] = (await request(t.app).get(candidates).set(await as('admin'))).body.items;
    for (const [username, status] of expected) {
      const auth = await as(username);
      const etag = (await request(t.app).get(`/api/responses/${response.id}`).set(await as('admin'))).headers.etag;
      const res = await request(t.app).put(`/api/responses/${response.id}/assignee`).set(auth).set('If-Match', etag).send({ assigneeId: someone.id });
      expect({ username, status: res.status }).toEqual({ username, status });
    }
  });
});
