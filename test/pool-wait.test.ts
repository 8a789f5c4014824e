import { Client } from 'pg';
import request from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * A busy moment is not an outage: when every connection of the pool is in use, a request waits for
 * one (up to 10 s) and is served. Only opening a connection gives up after 3 s (the database is
 * gone: 503, see database-outage.test.ts). Both limits were once one, and a burst of saves on a
 * busy machine answered 503 "database unavailable".
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function sleepingSessions(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(7)%' AND state = 'active'`);
  return rows[0].n;
}

it('a request that waits longer than the connect limit for a free connection is served, not refused', async () => {
  const admin = bearer(await t.login('admin'));
  // Every connection of the pool busy for 7 s; a separate connection watches for that.
  const size = (t.dataSource.options as { extra: { max: number } }).extra.max;
  const busy = Promise.all(Array.from({ length: size }, () => t.dataSource.query('SELECT pg_sleep(7)')));
  const watcher = new Client({ connectionString: t.config.databaseUrl });
  await watcher.connect();
  try {
    while ((await sleepingSessions(watcher)) < size) await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const res = await request(t.app).get('/api/organisations?limit=1').set(admin);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    // It did wait for a connection, past the 3 s in which one must open.
    expect(Date.now() - started).toBeGreaterThan(3_000);
  } finally {
    await watcher.end();
    await busy;
  }
});
