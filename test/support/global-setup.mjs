// Starts one throwaway PostgreSQL for the whole run (or uses TEST_DATABASE_URL, a superuser's) and
// builds a migrated, seeded template database; each test file then clones its own database from
// it. The roles are split as in production: the template is migrated and seeded as the owner
// role, and the tests connect as the app's role (see src/db/database-roles.ts).
// Plain .mjs run outside Jest's VM; the server's own TypeScript is loaded through tsx, so the
// suite starts PostgreSQL exactly as `npm start` does.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { require as tsxRequire } from 'tsx/cjs/api';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const { startPostgresServer } = tsxRequire('../../src/db/embedded-postgres.ts', import.meta.url);
const { ensureDatabaseRoles, roleUrl } = tsxRequire('../../src/db/database-roles.ts', import.meta.url);
const { portForLater } = tsxRequire('./free-port.ts', import.meta.url);

// Names of their own, so a shared TEST_DATABASE_URL server's other roles are never touched.
const TEST_ROLES = {
  owner: { name: 'remiss_test_owner', password: 'remiss_test_owner' },
  app: { name: 'remiss_test_app', password: 'remiss_test_app' },
};

export default async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'remiss-test-pg-'));
    const server = await startPostgresServer({ dataDir, port: await portForLater(), throwaway: true, onLog: () => undefined });
    globalThis.__remissEmbeddedPostgres = server;
    adminUrl = server.superuserUrl('postgres');
  }
  const template = `remiss_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureDatabaseRoles(admin, TEST_ROLES);
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template} OWNER ${TEST_ROLES.owner.name}`);
  } finally {
    await admin.end();
  }

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const ownerUrl = roleUrl(templateUrl.toString(), TEST_ROLES.owner);
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/prepare-template.ts'), ownerUrl, TEST_ROLES.app.name], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('Preparing the test template database failed');

  // One Chromium for the whole run (DESIGN.md §9): the page tests connect to it over its WebSocket.
  const { launchBrowserServer } = tsxRequire('./browser.ts', import.meta.url);
  const browserServer = await launchBrowserServer();
  globalThis.__remissBrowserServer = browserServer;
  process.env.REMISS_TEST_BROWSER_WS = browserServer.wsEndpoint();

  process.env.REMISS_TEST_ADMIN_URL = adminUrl;
  process.env.REMISS_TEST_OWNER_URL = ownerUrl;
  process.env.REMISS_TEST_APP_URL = roleUrl(templateUrl.toString(), TEST_ROLES.app);
  process.env.REMISS_TEST_TEMPLATE = template;
  globalThis.__remissTestTemplate = { adminUrl, template };
}
