import { execFile } from 'node:child_process';
import { chown, cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'migrations', 'templates', 'assets', 'dist'];

/**
 * A clone of this repository in `parent`, installed, as someone would have it after `git clone`
 * and `npm install`: the sources and the build that install made (dist, call buildRepository
 * first) copied with their times, so `npm start` finds the build current; node_modules
 * hard-linked (no 360 MB copy; a real copy across file systems). `owner` gets the clone's folder,
 * so the server may write .data there.
 */
export async function copyRepository(parent: string, owner?: { uid: number; gid: number }): Promise<string> {
  const clone = path.join(parent, 'remiss');
  await mkdir(clone, { mode: 0o755 });
  for (const entry of SOURCES) await cp(path.join(ROOT, entry), path.join(clone, entry), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await run('cp', ['-al', path.join(ROOT, 'node_modules'), clone]).catch(async () => {
    await rm(path.join(clone, 'node_modules'), { recursive: true, force: true });
    await run('cp', ['-a', path.join(ROOT, 'node_modules'), clone]);
  });
  if (owner) await chown(clone, owner.uid, owner.gid);
  return clone;
}

/** What `npm install` does last (the prepare script): the incremental build, a no-op when current. */
export async function buildRepository(): Promise<void> {
  await run('npm', ['run', 'build'], { cwd: ROOT });
}
