// Shared plumbing of the benches (bench/*.ts): a database (throwaway embedded PostgreSQL or
// BENCH_DATABASE_URL), servers on free loopback ports, logins, autocannon runs and cleanup in
// reverse order. Nothing here measures on its own.
import autocannon from 'autocannon';
import type express from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { portForLater } from '../test/support/free-port';

export const CONNECTIONS = 10;
export const WARMUP_SECONDS = 2;
export const TARGET_RATIO = 0.6;
export const TARGET_P99_MS = 50;

export function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/** Measured seconds per target (BENCH_SECONDS, default 10). */
export const DURATION_SECONDS = positiveNumber(process.env.BENCH_SECONDS, 10);
// autocannon fires from a worker thread by default so the load generator does not share the event
// loop with the servers it measures; BENCH_WORKERS=0 runs it on the main thread.
export const WORKERS = Math.max(0, Math.floor(Number(process.env.BENCH_WORKERS ?? 1)) || 0);

export interface Measurement {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Cleanup steps, run last-in first-out; a failing step is reported and the others still run. */
export class Cleanups {
  private readonly steps: Array<() => Promise<unknown>> = [];

  constructor(private readonly label: string) {}

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch((error) => console.error(`${this.label} cleanup:`, error));
  }
}

/** A port for a server that binds it later (embedded PostgreSQL, the soak's app): see test/support/free-port.ts. */
export const freePort = portForLater;

/** BENCH_DATABASE_URL (the schema owner's or a superuser's), or a throwaway embedded PostgreSQL in a temp folder (stopped and removed by cleanups). */
export async function benchDatabaseUrl(cleanups: Cleanups): Promise<string> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return url;
  const dir = await mkdtemp(path.join(tmpdir(), 'remiss-bench-pg-'));
  cleanups.add(() => rm(dir, { recursive: true, force: true }));
  // The temp folder itself is the data folder: embedded-postgres hands it to its 'postgres' OS
  // user when running as root, which a subfolder of a 0700 mkdtemp folder would not allow.
  // Sized as a production server would be for the reference data (sections and their indexes
  // take some 1.5 GB): PostgreSQL's default 128 MB would measure the OS page cache instead.
  const embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), settings: { shared_buffers: '1GB' } });
  cleanups.add(() => embedded.stop());
  // The owner's URL: a bench migrates, bulk-loads and VACUUMs the reference data, which the app's
  // role may not, then serves it on the same connection (the role's privilege checks cost nothing measurable).
  return embedded.ownerUrl;
}

export async function listen(app: express.Express): Promise<{ server: Server; baseUrl: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Logs in through the API and answers the Authorization header of the session. */
export async function loginHeaders(baseUrl: string, username: string, password: string): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login as ${username} failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}

/** One autocannon run at CONNECTIONS connections for `seconds`. */
export async function run(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, ...(WORKERS > 0 ? { workers: WORKERS } : {}) });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Runs a bench's main: exit 0 when it ran (whether or not it met its targets), 1 when it failed. */
export function runBench(label: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`${label} failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
