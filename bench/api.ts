// bench:api — DESIGN §7: an API read endpoint through the full stack (auth, validation, ORM) must
// reach >= 0.6x the throughput of a bare Express + pg indexed lookup measured in the same run, with
// p99 < 50 ms at 10 connections. Prints one summary line; exits 1 only when the bench itself fails.
//
//   npm run bench:api                       (throwaway embedded PostgreSQL)
//   BENCH_SECONDS=30 npm run bench:api      (measured seconds per target; 2 s warm-up each first)
//   BENCH_WORKERS=0 npm run bench:api       (autocannon on the main thread instead of a worker)
//   BENCH_DATABASE_URL=postgres://... npm run bench:api   (that database is migrated and gets demo users)
import 'reflect-metadata';
import express from 'express';
import { Pool } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { prepareDatabase } from '../src/db/prepare-database';
import {
  benchDatabaseUrl,
  Cleanups,
  closeServer,
  DURATION_SECONDS,
  listen,
  loginHeaders,
  run,
  runBench,
  TARGET_P99_MS,
  TARGET_RATIO,
  WARMUP_SECONDS,
} from './support';

const PASSWORD = 'bench-password';

async function main(): Promise<void> {
  const cleanups = new Cleanups('bench:api');
  try {
    // 1. A database: BENCH_DATABASE_URL, or a throwaway embedded PostgreSQL in a temp folder.
    const url = await benchDatabaseUrl(cleanups);

    // 2. Migrate and seed exactly as the server does at start, then the full app.
    const dataSource: DataSource = await createDataSource({ url, applicationName: 'remiss-bench' }).initialize();
    cleanups.add(() => dataSource.destroy());
    await prepareDatabase(dataSource, { demoPassword: PASSWORD });
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_MAX: '1000' });
    const { app } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
    const full = await listen(app);
    cleanups.add(() => closeServer(full.server));

    const headers = await loginHeaders(full.baseUrl, 'admin', PASSWORD);

    const list = await fetch(`${full.baseUrl}/api/organisations?limit=1`, { headers });
    if (list.status !== 200) throw new Error(`listing organisations failed: ${list.status} ${await list.text()}`);
    const organisationId = ((await list.json()) as { items: Array<{ id: string }> }).items[0]?.id;
    if (!organisationId) throw new Error('the organisation register is empty');

    // 3. The baseline: bare Express + pg, same pool size, same indexed lookup.
    const pool = new Pool({ connectionString: url, max: config.dbPoolMax, application_name: 'remiss-bench-bare' });
    // pool.end() resolves before every socket has closed; stopping PostgreSQL right after then
    // raises 57P01 on an idle client, which must not crash the bench.
    pool.on('error', () => undefined);
    cleanups.add(() => pool.end());
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
    cleanups.add(() => closeServer(bare.server));

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
    await cleanups.run();
  }
}

runBench('bench:api', main);
