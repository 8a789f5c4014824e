import pg from 'pg';

export default async function globalTeardown() {
  await globalThis.__remissBrowserServer?.close().catch(() => undefined);
  const { adminUrl, template } = globalThis.__remissTestTemplate ?? {};
  if (adminUrl && template) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  await globalThis.__remissEmbeddedPostgres?.stop();
}
