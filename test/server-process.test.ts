import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { othersMayReach, type OsUser } from '../src/db/postgres-binaries';
import { portForLater } from './support/free-port';
import { buildRepository, copyRepository } from './support/repository-copy';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { createDatabase, superuserDatabaseUrl } from './support/test-database';

jest.setTimeout(180_000);
const run = promisify(execFile);

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const login = (baseUrl: string, username: string, password: string) =>
  fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('the server process', () => {
  it('refuses to start on bad configuration, naming the variable', async () => {
    await expect(startServerProcess({ PORT: 'eighty', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/exited with 1[\s\S]*PORT/);
  });

  it('with DATABASE_URL and DEMO=true: prints the URL and demo logins, and drains in-flight requests on SIGTERM', async () => {
    const db = await createDatabase({ empty: true });
    const server = await startServerProcess({ DATABASE_URL: db.url, MIGRATION_DATABASE_URL: db.ownerUrl, DEMO: 'true', DEMO_PASSWORD: 'ett-demo-losenord' });
    try {
      expect(server.output()).toMatch(/handlaggare\.sodermalm/);
      expect(server.output()).not.toContain('ett-demo-losenord');
      expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
      expect((await login(server.baseUrl, 'coordinator', 'ett-demo-losenord')).status).toBe(200);

      // A request whose body is still arriving when SIGTERM comes must still get its answer.
      const port = Number(new URL(server.baseUrl).port);
      const body = JSON.stringify({ username: 'reader', password: 'ett-demo-losenord' });
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let response = '';
      socket.on('data', (chunk) => (response += chunk));
      socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await portIsOpen(port)).toBe(false);
      socket.write(body.slice(10));
      expect(await server.exited).toBe(0);
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(response).toContain('"token"');
    } finally {
      server.child.kill('SIGKILL');
      await db.drop();
    }
  });

  it('refuses a superuser as the app role, and the owner too, saying why and what to set', async () => {
    const db = await createDatabase();
    try {
      for (const [url, reason] of [
        [superuserDatabaseUrl(db.name), /DATABASE_URL connects as "[^"]+", a superuser/],
        [db.ownerUrl, /DATABASE_URL connects as "[^"]+", which owns the tables/],
      ] as const) {
        const attempt = startServerProcess({ DATABASE_URL: url, MIGRATION_DATABASE_URL: db.ownerUrl });
        await expect(attempt).rejects.toThrow(reason);
        await expect(attempt).rejects.toThrow(/exited with 1[\s\S]*MIGRATION_DATABASE_URL/);
      }
    } finally {
      await db.drop();
    }
  });

  it('without MIGRATION_DATABASE_URL, refuses a schema the app role may not migrate', async () => {
    const db = await createDatabase({ empty: true });
    try {
      await expect(startServerProcess({ DATABASE_URL: db.url })).rejects.toThrow(/exited with 1[\s\S]*MIGRATION_DATABASE_URL/);
    } finally {
      await db.drop();
    }
  });
});

// The README's `npm install && npm start`, from clones placed the three ways people have them.
// As root (CI) PostgreSQL runs as the postgres OS user; as anyone else, as that user.
describe('npm start on a fresh clone with embedded PostgreSQL', () => {
  const asRoot = process.getuid?.() === 0;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(() => buildRepository(), 180_000);
  afterEach(async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  });

  const folder = async (mode: number, owner?: OsUser) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'remiss-clone-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await chmod(dir, mode);
    if (owner) await chown(dir, owner.uid, owner.gid);
    return dir;
  };
  const start = async (clone: string, user?: OsUser & { home: string }) => {
    const pgPort = await portForLater();
    const server = await startServerProcess({ EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'info' }, { cwd: clone, user, npmStart: true });
    cleanups.push(async () => {
      server.signal('SIGKILL');
      await server.exited;
    });
    return { server, pgPort };
  };
  // Ctrl-C: SIGINT to the whole process group (npm, the shell, node); the server logs its clean stop.
  const stop = async ({ server, pgPort }: { server: ServerProcess; pgPort: number }) => {
    server.signal('SIGINT');
    await server.exited;
    await eventually(async () => /stopped cleanly/.test(server.output()) && !(await portIsOpen(pgPort)));
  };
  const postgresUid = async () => (asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout) : process.getuid!());
  const movedDataDir = (output: string) => /keeping embedded PostgreSQL data in (\S+) instead of/.exec(output)?.[1];

  it('from a folder everyone may enter: PostgreSQL runs from the clone, its data in the clone', async () => {
    const clone = await copyRepository(await folder(0o755));
    const started = await start(clone);
    expect((await fetch(`${started.server.baseUrl}/health`)).status).toBe(200);
    expect((await login(started.server.baseUrl, 'admin', 'demo')).status).toBe(200);
    expect(started.server.output()).not.toMatch(/closed to the postgres user/);
    expect(statSync(path.join(clone, '.data/postgres/PG_VERSION')).uid).toBe(await postgresUid());
    await stop(started);
  });

  it('from a clone inside a private (0700) folder: serves, and keeps its data across a restart', async () => {
    const clone = await copyRepository(await folder(0o700));
    const first = await start(clone);
    let dataDir = path.join(clone, '.data/postgres');
    if (asRoot) {
      // The postgres user can reach neither the binaries nor the data folder below the private
      // folder: both move to open places under the temp directory, and the server says so.
      const binaries = /running PostgreSQL from a copy in (\S+)/.exec(first.server.output())?.[1];
      expect(binaries).toBeDefined();
      expect(othersMayReach(path.join(binaries!, 'bin', 'postgres'))).toBe(true);
      dataDir = movedDataDir(first.server.output())!;
      expect(othersMayReach(path.dirname(dataDir))).toBe(true);
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    } else {
      // Our own private folder is no obstacle to a PostgreSQL running as ourselves.
      expect(first.server.output()).not.toMatch(/closed to the postgres user/);
    }
    expect(statSync(path.join(dataDir, 'PG_VERSION')).uid).toBe(await postgresUid());
    const { token } = (await (await login(first.server.baseUrl, 'admin', 'demo')).json()) as { token: string };
    const created = await fetch(`${first.server.baseUrl}/api/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Föreningen Beständig', kind: 'external' }),
    });
    expect(created.status).toBe(201);
    await stop(first);

    const second = await start(clone);
    const { token: again } = (await (await login(second.server.baseUrl, 'admin', 'demo')).json()) as { token: string };
    const found = (await (await fetch(`${second.server.baseUrl}/api/organisations?q=Beständig`, { headers: { authorization: `Bearer ${again}` } })).json()) as { total: number };
    expect(found.total).toBe(1);
    await stop(second);
  });

  it('as an ordinary user with the clone in their private home: no OS user is created, PostgreSQL runs as that user', async () => {
    // As root the server runs as "nobody", the most ordinary user there is; otherwise as ourselves.
    const user = asRoot ? { uid: Number((await run('id', ['-u', 'nobody'])).stdout), gid: Number((await run('id', ['-g', 'nobody'])).stdout) } : { uid: process.getuid!(), gid: process.getgid!() };
    const home = await folder(0o700, user);
    const clone = await copyRepository(home, user);
    const started = await start(clone, asRoot ? { ...user, home } : undefined);
    expect((await fetch(`${started.server.baseUrl}/health`)).status).toBe(200);
    expect((await login(started.server.baseUrl, 'reader', 'demo')).status).toBe(200);
    expect(started.server.output()).not.toMatch(/closed to the postgres user|Failed to create/);
    const version = statSync(path.join(clone, '.data/postgres/PG_VERSION'));
    expect(version.uid).toBe(user.uid);
    await stop(started);
  });
});
