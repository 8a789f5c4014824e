import request from 'supertest';
import { hashSessionToken } from '../src/auth/session-token';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '3', SESSION_TTL_MINUTES: '60' });
});
afterAll(() => t.close());

const login = (username: string, password = TEST_PASSWORD) => request(t.app).post('/api/auth/login').send({ username, password });

describe('login', () => {
  it('answers an opaque token and sets an HttpOnly SameSite=Lax cookie (links from e-mail open logged in; see README)', async () => {
    const res = await login('handlaggare.sodermalm');
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({ username: 'handlaggare.sodermalm', roles: ['handlaggare'] });
    expect(res.body.user.passwordHash).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/remiss_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const minutesLeft = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(58);
    expect(minutesLeft).toBeLessThanOrEqual(60);
  });

  it('is case-insensitive on the username', async () => {
    expect((await login('Reader')).status).toBe(200);
  });

  it('stores only a hash of the token, and passwords as argon2id', async () => {
    const { body } = await login('reader');
    const sessions: Array<{ token_hash: string }> = await t.dataSource.query('SELECT token_hash FROM sessions');
    expect(sessions.map((s) => s.token_hash)).toContain(hashSessionToken(body.token));
    expect(JSON.stringify(sessions)).not.toContain(body.token);
    const [user] = await t.dataSource.query(`SELECT password_hash FROM users WHERE username = 'reader'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await login('attestant.sodermalm', 'wrong-password');
    const unknown = await login('nobody.at.all', 'wrong-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rate limits repeated failures with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await login('coordinator', 'bad-guess')).status).toBe(401);
    const limited = await login('coordinator', 'bad-guess');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits out the window: the limiter runs before the check.
    expect((await login('coordinator')).status).toBe(429);
  });

  it('counts failed logins across app processes: a second process on the same database sees the first one’s', async () => {
    const second = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '3' }, { url: t.config.databaseUrl! });
    try {
      const attempt = (app: typeof t.app) => request(app).post('/api/auth/login').send({ username: 'gissare.ett', password: 'bad-guess' });
      expect((await attempt(t.app)).status).toBe(401);
      expect((await attempt(second.app)).status).toBe(401);
      expect((await attempt(t.app)).status).toBe(401);
      expect((await attempt(second.app)).status).toBe(429);
      expect((await attempt(t.app)).status).toBe(429);
      // Only a hash of the address and username is stored.
      const rows: Array<{ key_hash: string; hits: number }> = await t.dataSource.query('SELECT key_hash, hits FROM login_attempts');
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('gissare');
    } finally {
      await second.close();
    }
  });

  it('behind a proxy (TRUST_PROXY=true), an X-Forwarded-For the client writes itself does not reset its count', async () => {
    const proxied = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '3', TRUST_PROXY: 'true' }, { url: t.config.databaseUrl! });
    try {
      // The proxy appends the address it saw; whatever the client put before it is the client's own invention.
      const attempt = (n: number) =>
        request(proxied.app).post('/api/auth/login').set('X-Forwarded-For', `10.9.9.${n}, 203.0.113.7`).send({ username: 'gissare.tre', password: 'bad-guess' });
      const statuses = [];
      for (let n = 0; n < 6; n++) statuses.push((await attempt(n)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await proxied.close();
    }
  });

  it('one address trying a password on many usernames is stopped too (LOGIN_RATE_LIMIT_ADDRESS_MAX)', async () => {
    const sprayed = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '3', LOGIN_RATE_LIMIT_ADDRESS_MAX: '5', TRUST_PROXY: 'true' }, { url: t.config.databaseUrl! });
    try {
      const attempt = (username: string) => request(sprayed.app).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.23').send({ username, password: 'Sommar2026!' });
      const statuses = [];
      for (let n = 0; n < 7; n++) statuses.push((await attempt(`sprejad.${n}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      // Another address is not affected.
      expect((await request(sprayed.app).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.24').send({ username: 'sprejad.0', password: 'x' })).status).toBe(401);
    } finally {
      await sprayed.close();
    }
  });

  it('twenty concurrent failures are all counted', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => login('gissare.tva', 'bad-guess')));
    expect(results.filter((res) => res.status === 401)).toHaveLength(3);
    expect(results.filter((res) => res.status === 429)).toHaveLength(17);
  });

  it('validates the login body', async () => {
    const res = await request(t.app).post('/api/auth/login').send({ username: '', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.extra', 'body.password', 'body.username']);
  });
});

describe('sessions', () => {
  it('accepts the bearer header and the cookie on /api/auth/me', async () => {
    const res = await login('handlaggare.ostermalm');
    const viaBearer = await request(t.app).get('/api/auth/me').set(bearer(res.body.token));
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.user.username).toBe('handlaggare.ostermalm');
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const viaCookie = await request(t.app).get('/api/auth/me').set('Cookie', cookie);
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.user.username).toBe('handlaggare.ostermalm');
  });

  it('needs a session on /api routes: missing, forged and malformed tokens get 401', async () => {
    const missing = await request(t.app).get('/api/organisations');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await request(t.app).get('/api/organisations').set(bearer('A'.repeat(43)))).status).toBe(401);
    expect((await request(t.app).get('/api/organisations').set('Authorization', 'Basic YWRtaW46ZGVtbw==')).status).toBe(401);
    expect((await request(t.app).get('/api/organisations').set('Cookie', 'remiss_session=forged')).status).toBe(401);
  });

  it('logout revokes the session', async () => {
    const { body } = await login('attestant.sodermalm');
    expect((await request(t.app).post('/api/auth/logout').set(bearer(body.token))).status).toBe(204);
    expect((await request(t.app).get('/api/auth/me').set(bearer(body.token))).status).toBe(401);
  });

  it('an expired session gets 401', async () => {
    const { body } = await login('registrator');
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashSessionToken(body.token)]);
    expect((await request(t.app).get('/api/auth/me').set(bearer(body.token))).status).toBe(401);
  });

  it('records login and logout in the audit log', async () => {
    const { body } = await login('handlaggare.sodermalm');
    await request(t.app).post('/api/auth/logout').set(bearer(body.token)).set('x-request-id', 'logout-req-1');
    const events = await t.dataSource.query(`SELECT action, actor_username, request_id FROM audit_events WHERE action = 'auth.logout' AND request_id = 'logout-req-1'`);
    expect(events).toEqual([{ action: 'auth.logout', actor_username: 'handlaggare.sodermalm', request_id: 'logout-req-1' }]);
  });
});

describe("one's own password and session through the API (the pages call the same service)", () => {
  it('changes the password given the current one, ends the other sessions and keeps this one', async () => {
    const first = (await login('handlaggare.ostermalm')).body.token;
    const other = (await login('handlaggare.ostermalm')).body.token;
    const auth = { Authorization: `Bearer ${first}` };
    const wrong = await request(t.app).post('/api/auth/password').set(auth).send({ currentPassword: 'not-it-at-all', newPassword: 'ostermalm-new-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'body.currentPassword', message: 'does not match the current password' }]);
    expect((await request(t.app).post('/api/auth/password').set(auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await request(t.app).post('/api/auth/password').set(auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'ostermalm-new-1' })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the session cache
    expect((await request(t.app).get('/api/auth/me').set(auth)).status).toBe(200);
    expect((await request(t.app).get('/api/auth/me').set({ Authorization: `Bearer ${other}` })).status).toBe(401);
    expect((await login('handlaggare.ostermalm', 'ostermalm-new-1')).status).toBe(200);
    const [event] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'user.password-changed' ORDER BY id DESC LIMIT 1`);
    expect(event.after).toEqual({ passwordChanged: true });
  });

  it('extends the session by its lifetime', async () => {
    const res = await login('reader');
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() + interval '3 minutes' WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'reader')`);
    const extended = await request(t.app).post('/api/auth/session').set({ Authorization: `Bearer ${res.body.token}` });
    expect(extended.status).toBe(200);
    expect((Date.parse(extended.body.expiresAt) - Date.now()) / 60_000).toBeGreaterThan(58);
  });
});
