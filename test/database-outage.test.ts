import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';
import { createDatabase } from './support/test-database';

let t: TestApp;
let proxy: TcpProxy;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const db = await createDatabase();
  dropDatabase = db.drop;
  const direct = new URL(db.url);
  proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port) });
  await proxy.start();
  const viaProxy = new URL(db.url);
  viaProxy.port = String(proxy.port);
  // No session cache: every request, a page's too, must reach the database.
  t = await startTestApp({ SESSION_CACHE_SECONDS: '0' }, { url: viaProxy.toString() });
});
afterAll(async () => {
  await proxy.start().catch(() => undefined);
  await t.dataSource.destroy().catch(() => undefined);
  await proxy.stop();
  await dropDatabase();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('losing the database', () => {
  it('answers 503 problem+json while it is gone, stays up, and recovers by itself', async () => {
    const token = await t.login('admin');
    expect((await request(t.app).get('/api/organisations?limit=1').set(bearer(token))).status).toBe(200);

    await proxy.stop();
    const ready = await request(t.app).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/problem\+json/);
    const data = await request(t.app).get('/api/organisations?limit=1').set(bearer(token));
    expect(data.status).toBe(503);
    expect(data.headers['retry-after']).toBe('5');
    expect(data.body.detail).toMatch(/database/i);
    const write = await request(t.app).post('/api/organisations').set(bearer(token)).send({ name: 'Under avbrottet', kind: 'external' });
    expect(write.status).toBe(503);
    expect((await request(t.app).get('/health')).status).toBe(200);
    // A page is a calm Swedish 503 page in the layout, not an error dump.
    const page = await request(t.app).get('/mitt-konto').set('Cookie', `remiss_session=${token}`);
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Tjänsten är tillfälligt otillgänglig');
    expect(page.text).toContain('Inget du har sparat är förlorat');
    expect(page.text).toMatch(/<link rel="stylesheet" href="\/assets\/app\.[0-9a-f]+\.css">/);

    await proxy.start();
    await eventually(async () => (await request(t.app).get('/ready')).status === 200);
    const after = await request(t.app).get('/api/organisations?q=Under avbrottet').set(bearer(token));
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(0);
  });
});
