import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every remiss process agrees on it, so only one prepares the database at a time. */
const STARTUP_LOCK_KEY = 7_242_020_924;

/**
 * Runs start-up work (migrations, reference data) while holding a session-level advisory lock, so
 * several app processes starting together (scale-out, rolling deploys) never run it twice at once.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
