import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';

/*
 * What the administrator's screens needed from the services, through the API: moving a catalogue
 * entry up or down, a new entry going last, the audit log by actor username and its filter choices,
 * a taken username named at its field, and an admin who cannot lock themselves out.
 */
let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
});
afterAll(() => t.close());

type Entry = { key: string; position: number; version: number; heading: string };
const catalogue = async (): Promise<Entry[]> => (await request(t.app).get('/api/section-templates?limit=100').set(admin)).body.items;
const keys = async () => (await catalogue()).map((entry) => entry.key);
const etagOf = async (key: string) => `"v${(await catalogue()).find((entry) => entry.key === key)!.version}"`;
const move = async (key: string, direction: string, etag?: string) =>
  request(t.app)
    .post(`/api/section-templates/${key}/move`)
    .set(admin)
    .set('If-Match', etag ?? (await etagOf(key)))
    .send({ direction });

describe('moving a catalogue entry', () => {
  it('swaps it with its neighbour, bumps both versions and audits both moves', async () => {
    const before = await keys();
    const at = before.indexOf('bakgrund');
    const res = await move('bakgrund', 'up');
    expect(res.status).toBe(200);
    const after = await keys();
    expect(after[at - 1]).toBe('bakgrund');
    expect(after[at]).toBe(before[at - 1]);
    expect(after.filter((key) => key !== 'bakgrund' && key !== before[at - 1])).toEqual(before.filter((key) => key !== 'bakgrund' && key !== before[at - 1]));
    const events = await request(t.app).get('/api/audit?action=section_template.moved').set(admin);
    expect(events.body.items.map((e: { entityId: string }) => e.entityId).sort()).toEqual(['bakgrund', before[at - 1]].sort());

    expect((await move('bakgrund', 'down')).status).toBe(200);
    expect(await keys()).toEqual(before);
  });

  it('refuses the first up and the last down (409), a stale ETag (412), no If-Match (428) and a non-admin (403)', async () => {
    const order = await keys();
    const first = await move(order[0], 'up');
    expect(first.status).toBe(409);
    expect(first.body.type).toMatch(/section-move-edge$/);
    expect((await move(order[order.length - 1], 'down')).status).toBe(409);
    expect((await move(order[2], 'down', '"v999"')).status).toBe(412);
    expect((await request(t.app).post(`/api/section-templates/${order[2]}/move`).set(admin).send({ direction: 'down' })).status).toBe(428);
    const registrator = bearer(await t.login('registrator'));
    expect((await request(t.app).post(`/api/section-templates/${order[2]}/move`).set(registrator).set('If-Match', '"v1"').send({ direction: 'down' })).status).toBe(403);
    expect(await keys()).toEqual(order);
  });

  it('renumbers tied positions first, so a move between equal positions still moves', async () => {
    const [a, b] = await catalogue();
    await request(t.app).put(`/api/section-templates/${b.key}`).set(admin).set('If-Match', `"v${b.version}"`).send({ position: a.position });
    const tied = await keys();
    // Both at the same position, first in the catalogue (by key among themselves).
    expect(new Set(tied.slice(0, 2))).toEqual(new Set([a.key, b.key]));
    expect((await move(tied[1], 'up')).status).toBe(200);
    const after = await catalogue();
    expect(after.slice(0, 2).map((entry) => entry.key)).toEqual([tied[1], tied[0]]);
    expect(new Set(after.map((entry) => entry.position)).size).toBe(after.length);
  });

  it('puts a new entry without a position last', async () => {
    const res = await request(t.app).post('/api/section-templates').set(admin).send({ key: 'sist-i-katalogen', heading: 'Sist' });
    expect(res.status).toBe(201);
    expect((await keys()).at(-1)).toBe('sist-i-katalogen');
    const again = await request(t.app).post('/api/section-templates').set(admin).send({ key: 'sist-i-katalogen', heading: 'Igen' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'body.key', message: 'is taken by another section' }]);
  });
});

describe('users', () => {
  it('names a taken username at its field', async () => {
    const sodermalm = (await request(t.app).get('/api/organisations?q=Södermalms stadsdelsförvaltning').set(admin)).body.items[0].id;
    const res = await request(t.app).post('/api/users').set(admin).send({ username: 'handlaggare.sodermalm', name: 'Dubbel', organisationId: sodermalm, roles: ['reader'], password: 'ett-langt-losenord' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: 'body.username', message: 'is taken by another user' }]);
  });

  it('an admin cannot deactivate themselves or drop their own admin role; another admin can', async () => {
    const me = (await request(t.app).get('/api/auth/me').set(admin)).body;
    const myId = me.id ?? me.user?.id;
    const current = await request(t.app).get(`/api/users/${myId}`).set(admin);
    for (const change of [{ active: false }, { roles: ['registrator'] }]) {
      const res = await request(t.app).patch(`/api/users/${myId}`).set(admin).set('If-Match', current.headers.etag).send(change);
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/own-account$/);
    }
    // Still an active admin whose session goes on.
    expect((await request(t.app).get('/api/users').set(admin)).status).toBe(200);
    // Adding a role to oneself is fine; like every change of roles it ends the sessions, this one too.
    const more = await request(t.app).patch(`/api/users/${myId}`).set(admin).set('If-Match', current.headers.etag).send({ roles: ['admin', 'registrator'] });
    expect(more.status).toBe(200);
    expect((await request(t.app).get('/api/users').set(admin)).status).toBe(401);
    const again = await request(t.app).post('/api/auth/login').send({ username: 'admin', password: TEST_PASSWORD });
    admin = bearer(again.body.token);
  });
});

describe('the audit log', () => {
  it('filters by the actor’s username, and offers the actions and entity types that occur', async () => {
    const byAdmin = await request(t.app).get('/api/audit?actorUsername=ADMIN&limit=100').set(admin);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.total).toBeGreaterThan(0);
    expect(new Set(byAdmin.body.items.map((e: { actorUsername: string }) => e.actorUsername))).toEqual(new Set(['admin']));
    expect((await request(t.app).get('/api/audit?actorUsername=ingen.sadan').set(admin)).body.total).toBe(0);

    const facets = await new AuditService(t.dataSource).facets();
    const [actions, types]: Array<Array<{ value: string }>> = await Promise.all([
      t.dataSource.query('SELECT DISTINCT action AS value FROM audit_events ORDER BY 1'),
      t.dataSource.query('SELECT DISTINCT entity_type AS value FROM audit_events ORDER BY 1'),
    ]);
    expect(facets.actions).toEqual(actions.map((row) => row.value));
    expect(facets.entityTypes).toEqual(types.map((row) => row.value));
    expect(facets.actions).toContain('section_template.moved');
  });
});
