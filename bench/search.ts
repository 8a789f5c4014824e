// bench:search — DESIGN §7 / issue 6 on the reference data set (bench/reference-data.ts: 5,000
// remisser, 150,000 responses, ~105,000 statements, ~1.2 M sections): 100 typical searches through
// the full stack (HTTP, auth, validation, SQL, snippets) — single words, phrases, filtered — as
// four kinds of user, one at a time. A warm-up pass, then the measured pass: p50/p95 latency,
// target p95 < 50 ms. Then the sammanställning of a 40-recipient remiss as the coordinator sees
// it: the JSON compilation and the PDF, each the median of five runs after a warm-up. Prints one
// line per kind of query, one for the compilation and one summary line; exits 0 when it ran
// (target met or not), 1 when the bench itself failed (a non-200 answer).
//
//   npm run bench:search                    (throwaway embedded PostgreSQL; generating the data takes a few minutes)
//   BENCH_DATABASE_URL=postgres://... npm run bench:search
//       (that database is migrated, gets demo users and, unless already there, the reference data)
import 'reflect-metadata';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { prepareDatabase } from '../src/db/prepare-database';
import { generateReferenceData, generateReferenceStatements } from './reference-data';
import { benchDatabaseUrl, Cleanups, closeServer, listen, loginHeaders, runBench } from './support';

const PASSWORD = 'bench-password';
const TARGET_P95_MS = 50;
const USERS = ['registrator', 'coordinator', 'handlaggare.sodermalm', 'reader'] as const;
type Group = 'word' | 'phrase' | 'filtered';

/** What people type: topic terms, everyday words, without diacritics, prefixes. */
const WORDS = [
  'boende', 'våldsutsatta', 'valdsutsatta', 'hemtjänst', 'hemtjanst', 'cykelbanor', 'skyfall', 'matsvinn', 'trygghetsvandringar', 'förskollärare',
  'upphandling', 'buller', 'barnkonventionen', 'sfi', 'tillsyn', 'LSS-boenden', 'nyanlända', 'hemlösa', 'personuppgifter', 'gruppbostäder',
  'kvinnofrid', 'suicidprevention', 'kulturskolan', 'diarieföring', 'laddplatser', 'återbruk', 'energieffektivisering', 'sommarjobb', 'anhöriga', 'ensamhet',
  'boend*', 'cykel*', 'digital*', 'våldsutsat*', 'aldreomsorg*', 'miljöbalken', 'folkbibliotek', 'krisberedskap', 'medborgardialog', 'dagvatten',
] as const;
const PHRASES = [
  '"våld i nära relationer"', '"vald i nara relationer"', '"skyddat boende"', '"psykisk ohälsa"', '"personlig assistans"', '"civilt försvar"', '"bostad först"',
  '"ofrivillig ensamhet"', '"sociala krav"', '"nationella minoriteter"', '"särskilda boenden"', '"barnets bästa"', '"boende med särskild service"', '"fossilfria drivmedel"',
  '"risk- och sårbarhetsanalyser"', '"meröppna bibliotek"', '"digital delaktighet"', '"hedersrelaterat våld"', '"unga vuxna"', '"ordinärt boende"',
  'boende äldre', 'våldsutsatta kvinnor', 'skyddat boende OR akutboende', 'hemtjänst kontinuitet', 'cykelbanor trafiksäkerhet', 'matsvinn skolrestauranger',
  '"våld i nära relationer" -hedersnormer', 'buller bullerskydd', 'gruppbostäder personal', 'förskola barngrupper',
] as const;

interface Query {
  group: Group;
  user: (typeof USERS)[number];
  path: string;
}

async function filteredQueries(dataSource: DataSource): Promise<string[]> {
  const one = async (sql: string, params: unknown[] = []) => ((await dataSource.query(sql, params)) as Array<{ id: string }>)[0]?.id;
  const violence = await one(`SELECT id FROM consultations WHERE title LIKE '%våld i nära relationer%' AND status = 'closed' ORDER BY registered_date DESC LIMIT 1`);
  const cycling = await one(`SELECT id FROM consultations WHERE title LIKE '%cykelinfrastruktur%' AND status = 'closed' ORDER BY registered_date DESC LIMIT 1`);
  const elderly = await one(`SELECT id FROM consultations WHERE title LIKE '%äldreomsorg%' ORDER BY registered_date DESC LIMIT 1`);
  const sodermalm = await one(`SELECT id FROM organisations WHERE register_key = 'sdn-sodermalm'`);
  const farsta = await one(`SELECT id FROM organisations WHERE register_key = 'sdf-farsta'`);
  if (!violence || !cycling || !elderly || !sodermalm || !farsta) throw new Error('the reference data lacks the remisser or organisations the filtered queries need');
  const e = encodeURIComponent;
  return [
    `q=${e('boende')}&consultationId=${violence}`, `q=${e('våldsutsatta')}&consultationId=${violence}`, `q=${e('"skyddat boende"')}&consultationId=${violence}`,
    `q=${e('cykelbanor')}&consultationId=${cycling}`, `q=${e('framkomlighet')}&consultationId=${cycling}`, `q=${e('hemtjänst')}&consultationId=${elderly}`,
    `q=${e('boende')}&organisationId=${sodermalm}`, `q=${e('våldsutsatta')}&organisationId=${sodermalm}`, `q=${e('budget')}&organisationId=${farsta}`,
    `q=${e('hemtjänst')}&organisationId=${farsta}`, `q=${e('boende')}&sectionKey=forvaltningens-synpunkter`, `q=${e('våldsutsatta')}&sectionKey=sammanfattning`,
    `q=${e('cykelbanor')}&sectionKey=forvaltningens-synpunkter`, `q=${e('barnkonventionen')}&sectionKey=barnrattsperspektiv`, `q=${e('boende')}&stance=avstyrker`,
    `q=${e('matsvinn')}&stance=tillstyrker,tillstyrker_med_andringar`, `q=${e('"våld i nära relationer"')}&stance=avstyrker`, `q=${e('boende')}&status=submitted`,
    `q=${e('hemlösa')}&status=drafting,in_review`, `q=${e('våldsutsatta')}&from=2023-01-01&to=2023-12-31`, `q=${e('boende')}&from=2024-01-01`,
    `q=${e('skyfall')}&to=2019-12-31`, `q=${e('upphandling')}&kind=consultation`, `q=${e('våld')}&kind=consultation`, `q=${e('boende')}&kind=statement`,
    `q=${e('"våld i nära relationer"')}&kind=section&limit=20`, `q=${e('boende')}&limit=20&offset=40`, `q=${e('LSS-boenden')}&kind=statement,section`,
    `q=${e('trygghet')}&from=2020-01-01&to=2021-12-31&kind=consultation`, `q=${e('KS 2020/924')}`,
  ];
}

/** A closed remiss coordinated by socialförvaltningen with 40 recipients, the one with the most answers written. */
async function compilationRemiss(dataSource: DataSource): Promise<{ id: string; caseNumber: string; answers: number }> {
  const [row]: Array<{ id: string; case_number: string; answers: number }> = await dataSource.query(
    `SELECT c.id, c.case_number, (SELECT count(*) FROM statements s WHERE s.consultation_id = c.id)::int AS answers
       FROM consultations c JOIN organisations o ON o.id = c.coordinator_id AND o.register_key = 'socialforvaltningen'
      WHERE c.status = 'closed' AND (SELECT count(*) FROM recipients r WHERE r.consultation_id = c.id) = 40
      ORDER BY answers DESC, c.id LIMIT 1`,
  );
  if (!row) throw new Error('the reference data has no closed 40-recipient remiss coordinated by socialförvaltningen');
  return { id: row.id, caseNumber: row.case_number, answers: row.answers };
}

/** Median milliseconds of five GETs after one warm-up; fails on anything but 200. */
async function medianGet(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const runs: Array<{ ms: number; bytes: number }> = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.toString('utf8', 0, 500)}`);
    if (i > 0) runs.push({ ms: performance.now() - started, bytes: body.length });
  }
  return runs.sort((a, b) => a.ms - b.ms)[2];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms.toFixed(1));

async function main(): Promise<void> {
  const cleanups = new Cleanups('bench:search');
  try {
    // 1. A database with the reference data set, sections included.
    const url = await benchDatabaseUrl(cleanups);
    const dataSource: DataSource = await createDataSource({ url, applicationName: 'remiss-bench' }).initialize();
    cleanups.add(() => dataSource.destroy());
    await prepareDatabase(dataSource, { demoPassword: PASSWORD });
    const data = await generateReferenceData(dataSource);
    const statements = await generateReferenceStatements(dataSource);
    const how = (summary: { skipped: boolean; milliseconds: number }) => (summary.skipped ? 'already present' : `generated in ${(summary.milliseconds / 1000).toFixed(1)} s`);
    console.log(`reference data: remisser ${how(data)}: ${data.consultations} remisser, ${data.responses} responses; statements ${how(statements)}: ${statements.statements} statements, ${statements.sections} sections`);

    // 2. The full app and the users.
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_MAX: '1000' });
    const { app } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
    const server = await listen(app);
    cleanups.add(() => closeServer(server.server));
    const headers = Object.fromEntries(await Promise.all(USERS.map(async (user) => [user, await loginHeaders(server.baseUrl, user, PASSWORD)] as const)));

    // 3. The 100 queries, users taking turns.
    const filtered = await filteredQueries(dataSource);
    const queries: Query[] = [
      ...WORDS.map((word) => ({ group: 'word' as const, path: `q=${encodeURIComponent(word)}` })),
      ...PHRASES.map((phrase) => ({ group: 'phrase' as const, path: `q=${encodeURIComponent(phrase)}` })),
      ...filtered.map((path) => ({ group: 'filtered' as const, path })),
    ].map((query, i) => ({ ...query, user: USERS[i % USERS.length] }));

    const once = async (query: Query) => {
      const started = performance.now();
      // A page of 20, as a search page shows, unless the query says otherwise.
      const path = /(^|&)limit=/.test(query.path) ? query.path : `${query.path}&limit=20`;
      const res = await fetch(`${server.baseUrl}/api/search?${path}`, { headers: headers[query.user] });
      const body = (await res.json()) as { total?: number };
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${query.path} as ${query.user} answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms, total: body.total ?? 0 };
    };
    for (const query of queries) await once(query); // warm-up: plans, caches, connections
    const results: Array<Query & { ms: number; total: number }> = [];
    for (const query of queries) results.push({ ...query, ...(await once(query)) });

    // 4. Per group and overall.
    const summarise = (rows: typeof results) => {
      const sorted = rows.map((row) => row.ms).sort((a, b) => a - b);
      const totals = rows.map((row) => row.total).sort((a, b) => a - b);
      return { n: rows.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], hits: percentile(totals, 50), maxHits: totals[totals.length - 1] };
    };
    for (const group of ['word', 'phrase', 'filtered'] as const) {
      const s = summarise(results.filter((row) => row.group === group));
      console.log(`  ${group.padEnd(9)} ${String(s.n).padStart(3)} queries  p50 ${fmt(s.p50).padStart(4)} ms  p95 ${fmt(s.p95).padStart(4)} ms  max ${fmt(s.max).padStart(4)} ms  | hits: median ${s.hits}, max ${s.maxHits}`);
    }
    const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(`  slowest: ${slowest.map((row) => `${decodeURIComponent(row.path)} as ${row.user} ${fmt(row.ms)} ms (${row.total} hits)`).join('; ')}`);

    // 5. The sammanställning of a 40-recipient remiss: JSON and PDF (by recipient), as the coordinator.
    const remiss = await compilationRemiss(dataSource);
    const base = `${server.baseUrl}/api/consultations/${remiss.id}/compilation`;
    const json = await medianGet(base, headers.coordinator);
    const pdf = await medianGet(`${base}.pdf`, headers.coordinator);
    console.log(`  compilation of ${remiss.caseNumber} (40 recipients, ${remiss.answers} statements): JSON ${fmt(json.ms)} ms (${(json.bytes / 1024).toFixed(0)} kB), PDF ${fmt(pdf.ms)} ms (${(pdf.bytes / 1024).toFixed(0)} kB)`);

    const all = summarise(results);
    console.log(
      `bench:search p50=${fmt(all.p50)} ms p95=${fmt(all.p95)} ms max=${fmt(all.max)} ms over ${all.n} queries (${WORDS.length} words, ${PHRASES.length} phrases, ${filtered.length} filtered; ` +
        `${statements.sections} sections) (target p95 < ${TARGET_P95_MS} ms) ${all.p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'}; ` +
        `compilation of 40 recipients: JSON ${fmt(json.ms)} ms, PDF ${fmt(pdf.ms)} ms`,
    );
  } finally {
    await cleanups.run();
  }
}

runBench('bench:search', main);
