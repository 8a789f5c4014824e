// bench:api — DESIGN §7: an API read endpoint through the full stack (auth, validation, ORM) must
// reach >= 0.6x the throughput of a bare Express + pg indexed lookup measured in the same run, with
// p99 < 50 ms at 10 connections. Prints one summary line; exits 1 only when the bench itself fails.
//
//   npm run bench:api                       (throwaway embedded PostgreSQL)
//   BENCH_SECONDS=30 npm run bench:api      (measured seconds per target; 2 s warm-up each first)
//   BENCH_WORKERS=0 npm run bench:api       (autocannon on the main thread instead of a worker)
//   BENCH_DATABASE_URL=postgres://... npm run bench:api   (that database is migrated and gets demo users)
import 'reflect-metadata';
import autocannon from 'autocannon';
import express from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres';
import { prepareDatabase } from '../src/db/prepare-database';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = positiveNumber(process.env.BENCH_SECONDS, 10);
// autocannon fires from a worker thread by default so the load generator does not share the event
// loop with the servers it measures; BENCH_WORKERS=0 runs it on the main thread.
const WORKERS = Math.max(0, Math.floor(Number(process.env.BENCH_WORKERS ?? 1)) || 0);
const PASSWORD = 'bench-password';
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 50;

interface Measurement {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function listen(app: express.Express): Promise<{ server: Server; baseUrl: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function run(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, ...(WORKERS > 0 ? { workers: WORKERS } : {}) });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => console.error('bench:api cleanup:', error));
  };

  try {
    // 1. A database: BENCH_DATABASE_URL, or a throwaway embedded PostgreSQL in a temp folder.
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      const dir = await mkdtemp(path.join(tmpdir(), 'remiss-bench-pg-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      // The temp folder itself is the data folder: embedded-postgres hands it to its 'postgres' OS
      // user when running as root, which a subfolder of a 0700 mkdtemp folder would not allow.
      const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
      cleanups.push(() => embedded.stop());
      url = embedded.url;
    }

    // 2. Migrate and seed exactly as the server does at start, then the full app.
    const dataSource: DataSource = await createDataSource({ url, applicationName: 'remiss-bench' }).initialize();
    cleanups.push(() => dataSource.destroy());
    await prepareDatabase(dataSource, { demoPassword: PASSWORD });
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_MAX: '1000' });
    const { app } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
    const full = await listen(app);
    cleanups.push(() => closeServer(full.server));

    const login = await fetch(`${full.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const headers = { Authorization: `Bearer ${token}` };

    const list = await fetch(`${full.baseUrl}/api/organisations?limit=1`, { headers });
    if (list.status !== 200) throw new Error(`listing organisations failed: ${list.status} ${await list.text()}`);
    const organisationId = ((await list.json()) as { items: Array<{ id: string }> }).items[0]?.id;
    if (!organisationId) throw new Error('the organisation register is empty');

    // 3. The baseline: bare Express + pg, same pool size, same indexed lookup.
    const pool = new Pool({ connectionString: url, max: config.dbPoolMax, application_name: 'remiss-bench-bare' });
    // pool.end() resolves before every socket has closed; stopping PostgreSQL right after then
    // raises 57P01 on an idle client, which must not crash the bench.
    pool.on('error', () => undefined);
    cleanups.push(() => pool.end());
    const bareApp = express();
    bareApp.get('/organisations/:id', async (req, res, next) => {
      try {
        const { rows } = await pool.query('SELECT id, name, kind, parent_id FROM organisations WHERE id = $1', [req.params.id]);
        if (rows.length === 0) res.status(404).json({ title: 'Not Found' });
        else res.json(rows[0]);
      } catch (error) {
        next(error);
      }
    });
    const bare = await listen(bareApp);
    cleanups.push(() => closeServer(bare.server));

    const fullUrl = `${full.baseUrl}/api/organisations/${organisationId}`;
    const bareUrl = `${bare.baseUrl}/organisations/${organisationId}`;
    for (const [target, label] of [[fullUrl, 'full'], [bareUrl, 'bare']] as const) {
      const probe = await fetch(target, { headers });
      if (probe.status !== 200) throw new Error(`${label} endpoint answers ${probe.status}: ${await probe.text()}`);
    }

    // 4. Warm up both (JIT, pools, caches), then measure each.
    await run(fullUrl, WARMUP_SECONDS, headers);
    await run(bareUrl, WARMUP_SECONDS);
    const fullResult = await run(fullUrl, DURATION_SECONDS, headers);
    const bareResult = await run(bareUrl, DURATION_SECONDS);

    const ratio = bareResult.rps > 0 ? fullResult.rps / bareResult.rps : 0;
    const problems: string[] = [];
    for (const [label, m] of [['full', fullResult], ['bare', bareResult]] as const) {
      if (m.non2xx > 0) problems.push(`${label} non2xx=${m.non2xx}`);
      if (m.errors > 0) problems.push(`${label} errors=${m.errors}`);
    }
    const pass = problems.length === 0 && ratio >= TARGET_RATIO && fullResult.p99 < TARGET_P99_MS;
    console.log(
      `bench:api full=${Math.round(fullResult.rps)} req/s p99=${fullResult.p99} ms` +
        ` | bare=${Math.round(bareResult.rps)} req/s p99=${bareResult.p99} ms` +
        ` | ratio=${ratio.toFixed(2)} (target >= ${TARGET_RATIO}, p99 < ${TARGET_P99_MS} ms)` +
        (problems.length ? ` | ${problems.join(', ')}` : '') +
        ` ${pass ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('bench:api failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
