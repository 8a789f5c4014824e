import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: Record<string, string>;
let sodermalmId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
  sodermalmId = (await request(t.app).get('/api/organisations?q=Södermalms stadsdelsförvaltning').set(admin)).body.items[0].id;
});
afterAll(() => t.close());

const newUser = (overrides: object = {}) => ({
  username: 'Utredare.Ny',
  name: 'Nora Nyberg',
  email: 'nora.nyberg@example.se',
  organisationId: sodermalmId,
  roles: ['handlaggare'],
  password: 'ett-langt-losenord',
  ...overrides,
});

describe('admins manage users', () => {
  let userId: string;

  it('creates a user who can then log in, with the username lower-cased', async () => {
    const res = await request(t.app).post('/api/users').set(admin).send(newUser());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'utredare.ny', roles: ['handlaggare'], active: true, organisationId: sodermalmId });
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon/i);
    userId = res.body.id;
    const login = await request(t.app).post('/api/auth/login').send({ username: 'utredare.ny', password: 'ett-langt-losenord' });
    expect(login.status).toBe(200);
  });

  it('refuses a taken username, a short password, unknown roles and unknown organisations', async () => {
    expect((await request(t.app).post('/api/users').set(admin).send(newUser())).status).toBe(409);
    const bad = await request(t.app)
      .post('/api/users')
      .set(admin)
      .send(newUser({ username: 'annan', password: 'kort', roles: ['superuser'], organisationId: '00000000-0000-4000-8000-000000000000' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.roles.0']);
    const unknownOrg = await request(t.app).post('/api/users').set(admin).send(newUser({ username: 'annan', organisationId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.errors).toEqual([{ path: 'body.organisationId', message: 'is not a known organisation' }]);
  });

  it('lists and filters users', async () => {
    const res = await request(t.app).get(`/api/users?organisationId=${sodermalmId}&role=handlaggare`).set(admin);
    expect(res.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['handlaggare.sodermalm', 'utredare.ny']);
    expect(res.body.total).toBe(2);
  });

  it('deactivating a user ends their sessions and blocks login', async () => {
    const token = (await request(t.app).post('/api/auth/login').send({ username: 'utredare.ny', password: 'ett-langt-losenord' })).body.token;
    const current = await request(t.app).get(`/api/users/${userId}`).set(admin);
    const res = await request(t.app).patch(`/api/users/${userId}`).set(admin).set('If-Match', current.headers.etag).send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await request(t.app).get('/api/auth/me').set(bearer(token))).status).toBe(401);
    expect((await request(t.app).post('/api/auth/login').send({ username: 'utredare.ny', password: 'ett-langt-losenord' })).status).toBe(401);
  });

  it('audits user changes without recording passwords', async () => {
    const events = await request(t.app).get(`/api/audit?entityType=user&entityId=${userId}`).set(admin);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'user.created']);
    expect(events.body.items[0]).toMatchObject({ before: { active: true }, after: { active: false }, actorUsername: 'admin' });
    expect(JSON.stringify(events.body)).not.toMatch(/ett-langt-losenord|argon2/);
  });

  it('is for admins only', async () => {
    const handlaggare = bearer(await t.login('handlaggare.sodermalm'));
    expect((await request(t.app).get('/api/users').set(handlaggare)).status).toBe(403);
    expect((await request(t.app).post('/api/users').set(handlaggare).send(newUser({ username: 'x.y' }))).status).toBe(403);
  });
});
