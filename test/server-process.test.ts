import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess } from './support/server-process';
import { createDatabase } from './support/test-database';

jest.setTimeout(120_000);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const login = (baseUrl: string, username: string, password: string) =>
  fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('the server process', () => {
  it('refuses to start on bad configuration, naming the variable', async () => {
    await expect(startServerProcess({ PORT: 'eighty', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/exited with 1[\s\S]*PORT/);
  });

  it('with DATABASE_URL and DEMO=true: prints the URL and demo logins, and drains in-flight requests on SIGTERM', async () => {
    const db = await createDatabase({ empty: true });
    const server = await startServerProcess({ DATABASE_URL: db.url, DEMO: 'true', DEMO_PASSWORD: 'ett-demo-losenord' });
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

  it('without DATABASE_URL: runs on embedded PostgreSQL with the default demo password, stops it on SIGINT, and keeps the data', async () => {
    // mkdtemp makes a private (700) folder, like /root: as root the data must move somewhere the
    // postgres user can reach, and the server says where.
    const privateParent = await mkdtemp(path.join(tmpdir(), 'remiss-embedded-'));
    const dataDir = path.join(privateParent, 'pg');
    const pgPort = await freePort();
    const env = { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
    let usedDir = dataDir;
    try {
      const first = await startServerProcess(env);
      if (process.getuid?.() === 0) {
        const moved = /keeping embedded PostgreSQL data in (\S+) instead of/.exec(first.output());
        expect(moved).not.toBeNull();
        usedDir = moved![1];
      }
      expect(existsSync(path.join(usedDir, 'PG_VERSION'))).toBe(true);
      const { token } = (await (await login(first.baseUrl, 'admin', 'demo')).json()) as { token: string };
      const created = await fetch(`${first.baseUrl}/api/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Föreningen Beständig', kind: 'external' }),
      });
      expect(created.status).toBe(201);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(await portIsOpen(pgPort)).toBe(false);

      const second = await startServerProcess(env);
      const { token: again } = (await (await login(second.baseUrl, 'admin', 'demo')).json()) as { token: string };
      const found = (await (await fetch(`${second.baseUrl}/api/organisations?q=Beständig`, { headers: { authorization: `Bearer ${again}` } })).json()) as { total: number };
      expect(found.total).toBe(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await rm(privateParent, { recursive: true, force: true });
      await rm(usedDir, { recursive: true, force: true });
    }
  });
});
