// bench:soak — DESIGN.md §7: ten minutes of mixed reads and writes at 20 connections against the
// app in its own process, run as `npm start` runs it (the compiled dist/ with the node flags of
// package.json's start script; embedded PostgreSQL and demo data), printing the process's RSS per
// minute and what of it is JavaScript heap; memory must be flat after the first minute. Prints one
// summary line last; exits 0 when it ran (flat or not), 1 when the bench itself failed.
//
//   npm run bench:soak                                   (600 s, 20 connections)
//   BENCH_SOAK_SECONDS=180 npm run bench:soak            (a short run: RSS per tenth of the run)
//   BENCH_SOAK_CONNECTIONS=10 npm run bench:soak
//   BENCH_SOAK_DATABASE_URL=postgres://app… BENCH_SOAK_MIGRATION_DATABASE_URL=postgres://owner… npm run bench:soak
//       (that database instead of embedded, as the app's role, migrated as the owner; gets demo
//        users. MIGRATION_DATABASE_URL is taken when BENCH_SOAK_MIGRATION_DATABASE_URL is not set.)
//
// The load: the remiss list (registrator, handläggare with free text, reader), the deadlines
// (handläggare, coordinator), a status board, a response and its statement, a search, the
// statement's HTML preview and PDF; and writes: remisser registered, statement sections saved
// with If-Match (a 412 when two workers race is an answer, not an error), new logins.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, positiveNumber, runBench } from './support';

const SECONDS = positiveNumber(process.env.BENCH_SOAK_SECONDS, 600);
const CONNECTIONS = positiveNumber(process.env.BENCH_SOAK_CONNECTIONS, 20);
/** RSS is printed per minute, or per tenth of a run shorter than five minutes. */
const INTERVAL_SECONDS = SECONDS >= 300 ? 60 : SECONDS / 10;
/** The first minute is warm-up (DESIGN.md §7: flat after it): code compiled, pools and caches filled. */
const WARMUP_INTERVALS = Math.ceil(60 / INTERVAL_SECONDS - 1e-9);
/** Flat: after the warm-up RSS, sampled every second, stays within this of its highest during the warm-up. */
const FLAT_TOLERANCE = 0.1;
const PASSWORD = 'bench-password';
const ROOT = path.resolve(__dirname, '..');

type Headers = Record<string, string>;

interface Interval {
  index: number;
  rssMb: number;
  peakMb: number;
  /** JavaScript heap live after the latest full collection, and reserved by V8, over all isolates. */
  heapMb: number;
  reservedMb: number;
  requests: number;
  latencies: number[];
  errors: string[];
}

/** Per isolate, the JavaScript heap (MB) after its latest full collection (from --trace-gc). */
const heapAfterFullGc = new Map<string, number>();
/** Per isolate, the heap V8 had reserved at that collection: growth here is V8's, beyond it the allocator's. */
const heapCommitted = new Map<string, number>();
const liveHeapMb = () => [...heapAfterFullGc.values()].reduce((sum, mb) => sum + mb, 0);
const committedHeapMb = () => [...heapCommitted.values()].reduce((sum, mb) => sum + mb, 0);
/** Reserved/live per isolate: the main thread collects first (at start-up), PDF workers start with the first document. */
const isolates = () =>
  [...heapCommitted.entries()].map(([isolate, mb], index) => `${index === 0 ? 'main' : `worker ${index}`} ${mb.toFixed(0)}/${(heapAfterFullGc.get(isolate) ?? 0).toFixed(0)}`).join(', ');

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** `npm start`'s node arguments (its flags and script) from package.json, so the soak measures what it runs. */
async function startArguments(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== 'node' || args.some((arg) => /[$'"&|;<>]/.test(arg))) throw new Error(`npm start is not a plain node command any more: ${scripts.start}`);
  return args;
}

/** The app as `npm start` runs it, in a process of its own so its RSS is its alone. */
async function startApp(dir: string): Promise<{ child: ChildProcess; baseUrl: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const databaseUrl = process.env.BENCH_SOAK_DATABASE_URL;
  const migrationUrl = process.env.BENCH_SOAK_MIGRATION_DATABASE_URL ?? process.env.MIGRATION_DATABASE_URL;
  // Only the soak's own database settings reach the app: not a DATABASE_URL meant for something else.
  const { DATABASE_URL: _app, MIGRATION_DATABASE_URL: _owner, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: PASSWORD,
    LOGIN_RATE_LIMIT_MAX: '100000',
    LOGIN_RATE_LIMIT_ADDRESS_MAX: '100000',
    STORAGE_DIR: path.join(dir, 'files'),
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    ...(databaseUrl
      ? { DATABASE_URL: databaseUrl, ...(migrationUrl ? { MIGRATION_DATABASE_URL: migrationUrl } : {}), DEMO: 'true' }
      : { EMBEDDED_PG_DIR: path.join(dir, 'postgres'), EMBEDDED_PG_PORT: String(await freePort()) }),
  };
  // --trace-gc: the JavaScript heap each isolate (the main thread, each PDF worker) keeps after a
  // full collection, so RSS growth can be told apart from live objects piling up.
  // The compiled build, as `npm start` runs it (its prestart builds; so does this): tsx would
  // compile in every PDF worker too and measure memory the service never uses.
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build failed (${build.status})`);
  const child = spawn(process.execPath, ['--trace-gc', ...(await startArguments())], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      // "[pid:isolate]  1234 ms: Scavenge 45.2 (60.1) -> 40.3 (61.1) MB, …": after any collection
      // the heap V8 keeps reserved; after a full one (Mark-Compact) also what lives.
      const gc = /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: ([A-Za-z-]+)[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\)/.exec(line);
      if (gc) {
        if (gc[2] === 'Mark-Compact') heapAfterFullGc.set(gc[1], Number(gc[3]));
        heapCommitted.set(gc[1], Number(gc[4]));
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before answering /health: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the app did not answer /health within 180 s: ${stderr}`);
    const ok = await fetch(`${baseUrl}/health`).then((res) => res.ok, () => false);
    if (ok) return { child, baseUrl, exited };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The few fields the soak reads from answers. */
interface Body {
  token?: string;
  id?: string;
  items?: Array<{ id: string; name: string; responseId: string }>;
}

async function api(baseUrl: string, method: string, url: string, headers: Headers, body?: unknown): Promise<{ status: number; json: Body | null; etag: string | null }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const json = type.includes('json') ? ((await res.json()) as Body) : (await res.arrayBuffer(), null);
  return { status: res.status, json, etag: res.headers.get('etag') };
}

async function login(baseUrl: string, username: string): Promise<Headers> {
  const res = await api(baseUrl, 'POST', '/api/auth/login', {}, { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  return { Authorization: `Bearer ${res.json!.token}` };
}

/** Statements the writers share: enough that 20 workers do not all queue on one statement's lock. */
const DRAFTS = 5;

/** Remisser of the soak's own, sent to Södermalm, whose handläggare has started a statement on each. */
async function prepare(baseUrl: string, as: Record<string, Headers>) {
  const organisation = async (q: string) => {
    const res = await api(baseUrl, 'GET', `/api/organisations?q=${encodeURIComponent(q)}&limit=5`, as.registrator);
    const found = res.json?.items?.find((o) => o.name === q);
    if (!found) throw new Error(`organisation ${q} not found: ${res.status}`);
    return found.id;
  };
  const [ks, social, sodermalm] = await Promise.all(['Kommunstyrelsen', 'Socialförvaltningen', 'Södermalms stadsdelsnämnd'].map(organisation));
  const today = new Date().toISOString().slice(0, 10);
  const due = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
  const remiss = { kind: 'program', senderId: ks, coordinatorId: social, registeredDate: today, dueDate: due };
  const responseIds: string[] = [];
  let consultationId = '';
  for (let n = 0; n < DRAFTS; n++) {
    const created = await api(baseUrl, 'POST', '/api/consultations', as.registrator, { ...remiss, caseNumber: `KS ${today.slice(0, 4)}/9${Date.now() % 10000}${n}`, title: `Soak: program för parker ${n}` });
    if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.json)}`);
    consultationId = created.json!.id!;
    const added = await api(baseUrl, 'POST', `/api/consultations/${consultationId}/recipients`, as.registrator, { organisationIds: [sodermalm] });
    if (added.status >= 300) throw new Error(`recipients: ${added.status} ${JSON.stringify(added.json)}`);
    const sent = await api(baseUrl, 'POST', `/api/consultations/${consultationId}/send`, as.registrator);
    if (sent.status >= 300) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.json)}`);
    const board = await api(baseUrl, 'GET', `/api/consultations/${consultationId}/recipients`, as.registrator);
    const responseId = board.json!.items![0].responseId;
    const started = await api(baseUrl, 'POST', `/api/responses/${responseId}/transitions`, as['handlaggare.sodermalm'], { action: 'start' });
    if (started.status !== 200) throw new Error(`start: ${started.status} ${JSON.stringify(started.json)}`);
    responseIds.push(responseId);
  }
  return { consultationId, responseIds, remiss };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'remiss-soak-'));
  // As root, embedded PostgreSQL runs as the postgres user, who must enter the data folder's parent.
  await chmod(dir, 0o755);
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const startedAt = Date.now();
    app = await startApp(dir);
    const { baseUrl, child } = app;
    console.log(`app up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (pid ${child.pid}); RSS ${(await rssMb(child.pid!)).toFixed(0)} MB before load`);
    const users = ['registrator', 'handlaggare.sodermalm', 'coordinator', 'reader'];
    const as: Record<string, Headers> = {};
    for (const user of users) as[user] = await login(baseUrl, user);
    const { consultationId, responseIds, remiss } = await prepare(baseUrl, as);
    const responseId = responseIds[0];
    const anyDraft = () => responseIds[Math.floor(Math.random() * responseIds.length)];
    let registered = 0;

    type Op = { weight: number; run: () => Promise<{ status: number }>; ok?: (status: number) => boolean };
    const get = (url: string, user: string) => () => api(baseUrl, 'GET', url, as[user]);
    const ops: Op[] = [
      { weight: 12, run: get('/api/consultations?status=open&sort=dueDate&limit=50', 'registrator') },
      { weight: 8, run: get('/api/consultations?q=program&limit=20', 'handlaggare.sodermalm') },
      { weight: 6, run: get('/api/consultations?limit=50', 'reader') },
      { weight: 8, run: get('/api/deadlines', 'handlaggare.sodermalm') },
      { weight: 6, run: get('/api/deadlines', 'coordinator') },
      { weight: 8, run: get(`/api/consultations/${consultationId}/recipients`, 'registrator') },
      { weight: 8, run: get(`/api/responses/${responseId}`, 'handlaggare.sodermalm') },
      { weight: 8, run: get(`/api/responses/${responseId}/statement`, 'handlaggare.sodermalm') },
      { weight: 4, run: get('/api/search?q=trygghet', 'coordinator') },
      { weight: 3, run: get(`/api/responses/${responseId}/preview`, 'handlaggare.sodermalm'), ok: (s) => s === 200 || s === 503 },
      // 503 with Retry-After is the PDF queue saying it is full: an answer under this load.
      { weight: 2, run: get(`/api/responses/${responseId}/pdf`, 'handlaggare.sodermalm'), ok: (s) => s === 200 || s === 503 },
      {
        weight: 4,
        run: () =>
          api(baseUrl, 'POST', '/api/consultations', as.registrator, { ...remiss, caseNumber: `SOAK ${process.pid}/${++registered}`, title: `Soak-remiss ${registered}` }),
      },
      {
        weight: 10,
        // Read the section's ETag, then save it: with 20 workers some lose the race (412).
        run: async () => {
          const draft = anyDraft();
          const section = await api(baseUrl, 'GET', `/api/responses/${draft}/statement/sections/sammanfattning`, as['handlaggare.sodermalm']);
          if (section.status !== 200) return section;
          const text = `Förvaltningen är positiv till programmet (${Date.now()}).`;
          return api(baseUrl, 'PUT', `/api/responses/${draft}/statement/sections/sammanfattning`, { ...as['handlaggare.sodermalm'], 'If-Match': section.etag! }, { body: [{ type: 'paragraph', content: [{ text }] }] });
        },
        ok: (s) => s === 200 || s === 412,
      },
      { weight: 1, run: () => login(baseUrl, users[Math.floor(Math.random() * users.length)]).then(() => ({ status: 200 })) },
    ];
    const totalWeight = ops.reduce((sum, op) => sum + op.weight, 0);
    const pick = () => {
      let r = Math.random() * totalWeight;
      for (const op of ops) if ((r -= op.weight) < 0) return op;
      return ops[0];
    };

    const intervals: Interval[] = [];
    const newInterval = (index: number): Interval => ({ index, rssMb: 0, peakMb: 0, heapMb: 0, reservedMb: 0, requests: 0, latencies: [], errors: [] });
    let current = newInterval(1);
    const end = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < end) {
        const op = pick();
        const started = performance.now();
        try {
          const { status } = await op.run();
          if (!(op.ok ?? ((s: number) => s >= 200 && s < 300))(status)) current.errors.push(String(status));
        } catch (error) {
          current.errors.push(error instanceof Error ? error.message : String(error));
        }
        current.requests++;
        current.latencies.push(performance.now() - started);
      }
    };
    const sampler = setInterval(() => {
      void rssMb(child.pid!).then((mb) => (current.peakMb = Math.max(current.peakMb, mb)), () => undefined);
    }, 1000);
    const ticker = setInterval(() => {
      void rssMb(child.pid!).then((mb) => {
        const done = current;
        done.rssMb = mb;
        done.peakMb = Math.max(done.peakMb, mb);
        done.heapMb = liveHeapMb();
        done.reservedMb = committedHeapMb();
        intervals.push(done);
        current = newInterval(done.index + 1);
        const label = INTERVAL_SECONDS === 60 ? `minute ${done.index}` : `${(done.index * INTERVAL_SECONDS).toFixed(0)} s`;
        console.log(
          `  ${label.padEnd(10)} RSS ${mb.toFixed(0).padStart(4)} MB (peak ${done.peakMb.toFixed(0).padStart(4)}): JS heaps ${done.reservedMb.toFixed(0).padStart(3)} MB reserved, ${done.heapMb.toFixed(0).padStart(3)} MB live after full GC ` +
            `(${isolates()}), the rest ${(mb - done.reservedMb).toFixed(0).padStart(3)} MB${done.index === WARMUP_INTERVALS ? ' (end of warm-up)' : ''} | ${done.requests} requests, ` +
            `${(done.requests / INTERVAL_SECONDS).toFixed(0)}/s, p99 ${percentile(done.latencies, 99).toFixed(0)} ms, ${done.errors.length} errors` +
            (done.errors.length ? ` (${[...new Set(done.errors)].slice(0, 3).join('; ')})` : ''),
        );
      });
    }, INTERVAL_SECONDS * 1000);
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    clearInterval(sampler);
    clearInterval(ticker);
    // The last tick may fall just after the workers stop.
    await new Promise((resolve) => setTimeout(resolve, 200));

    if (intervals.length <= WARMUP_INTERVALS) throw new Error(`the run was too short: nothing after the first minute to compare (${SECONDS} s)`);
    const warmup = intervals.slice(0, WARMUP_INTERVALS);
    const later = intervals.slice(WARMUP_INTERVALS);
    const first = warmup[warmup.length - 1];
    const last = later[later.length - 1];
    const warmupPeak = Math.max(...warmup.map((i) => i.peakMb));
    const laterPeak = Math.max(...later.map((i) => i.peakMb));
    const growth = (last.rssMb - first.rssMb) / first.rssMb;
    const flat = laterPeak <= warmupPeak * (1 + FLAT_TOLERANCE) && growth <= FLAT_TOLERANCE;
    const requests = intervals.reduce((sum, i) => sum + i.requests, 0);
    const errors = intervals.reduce((sum, i) => sum + i.errors.length, 0);
    console.log(
      `bench:soak ${SECONDS} s at ${CONNECTIONS} connections: RSS ${first.rssMb.toFixed(0)} MB after the first minute (peak ${warmupPeak.toFixed(0)}) → ` +
        `${last.rssMb.toFixed(0)} MB at the end (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%), peak after the first minute ${laterPeak.toFixed(0)} MB, JS heap after full GC ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB; ` +
        `${requests} requests (${(requests / SECONDS).toFixed(0)}/s), p99 ${percentile(intervals.flatMap((i) => i.latencies), 99).toFixed(0)} ms, ${errors} errors; ` +
        `memory ${flat ? 'flat' : 'NOT flat'} after the first minute (target: RSS and its peak within ${FLAT_TOLERANCE * 100}% of the first minute's) ${flat && errors === 0 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

runBench('bench:soak', main);
