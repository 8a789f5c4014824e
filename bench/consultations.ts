// bench:consultations — DESIGN §7 on the reference data set (bench/reference-data.ts: 5,000
// remisser, 150,000 recipients and responses): the remiss list and the deadlines view through the
// full stack (auth, validation, ORM) against a bare Express + pg server answering the same
// questions with hand-written SQL, measured in the same run. Targets: p99 < 50 ms at 10
// connections and >= 0.6x the bare throughput. Prints one line per target and one summary line;
// exits 0 when it ran (target met or not), 1 when the bench itself failed (errors, non-2xx answers,
// or a baseline that does not answer what the app answers).
//
//   npm run bench:consultations                   (throwaway embedded PostgreSQL)
//   BENCH_SECONDS=30 npm run bench:consultations  (measured seconds per target; 2 s warm-up each first)
//   BENCH_WORKERS=0 npm run bench:consultations   (autocannon on the main thread instead of a worker)
//   BENCH_DATABASE_URL=postgres://... npm run bench:consultations
//       (that database is migrated, gets demo users and, unless it already holds 5,000 remisser,
//        the reference data)
import 'reflect-metadata';
import express from 'express';
import { Pool } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { prepareDatabase } from '../src/db/prepare-database';
import { todayInStockholm } from '../src/shared/dates';
import { generateReferenceData } from './reference-data';
import {
  benchDatabaseUrl,
  Cleanups,
  closeServer,
  DURATION_SECONDS,
  listen,
  loginHeaders,
  run,
  runBench,
  TARGET_P99_MS,
  TARGET_RATIO,
  WARMUP_SECONDS,
  type Measurement,
} from './support';

const PASSWORD = 'bench-password';
const USERS = ['registrator', 'handlaggare.sodermalm', 'coordinator'] as const;
type BenchUser = (typeof USERS)[number];
/** Free text of the list variant: a word of the generated titles ("Handlingsplan för trygghet i offentliga miljöer"). */
const FREE_TEXT = 'trygghet';

interface Target {
  group: 'list' | 'deadlines';
  label: string;
  user: BenchUser;
  /** Path and query on the full app. */
  full: string;
  /** Path and query on the bare server. */
  bare: string;
}

interface Result {
  target: Target;
  full: Measurement;
  bare: Measurement;
  ratio: number;
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same two questions, hand-written SQL, no ORM, no auth, no validation library.

const SORTS: Record<string, string> = {
  dueDate: 'c.due_date',
  registeredDate: 'c.registered_date',
  caseNumber: 'c.case_number_normalized',
  title: 'c.title',
  createdAt: 'c.created_at',
};
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const ANSWERED = `p.status IN ('submitted', 'declined', 'no_comments')`;
/** The response's status and answer date from the recipient's copy (migration RecipientResponseState), as the app reads them. */
const STATE = 'CROSS JOIN LATERAL (SELECT r.response_status AS status, r.response_answered_date AS answered_date) p';
const EFFECTIVE_DUE = 'COALESCE(r.extended_due_date, c.due_date)';
const LATE = (today: string) => `(r.role = 'respond' AND c.status <> 'cancelled' AND r.sent_at IS NOT NULL AND (
  (${ANSWERED} AND p.answered_date > ${EFFECTIVE_DUE}) OR (NOT ${ANSWERED} AND ${today} > ${EFFECTIVE_DUE})))`;
/** The organisation, the nämnd above it and the förvaltningar below it (as actingOrganisationIds). */
const acting = (id: string) => `SELECT id FROM organisations WHERE id = ${id}::uuid
  UNION SELECT id FROM organisations WHERE parent_id = ${id}::uuid AND kind = 'administration'
  UNION SELECT parent_id FROM organisations WHERE id = ${id}::uuid AND kind = 'administration' AND parent_id IS NOT NULL`;

function bareServer(pool: Pool): express.Express {
  const app = express();
  const one = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

  // A page of remisser with total, names of sender and coordinator and per-remiss recipient counts
  // (by response status, and late): what GET /api/consultations answers. `readableBy` is the
  // organisation of a handläggare, whose list is limited to the remisser it received.
  app.get('/consultations', async (req, res, next) => {
    try {
      const params: unknown[] = [todayInStockholm()];
      const where: string[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      const readableBy = one(req.query.readableBy);
      if (readableBy) where.push(`c.status <> 'draft' AND c.id IN (SELECT rv.consultation_id FROM recipients rv WHERE rv.organisation_id IN (${acting(bind(readableBy))}))`);
      const status = one(req.query.status);
      if (status) where.push(`c.status = ${bind(status)}`);
      const kind = one(req.query.kind);
      if (kind) where.push(`c.kind = ${bind(kind)}`);
      const q = one(req.query.q);
      if (q) where.push(`(c.title ILIKE ${bind(`%${escapeLike(q)}%`)} OR c.case_number_normalized LIKE ${bind(`%${escapeLike(q.replace(/\s+/g, '').toUpperCase())}%`)})`);
      const sort = one(req.query.sort) ?? '-registeredDate';
      const column = SORTS[sort.replace('-', '')];
      if (!column) throw new Error(`unknown sort ${sort}`);
      const order = `${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, c.id`;
      const limit = Number(one(req.query.limit) ?? 50);
      const offset = Number(one(req.query.offset) ?? 0);
      const { rows } = await pool.query(
        `WITH page AS (
           SELECT c.*, count(*) OVER ()::int AS total
             FROM consultations c
            ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY ${order}
            LIMIT ${bind(limit)} OFFSET ${bind(offset)}
         )
         SELECT c.id, c.case_number, c.title, c.kind, c.status, c.registered_date::text, c.sent_date::text, c.due_date::text, c.version, c.total,
                c.sender_id, s.name AS sender_name, c.coordinator_id, co.name AS coordinator_name, sums.recipients, sums.late, sums.by_status
           FROM page c
           JOIN organisations s ON s.id = c.sender_id
           LEFT JOIN organisations co ON co.id = c.coordinator_id
           LEFT JOIN LATERAL (
             SELECT sum(n)::int AS recipients, sum(late)::int AS late, jsonb_object_agg(status, n) AS by_status
               FROM (SELECT p.status, count(*)::int AS n, count(*) FILTER (WHERE ${LATE('$1::date')})::int AS late
                       FROM recipients r ${STATE}
                      WHERE r.consultation_id = c.id
                      GROUP BY p.status) per_status
           ) sums ON TRUE
          ORDER BY ${order}`,
        params,
      );
      res.json({ items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, limit, offset });
    } catch (error) {
      next(error);
    }
  });

  // Answers still owed on open remisser, by effective due date, for the organisation (received) or
  // the remisser it coordinates: what GET /api/deadlines answers.
  app.get('/deadlines', async (req, res, next) => {
    try {
      const organisationId = one(req.query.organisation);
      const scope = one(req.query.scope) === 'coordinated' ? 'c.coordinator_id' : 'r.organisation_id';
      if (!organisationId) throw new Error('organisation is required');
      const limit = Number(one(req.query.limit) ?? 50);
      const offset = Number(one(req.query.offset) ?? 0);
      const { rows } = await pool.query(
        `SELECT page.consultation_id, page.case_number, page.title, page.recipient_id, o.id AS organisation_id, o.name AS organisation_name,
                resp.id AS response_id, page.status, page.due_date::text AS due_date, page.extended, page.due_date < $2::date AS overdue,
                u.id AS assignee_id, u.name AS assignee_name, u.title AS assignee_title, page.total
           FROM (
             SELECT c.id AS consultation_id, c.case_number, c.title, r.id AS recipient_id, r.organisation_id, r.position, p.status,
                    ${EFFECTIVE_DUE} AS due_date, r.extended_due_date IS NOT NULL AS extended, count(*) OVER ()::int AS total
               FROM recipients r ${STATE}
               JOIN consultations c ON c.id = r.consultation_id
              WHERE c.status = 'open' AND r.role = 'respond' AND r.sent_at IS NOT NULL AND r.response_status NOT IN ('submitted', 'declined', 'no_comments')
                AND ${scope} IN (${acting('$1')})
              ORDER BY ${EFFECTIVE_DUE}, c.case_number, r.position
              LIMIT $3 OFFSET $4
           ) page
           JOIN responses resp ON resp.recipient_id = page.recipient_id
           JOIN organisations o ON o.id = page.organisation_id
           LEFT JOIN users u ON u.id = resp.assignee_id AND page.organisation_id IN (${acting('$1')})
          ORDER BY page.due_date, page.case_number, page.position`,
        [organisationId, todayInStockholm(), limit, offset],
      );
      res.json({ items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, limit, offset });
    } catch (error) {
      next(error);
    }
  });
  return app;
}

// ---------------------------------------------------------------------------------------------

interface Page {
  total: number;
  items: Array<Record<string, unknown>>;
}

/** The ids a page lists, in order: remiss ids for the list, recipient ids for deadlines. */
function pageIds(page: Page, group: Target['group']): string {
  return page.items
    .map((item) => (group === 'list' ? item.id : ((item.recipient as { id?: string } | undefined)?.id ?? item.recipient_id)))
    .join(',');
}

/** Both servers must answer 200 with the same total and the same items in the same order. */
async function probe(target: Target, fullBase: string, bareBase: string, headers: Record<string, string>): Promise<Page> {
  const [fullResponse, bareResponse] = await Promise.all([fetch(`${fullBase}${target.full}`, { headers }), fetch(`${bareBase}${target.bare}`)]);
  if (fullResponse.status !== 200) throw new Error(`${target.label}: the app answers ${fullResponse.status}: ${await fullResponse.text()}`);
  if (bareResponse.status !== 200) throw new Error(`${target.label}: the baseline answers ${bareResponse.status}: ${await bareResponse.text()}`);
  const full = (await fullResponse.json()) as Page;
  const bare = (await bareResponse.json()) as Page;
  if (full.total !== bare.total || pageIds(full, target.group) !== pageIds(bare, target.group)) {
    throw new Error(`${target.label}: the baseline answers another question (total ${bare.total}, the app ${full.total}; or other items)`);
  }
  if (full.items.length === 0) throw new Error(`${target.label}: an empty page measures nothing; check the reference data`);
  return full;
}

const fmtMs = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms.toFixed(1));

async function main(): Promise<void> {
  const cleanups = new Cleanups('bench:consultations');
  try {
    // 1. A database with the reference data set.
    const url = await benchDatabaseUrl(cleanups);
    const dataSource: DataSource = await createDataSource({ url, applicationName: 'remiss-bench' }).initialize();
    cleanups.add(() => dataSource.destroy());
    await prepareDatabase(dataSource, { demoPassword: PASSWORD });
    const data = await generateReferenceData(dataSource);
    const statuses = Object.entries(data.consultationsByStatus).map(([status, n]) => `${status} ${n}`).join(', ');
    console.log(
      `reference data: ${data.skipped ? 'already present' : `generated in ${(data.milliseconds / 1000).toFixed(1)} s`}: ${data.consultations} remisser (${statuses}; ` +
        `${data.overdueOpen} open past due), ${data.recipients} recipients, ${data.responses} responses, ${data.extensions} anstånd, ${data.events} events`,
    );

    // 2. The full app, and logins as the three users the targets need.
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_MAX: '1000' });
    const { app } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
    const full = await listen(app);
    cleanups.add(() => closeServer(full.server));
    const headers = {} as Record<BenchUser, Record<string, string>>;
    for (const user of USERS) headers[user] = await loginHeaders(full.baseUrl, user, PASSWORD);

    // 3. The baseline: bare Express + pg, same pool size.
    const pool = new Pool({ connectionString: url, max: config.dbPoolMax, application_name: 'remiss-bench-bare' });
    // pool.end() resolves before every socket has closed; stopping PostgreSQL right after then
    // raises 57P01 on an idle client, which must not crash the bench.
    pool.on('error', () => undefined);
    cleanups.add(() => pool.end());
    const bare = await listen(bareServer(pool));
    cleanups.add(() => closeServer(bare.server));

    const organisationOf = new Map(
      (await pool.query<{ username: string; organisation_id: string }>('SELECT username, organisation_id FROM users WHERE username = ANY($1)', [USERS])).rows.map((row) => [
        row.username,
        row.organisation_id,
      ]),
    );
    const listQuery = 'status=open&sort=dueDate&limit=50';
    const searchQuery = `q=${FREE_TEXT}&kind=motion&limit=50`;
    const targets: Target[] = [
      { group: 'list', label: `list ${listQuery} (registrator)`, user: 'registrator', full: `/api/consultations?${listQuery}`, bare: `/consultations?${listQuery}` },
      { group: 'list', label: `list ${searchQuery} (registrator)`, user: 'registrator', full: `/api/consultations?${searchQuery}`, bare: `/consultations?${searchQuery}` },
      {
        group: 'list',
        label: `list ${listQuery} (handlaggare.sodermalm)`,
        user: 'handlaggare.sodermalm',
        full: `/api/consultations?${listQuery}`,
        bare: `/consultations?${listQuery}&readableBy=${organisationOf.get('handlaggare.sodermalm')}`,
      },
      {
        group: 'deadlines',
        label: 'deadlines (handlaggare.sodermalm, received)',
        user: 'handlaggare.sodermalm',
        full: '/api/deadlines',
        bare: `/deadlines?scope=received&organisation=${organisationOf.get('handlaggare.sodermalm')}`,
      },
      {
        group: 'deadlines',
        label: 'deadlines (coordinator, coordinated)',
        user: 'coordinator',
        full: '/api/deadlines',
        bare: `/deadlines?scope=coordinated&organisation=${organisationOf.get('coordinator')}`,
      },
    ];

    // 4. Per target: check both answer the same, warm both up, then measure the app and the baseline.
    const results: Result[] = [];
    for (const target of targets) {
      const page = await probe(target, full.baseUrl, bare.baseUrl, headers[target.user]);
      const fullUrl = `${full.baseUrl}${target.full}`;
      const bareUrl = `${bare.baseUrl}${target.bare}`;
      await run(fullUrl, WARMUP_SECONDS, headers[target.user]);
      await run(bareUrl, WARMUP_SECONDS);
      const fullResult = await run(fullUrl, DURATION_SECONDS, headers[target.user]);
      const bareResult = await run(bareUrl, DURATION_SECONDS);
      const ratio = bareResult.rps > 0 ? fullResult.rps / bareResult.rps : 0;
      results.push({ target, full: fullResult, bare: bareResult, ratio });
      console.log(
        `  ${target.label.padEnd(62)} ${String(page.items.length).padStart(2)} of ${String(page.total).padStart(5)}` +
          ` | full ${String(Math.round(fullResult.rps)).padStart(5)} req/s p99 ${fmtMs(fullResult.p99).padStart(4)} ms` +
          ` | bare ${String(Math.round(bareResult.rps)).padStart(5)} req/s p99 ${fmtMs(bareResult.p99).padStart(4)} ms | ratio ${ratio.toFixed(2)}`,
      );
    }

    // 5. One summary line per group: the worst p99 and the worst ratio of its targets.
    const problems: string[] = [];
    for (const { target, full: f, bare: b } of results) {
      for (const [side, m] of [['full', f], ['bare', b]] as const) {
        if (m.non2xx > 0) problems.push(`${target.label} ${side} non2xx=${m.non2xx}`);
        if (m.errors > 0) problems.push(`${target.label} ${side} errors=${m.errors}`);
      }
    }
    const groups = (['list', 'deadlines'] as const).map((group) => {
      const mine = results.filter((result) => result.target.group === group);
      return { group, p99: Math.max(...mine.map((r) => r.full.p99)), ratio: Math.min(...mine.map((r) => r.ratio)) };
    });
    const pass = problems.length === 0 && groups.every((g) => g.p99 < TARGET_P99_MS && g.ratio >= TARGET_RATIO);
    console.log(
      `bench:consultations ${groups.map((g) => `${g.group} p99=${fmtMs(g.p99)} ms ratio=${g.ratio.toFixed(2)}`).join(' | ')}` +
        ` (target p99 < ${TARGET_P99_MS} ms, ratio >= ${TARGET_RATIO})` +
        (problems.length ? ` | ${problems.join(', ')}` : '') +
        ` ${pass ? 'PASS' : 'FAIL'}`,
    );
    // Errors or non-2xx answers mean the numbers measure something else: the bench failed.
    if (problems.length) throw new Error(`the servers did not answer every request with 2xx: ${problems.join(', ')}`);
  } finally {
    await cleanups.run();
  }
}

runBench('bench:consultations', main);
