import 'reflect-metadata';
import { createDataSource } from './data-source';
import { runMigrations } from './migrate';
import { pendingSchemaChanges } from './schema-drift';

/**
 * `npm run migration:check -- <database url>`: migrate a scratch database and fail if entities
 * drifted. Migrating needs the owner's role: the URL given, else MIGRATION_DATABASE_URL.
 */
async function main(): Promise<void> {
  const url = process.argv[2] ?? process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error("Pass a scratch database URL as its owner's role (it will be migrated), or set MIGRATION_DATABASE_URL.");
  const dataSource = await createDataSource({ url }).initialize();
  try {
    await runMigrations(dataSource);
    const pending = await pendingSchemaChanges(dataSource);
    if (pending.length) {
      console.error(`Entities and migrations disagree; a new migration needs:\n${pending.join(';\n')}`);
      process.exitCode = 1;
    } else console.log('No drift: migrations match the entities.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
