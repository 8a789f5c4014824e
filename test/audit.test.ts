import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
});
afterAll(() => t.close());

describe('audit events', () => {
  it('records actor, organisation, request id, before and after for a mutation', async () => {
    const created = await request(t.app).post('/api/organisations').set(admin).set('x-request-id', 'audit-create-1').send({ name: 'Revisionsbyrån', kind: 'external' });
    const [event] = await t.dataSource.query(`SELECT * FROM audit_events WHERE request_id = 'audit-create-1'`);
    const [adminUser] = await t.dataSource.query(`SELECT id, organisation_id FROM users WHERE username = 'admin'`);
    expect(event).toMatchObject({
      action: 'organisation.created',
      entity_type: 'organisation',
      entity_id: created.body.id,
      actor_user_id: adminUser.id,
      actor_username: 'admin',
      organisation_id: adminUser.organisation_id,
      before: null,
      after: expect.objectContaining({ name: 'Revisionsbyrån' }),
    });
    expect(Math.abs(new Date(event.occurred_at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('writes nothing when a mutation is refused', async () => {
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
    await request(t.app).post('/api/organisations').set(admin).send({ name: 'Revisionsbyrån', kind: 'external' });
    await request(t.app).post('/api/organisations').set(admin).send({ name: '' });
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
    expect(after).toBe(before);
  });

  it('cannot be changed or removed, not even by the owner of the table: its trigger refuses UPDATE, DELETE and TRUNCATE', async () => {
    // The app's role is refused before the trigger by its privileges (database-roles.test.ts).
    await expect(t.ownerQuery(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'forged'`);
    expect(n).toBe(0);
  });

  it('GET /api/audit filters, paginates newest first and is for admins only', async () => {
    for (const name of ['Granskare Ett', 'Granskare Två', 'Granskare Tre']) {
      await request(t.app).post('/api/organisations').set(admin).send({ name, kind: 'external' });
    }
    const page = await request(t.app).get('/api/audit?action=organisation.created&limit=2').set(admin);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    expect(page.body.items[0].after.name).toBe('Granskare Tre');
    expect(Number(page.body.items[0].id)).toBeGreaterThan(Number(page.body.items[1].id));
    const since = new Date(Date.now() - 60_000).toISOString();
    const recent = await request(t.app).get(`/api/audit?from=${encodeURIComponent(since)}&actorUserId=${page.body.items[0].actorUserId}`).set(admin);
    expect(recent.body.items.every((e: { actorUsername: string }) => e.actorUsername === 'admin')).toBe(true);
    expect((await request(t.app).get('/api/audit?from=yesterday').set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/audit').set(bearer(await t.login('coordinator')))).status).toBe(403);
  });
});
