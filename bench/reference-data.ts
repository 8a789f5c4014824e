// The reference data set of DESIGN §7 for the benches: ten years (2016 – today) of a large city's
// remisser. 5,000 remisser from kommunstyrelsen and some facknämnder, 30 recipients each on average
// (150,000 recipients, each with its response), ~2 % anstånd, and the recipients' timelines.
//
// Set-based SQL (INSERT … SELECT over generate_series and random()), in one transaction on one
// connection, seeded with setseed(): the same seed and the same `today` give the same data, ids
// included. Needs a migrated database with the seeded organisation register (prepareDatabase);
// the demo users, when present, appear as registrator (created_by, anstånd granted by).
import type { DataSource, QueryRunner } from 'typeorm';
import { todayInStockholm } from '../src/shared/dates';

export interface ReferenceDataOptions {
  /** Remisser to create (default 5,000). */
  consultations?: number;
  /** Recipients per remiss on average; each remiss gets between this ±20 (default 30). */
  recipientsPerConsultation?: number;
  /** The day open remisser are due around (default: today in Stockholm). */
  today?: string;
  /** First registration date (default 2016-01-01). */
  from?: string;
  /** setseed() value in [-1, 1] (default 0.42). */
  seed?: number;
}

export interface ReferenceDataSummary {
  /** True when the database already held at least that many remisser and nothing was added. */
  skipped: boolean;
  consultations: number;
  recipients: number;
  responses: number;
  extensions: number;
  events: number;
  consultationsByStatus: Record<string, number>;
  /** Open remisser with a due date before `today`. */
  overdueOpen: number;
  milliseconds: number;
}

/** [value, weight] pairs as the two arrays width_bucket() needs: the values and their lower bounds in [0, 1). */
function weighted<T>(choices: ReadonlyArray<readonly [T, number]>): { values: T[]; bounds: number[] } {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let acc = 0;
  const bounds = choices.map(([, weight]) => {
    const lower = acc / total;
    acc += weight;
    return lower;
  });
  return { values: choices.map(([value]) => value), bounds };
}

// Senders: register key, Dnr prefix, share of the remisser.
const SENDERS = weighted<readonly [string, string]>([
  [['kommunstyrelsen', 'KS'], 58],
  [['stadsbyggnadsnamnden', 'SBN'], 4],
  [['trafiknamnden', 'TN'], 8],
  [['socialnamnden', 'SN'], 7],
  [['utbildningsnamnden', 'UBN'], 6],
  [['miljo-och-halsoskyddsnamnden', 'MHN'], 5],
  [['exploateringsnamnden', 'EXPL'], 4],
  [['kulturnamnden', 'KUN'], 3],
]);

// Coordinators (samordnande förvaltning); null: nobody coordinates.
const COORDINATORS = weighted<string | null>([
  ['socialforvaltningen', 42],
  ['stadsledningskontoret', 36],
  ['utbildningsforvaltningen', 5],
  ['stadsbyggnadskontoret', 5],
  ['miljoforvaltningen', 3],
  ['trafikkontoret', 3],
  [null, 6],
]);

const KINDS = weighted([
  ['motion', 26],
  ['skrivelse', 14],
  ['program', 16],
  ['betankande', 16],
  ['promemoria', 10],
  ['detaljplan', 12],
  ['other', 6],
] as const);

/** Noun phrases that read after "för", "om" and "av". Shared by all kinds of titles. */
const TOPICS = [
  'trygghet i offentliga miljöer',
  'våld i nära relationer',
  'hemlöshet bland unga vuxna',
  'förskolans pedagogiska uppdrag',
  'barns rätt till lek och idrott',
  'äldreomsorgens kvalitet och kontinuitet',
  'en tillgänglig stad för personer med funktionsnedsättning',
  'klimatanpassning av stadens bebyggelse',
  'minskade utsläpp från vägtrafiken',
  'cykelinfrastruktur i innerstaden',
  'kollektivtrafik i ytterstaden',
  'digitalisering av stadens tjänster',
  'informationssäkerhet och dataskydd',
  'bostadsförsörjning för studenter',
  'hållbart byggande i trä',
  'biologisk mångfald i stadens parker',
  'ett minskat matsvinn i skolmåltiderna',
  'skolans arbete mot kränkande behandling',
  'ungdomars psykiska hälsa',
  'föreningslivets villkor',
  'kulturskolans verksamhet',
  'stadens arkiv och allmänna handlingar',
  'jämställdhet i stadens verksamheter',
  'mänskliga rättigheter och icke-diskriminering',
  'tidiga insatser mot kriminalitet bland unga',
  'hedersrelaterat våld och förtryck',
  'prostitution och människohandel',
  'integration och etablering av nyanlända',
  'arbetsmarknadsinsatser för långtidsarbetslösa',
  'stadens upphandling och avtalsuppföljning',
  'energieffektivisering i allmännyttan',
  'avfall och återbruk',
  'vattenkvalitet i sjöar och vattendrag',
  'buller från trafik och byggarbetsplatser',
  'parkering och laddinfrastruktur',
  'ledningsrätt och markanvändning',
  'ett tryggare nattliv',
  'krisberedskap och civilt försvar',
  'medborgardialog i stadsplaneringen',
  'idrottsanläggningar i växande stadsdelar',
  'folkbibliotekens uppdrag',
  'socialtjänstens myndighetsutövning',
  'personlig assistans och LSS-boenden',
  'missbruks- och beroendevård',
  'stöd till anhöriga',
  'ensamhet bland äldre',
  'sommarjobb för ungdomar',
  'vuxenutbildningens organisation',
  'nationella minoriteters rättigheter',
  'tillsyn enligt miljöbalken',
] as const;

const PROGRAM_HEADS = ['Stockholms stads program för', 'Handlingsplan för', 'Strategi för', 'Riktlinjer för', 'Policy för', 'Stockholms stads plan för'] as const;
const MOTION_VERBS = ['att införa', 'att utreda', 'att stärka', 'att utveckla', 'att se över', 'att satsa på', 'att prioritera', 'att kartlägga', 'en ny modell för', 'en försöksverksamhet med'] as const;
const FIRST_NAMES = ['Anna', 'Karin', 'Erik', 'Lars', 'Maria', 'Johan', 'Sara', 'Ahmed', 'Leila', 'Per', 'Emma', 'Jonas', 'Fatima', 'Olof', 'Ingrid', 'Mikael'] as const;
const SURNAMES = ['Lindqvist', 'Andersson', 'Bergström', 'Nyberg', 'Holm', 'Sandberg', 'Ekström', 'Karlsson', 'Hassan', 'Sjögren', 'Wallin', 'Öberg', 'Åkesson', 'Lundgren'] as const;
const PARTIES = ['S', 'M', 'V', 'L', 'C', 'MP', 'KD', 'SD'] as const;
const PARTY_NAMES = ['Socialdemokraterna', 'Moderaterna', 'Vänsterpartiet', 'Liberalerna', 'Centerpartiet', 'Miljöpartiet', 'Kristdemokraterna', 'Sverigedemokraterna'] as const;
const INQUIRY_HEADS = ['Ett stärkt skydd mot', 'En samlad strategi för', 'Bättre förutsättningar för', 'Nya regler om', 'En mer ändamålsenlig reglering av', 'Ökad effektivitet i arbetet med', 'Ett nationellt uppdrag om', 'Tydligare ansvar för'] as const;
const BLOCKS = ['Sländan', 'Hjorten', 'Lärkan', 'Tegelbruket', 'Mjölnaren', 'Vinkelhaken', 'Kvarnen', 'Räven', 'Ekorren', 'Bryggeriet', 'Spårvagnen', 'Gjutaren', 'Linjalen', 'Trasten', 'Vattenkraften', 'Järnet'] as const;
const DISTRICTS = ['Hägersten', 'Bromma', 'Farsta', 'Skarpnäck', 'Kista', 'Vällingby', 'Årsta', 'Liljeholmen', 'Hammarby sjöstad', 'Kungsholmen', 'Södermalm', 'Östermalm', 'Älvsjö', 'Spånga', 'Tensta', 'Skärholmen'] as const;
const REPORT_WORDS = ['rapport', 'utredning', 'förslag', 'översyn', 'utvärdering', 'kartläggning'] as const;
const DESCRIPTION_TAILS = [
  'Remissinstanserna ombeds särskilt yttra sig över förslagens konsekvenser för barn.',
  'Synpunkter önskas på förslagens ekonomiska konsekvenser.',
  'Förslaget bygger på en bred dialog med berörda förvaltningar och bolag.',
  'Svaren ligger till grund för kommunstyrelsens fortsatta beredning.',
  'Remissen avser både mål och indikatorer för uppföljning.',
  'Särskilda synpunkter efterfrågas från stadsdelsnämnderna.',
] as const;
const EXTENSION_REASONS = [
  'Nämnden sammanträder efter sista svarsdag.',
  'Ärendet behöver behandlas i nämndens arbetsutskott.',
  'Förvaltningen behöver samråda med råden för funktionshinderfrågor.',
  'Omfattande remiss; begärt anstånd per telefon.',
] as const;

/** A random element of a text[] parameter, drawn with the stored random column `u`. */
const pick = (param: string, u: string) => `(${param})[1 + floor(${u} * cardinality(${param}))::int]`;
/** The same day, or the next Monday for a Saturday or Sunday. */
const weekdayForward = (day: string) => `(${day} + CASE extract(isodow FROM ${day}) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END)`;
/** The same day, or the Friday before for a Saturday or Sunday. */
const weekdayBack = (day: string) => `(${day} - CASE extract(isodow FROM ${day}) WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END)`;
/** A v4-shaped, deterministic uuid from a text key (z.uuid() checks version and variant). */
const uuidFrom = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;
const stockholmTime = (day: string, time: string) => `((${day})::date + time '${time}') AT TIME ZONE 'Europe/Stockholm'`;

/**
 * Fills a migrated database with the reference data set. Skips (and says so) when the database
 * already holds at least `consultations` remisser, so a reused BENCH_DATABASE_URL is not doubled.
 */
export async function generateReferenceData(dataSource: DataSource, options: ReferenceDataOptions = {}): Promise<ReferenceDataSummary> {
  const started = Date.now();
  const total = options.consultations ?? 5_000;
  const perConsultation = options.recipientsPerConsultation ?? 30;
  const today = options.today ?? todayInStockholm();
  const from = options.from ?? '2016-01-01';
  if (!(perConsultation >= 21 && perConsultation <= 70)) throw new RangeError('recipientsPerConsultation must be 21 to 70 (each remiss gets it ±20, from a register of ~99)');

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ n: existing }] = (await runner.query('SELECT count(*)::int AS n FROM consultations')) as Array<{ n: number }>;
    if (existing >= total) return { ...(await summarise(runner, today)), skipped: true, milliseconds: Date.now() - started };

    await runner.startTransaction();
    // Parallel plans would make the order random() is drawn in, and so the data, vary by run.
    await runner.query('SET LOCAL max_parallel_workers_per_gather = 0');
    // A bulk load, not a request: on a busy machine one INSERT can outlast the app's 30 s statement timeout.
    await runner.query('SET LOCAL statement_timeout = 0');
    await runner.query('SELECT setseed($1)', [options.seed ?? 0.42]);
    await createOrganisationPool(runner);
    await planConsultations(runner, { total, today, from, perConsultation });
    await insertConsultations(runner);
    await planRecipients(runner);
    await insertRecipients(runner);
    await insertResponses(runner, today);
    await insertEvents(runner);
    await runner.commitTransaction();
    // VACUUM too, not only ANALYZE: a database that has lived for years has its visibility map set
    // (autovacuum), which index-only scans rely on; fresh bulk-loaded pages would understate them.
    await runner.query('VACUUM ANALYZE organisations, consultations, recipients, recipient_extensions, recipient_events, responses');
    return { ...(await summarise(runner, today)), skipped: false, milliseconds: Date.now() - started };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** The seeded register as recipients, with how often each kind gets remisser and its place in a distribution. */
async function createOrganisationPool(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TEMP TABLE ref_orgs ON COMMIT DROP AS
    SELECT id, register_key AS key, name,
           CASE WHEN register_key LIKE 'sdn-%' THEN 4.0
                WHEN register_key = 'kommunstyrelsen' THEN 0.2
                WHEN kind = 'committee' THEN 2.5
                WHEN kind = 'council' THEN 1.5
                WHEN kind = 'company' THEN 1.0
                WHEN kind = 'external' THEN 0.6
                ELSE 0.3 END AS weight,
           CASE kind WHEN 'committee' THEN 1 WHEN 'council' THEN 2 WHEN 'administration' THEN 3 WHEN 'company' THEN 4 ELSE 5 END AS rank
      FROM organisations
     WHERE register_key IS NOT NULL
     ORDER BY register_key`);
  const [{ n }] = (await runner.query('SELECT count(*)::int AS n FROM ref_orgs')) as Array<{ n: number }>;
  if (n < 80) throw new Error(`the organisation register holds ${n} organisations; run prepareDatabase first`);
}

/** Every remiss's random draws, then its dates, status, Dnr and title. */
async function planConsultations(runner: QueryRunner, o: { total: number; today: string; from: string; perConsultation: number }): Promise<void> {
  await runner.query(
    `CREATE TEMP TABLE ref_draws ON COMMIT DROP AS
     SELECT i,
            $2::date + floor(((i - 1) + random()) * (($3::date - $2::date - 1)::float8 / $1))::int AS reg0,
            width_bucket(random(), $4::float8[]) AS sender_draw,
            width_bucket(random(), $5::float8[]) AS coordinator_ix,
            width_bucket(random(), $6::float8[]) AS kind_ix,
            1 + floor(random() * 10)::int AS send_lag,
            random() AS u_short, random() AS u_period, random() AS u_draft, random() AS u_cancel, random() AS u_grace,
            random() AS u_forgotten, random() AS u_dnr,
            random() AS t1, random() AS t2, random() AS t3, random() AS t4, random() AS t5, random() AS t6
       FROM generate_series(1, $1::int) AS i
      ORDER BY i`,
    [o.total, o.from, o.today, SENDERS.bounds, COORDINATORS.bounds, KINDS.bounds],
  );
  // Recipient counts in pairs (base + d, base − d): between base ± 20, exactly base × total in all.
  await runner.query(
    `CREATE TEMP TABLE ref_pairs ON COMMIT DROP AS
     SELECT k, floor(random() * 21)::int AS d FROM generate_series(1, ($1::int + 1) / 2) AS k ORDER BY k`,
    [o.total],
  );
  await runner.query(
    `CREATE TEMP TABLE ref_c ON COMMIT DROP AS
     WITH dated AS (
       SELECT d.*, ${weekdayBack('d.reg0')} AS registered_date,
              -- Detaljplaner come from stadsbyggnadsnämnden.
              CASE WHEN d.kind_ix = ${KINDS.values.indexOf('detaljplan') + 1} THEN ${SENDERS.values.findIndex(([key]) => key === 'stadsbyggnadsnamnden') + 1} ELSE d.sender_draw END AS sender_ix
         FROM ref_draws d
     ), planned AS (
       SELECT x.*, ${weekdayForward('x.registered_date + x.send_lag')} AS planned_sent
         FROM dated x
     ), due AS (
       SELECT p.*,
              ${weekdayForward(`p.planned_sent + CASE WHEN p.u_short < 0.1 THEN 21 + floor(p.u_period * 30)::int ELSE 60 + floor(p.u_period * 60)::int END`)} AS due_date
         FROM planned p
     ), statused AS (
       SELECT u.*,
              CASE WHEN u.planned_sent > $1::date OR (u.registered_date >= $1::date - 14 AND u.u_draft < 0.4) THEN 'draft'
                   WHEN u.u_cancel < 0.012 THEN 'cancelled'
                   WHEN u.due_date >= $1::date - (20 + floor(u.u_grace * 50)::int) THEN 'open'
                   WHEN u.due_date >= $1::date - 365 AND u.u_forgotten < 0.02 THEN 'open'
                   ELSE 'closed' END AS status,
              extract(year FROM u.registered_date)::int AS year
         FROM due u
     ), numbered AS (
       SELECT s.*,
              (SELECT o.id FROM organisations o WHERE o.register_key = ($2::text[])[s.sender_ix]) AS sender_id,
              (SELECT o.id FROM organisations o WHERE o.register_key = ($3::text[])[s.coordinator_ix]) AS coordinator_id,
              ($4::text[])[s.sender_ix] AS prefix,
              ($5::text[])[s.kind_ix] AS kind,
              row_number() OVER (PARTITION BY s.sender_ix, s.year ORDER BY s.i)::int * 7 AS dnr_top
         FROM statused s
     )
     SELECT n.i, ${uuidFrom(`'remiss-ref-c-' || n.i`)} AS id, n.sender_id, n.coordinator_id, n.prefix, n.kind, n.year,
            n.registered_date, CASE WHEN n.status = 'draft' THEN NULL ELSE n.planned_sent END AS sent_date, n.due_date, n.status,
            n.dnr_top - floor(n.u_dnr * 6)::int AS dnr_number, n.t1, n.t2, n.t3, n.t4, n.t5, n.t6,
            $6::int + CASE WHEN n.i % 2 = 0 THEN -p.d WHEN n.i < $7::int THEN p.d ELSE 0 END AS recipient_count
       FROM numbered n
       JOIN ref_pairs p ON p.k = (n.i + 1) / 2
      ORDER BY n.i`,
    [
      o.today,
      SENDERS.values.map(([key]) => key),
      COORDINATORS.values.map((key) => key ?? ''),
      SENDERS.values.map(([, prefix]) => prefix),
      KINDS.values,
      o.perConsultation,
      o.total,
    ],
  );
  const missing = (await runner.query('SELECT count(*)::int AS n FROM ref_c WHERE sender_id IS NULL')) as Array<{ n: number }>;
  if (missing[0].n > 0) throw new Error('a sender of the reference data is missing from the organisation register');
  // A Dnr the database already has (the demo remisser) takes the one number of its interval never drawn.
  await runner.query(
    `UPDATE ref_c c SET dnr_number = ((c.dnr_number + 5) / 7) * 7 - 6
      WHERE EXISTS (SELECT 1 FROM consultations x WHERE x.sender_id = c.sender_id AND x.case_number_normalized = c.prefix || c.year || '/' || c.dnr_number)`,
  );
}

async function insertConsultations(runner: QueryRunner): Promise<void> {
  const title = `CASE c.kind
      WHEN 'program' THEN ${pick('$1::text[]', 'c.t1')} || ' ' || ${pick('$2::text[]', 'c.t2')} || ' ' || (c.year + 1) || '–' || (c.year + 4)
      WHEN 'motion' THEN 'Motion om ' || ${pick('$3::text[]', 'c.t1')} || ' ' || ${pick('$2::text[]', 'c.t2')} || ' av ' || ${pick('$4::text[]', 'c.t3')} || ' ' || ${pick('$5::text[]', 'c.t4')} || ' (' || ${pick('$6::text[]', 'c.t5')} || ')'
      WHEN 'skrivelse' THEN 'Skrivelse från ' || ${pick('$7::text[]', 'c.t1')} || ' om ' || ${pick('$2::text[]', 'c.t2')}
      WHEN 'betankande' THEN 'Betänkandet ' || ${pick('$8::text[]', 'c.t1')} || ' ' || ${pick('$2::text[]', 'c.t2')} || ' (SOU ' || c.year || ':' || (1 + floor(c.t3 * 120)::int) || ')'
      WHEN 'promemoria' THEN 'Promemorian ' || ${pick('$8::text[]', 'c.t1')} || ' ' || ${pick('$2::text[]', 'c.t2')} || ' (Ds ' || c.year || ':' || (1 + floor(c.t3 * 60)::int) || ')'
      WHEN 'detaljplan' THEN 'Förslag till detaljplan för kvarteret ' || ${pick('$9::text[]', 'c.t1')} || ' i stadsdelen ' || ${pick('$10::text[]', 'c.t2')} || ', Dp ' || c.year || '-' || lpad((1 + floor(c.t3 * 20000)::int)::text, 5, '0')
      ELSE 'Remiss av ' || ${pick('$11::text[]', 'c.t1')} || ' om ' || ${pick('$2::text[]', 'c.t2')}
    END`;
  await runner.query(
    `INSERT INTO consultations (id, case_number, case_number_normalized, title, kind, sender_id, coordinator_id, registered_date, sent_date,
                                due_date, description, status, created_by, version, created_at, updated_at)
     SELECT c.id, c.prefix || ' ' || c.year || '/' || c.dnr_number, c.prefix || c.year || '/' || c.dnr_number, ${title}, c.kind,
            c.sender_id, c.coordinator_id, c.registered_date, c.sent_date, c.due_date,
            'Remissen avser ' || ${pick('$2::text[]', 'c.t6')} || '. ' || ${pick('$12::text[]', 'c.t4')},
            c.status, (SELECT id FROM users WHERE username = 'registrator'), 1,
            ${stockholmTime('c.registered_date', '10:00')},
            ${stockholmTime(`CASE c.status WHEN 'closed' THEN c.due_date + 30 WHEN 'draft' THEN c.registered_date ELSE c.sent_date END`, '15:00')}
       FROM ref_c c
      ORDER BY c.i`,
    [PROGRAM_HEADS, TOPICS, MOTION_VERBS, FIRST_NAMES, SURNAMES, PARTIES, PARTY_NAMES, INQUIRY_HEADS, BLOCKS, DISTRICTS, REPORT_WORDS, DESCRIPTION_TAILS],
  );
}

/**
 * Each remiss's recipients: a weighted sample without replacement of the register (never its
 * sender or coordinator), stadsdelsnämnder and facknämnder most often, numbered nämnder first.
 */
async function planRecipients(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TEMP TABLE ref_r ON COMMIT DROP AS
    SELECT c.i, c.id AS consultation_id, pick.organisation_id, pick.position,
           random() AS u_role, random() AS u_ext, random() AS u_ext_days, random() AS u_answer, random() AS u_kind,
           random() AS u_when, random() AS u_when2, random() AS u_reason
      FROM ref_c c
     CROSS JOIN LATERAL (
       SELECT s.id AS organisation_id, row_number() OVER (ORDER BY s.rank, s.name, s.id)::int AS position
         FROM (SELECT o.id, o.rank, o.name
                 FROM ref_orgs o
                WHERE o.id <> c.sender_id AND o.id IS DISTINCT FROM c.coordinator_id
                ORDER BY -ln(1 - random()) / o.weight, o.id
                LIMIT c.recipient_count) s
     ) pick
     ORDER BY c.i, pick.position`);
}

async function insertRecipients(runner: QueryRunner): Promise<void> {
  await runner.query(`
    INSERT INTO recipients (id, consultation_id, organisation_id, role, required, position, via_list_id, sent_at, extended_due_date, created_at)
    SELECT ${uuidFrom(`'remiss-ref-r-' || r.i || '-' || r.position`)}, r.consultation_id, r.organisation_id,
           CASE WHEN r.u_role >= 0.93 THEN 'for_information' ELSE 'respond' END, r.u_role < 0.75, r.position, NULL,
           CASE WHEN c.sent_date IS NOT NULL THEN ${stockholmTime('c.sent_date', '09:00')} END,
           CASE WHEN c.sent_date IS NOT NULL AND r.u_role < 0.93 AND r.u_ext < 0.021
                THEN ${weekdayForward('c.due_date + 5 + floor(r.u_ext_days * 25)::int')} END,
           ${stockholmTime('c.registered_date', '10:30')}
      FROM ref_r r JOIN ref_c c ON c.i = r.i
     ORDER BY r.i, r.position`);
  await runner.query(
    `INSERT INTO recipient_extensions (id, recipient_id, due_date, previous_due_date, reason, granted_by_user_id, granted_by_name, granted_at)
     SELECT ${uuidFrom(`'remiss-ref-x-' || r.i || '-' || r.position`)}, x.id, x.extended_due_date, c.due_date, ${pick('$1::text[]', 'r.u_reason')},
            (SELECT id FROM users WHERE username = 'registrator'), 'Rut Diariesson', ${stockholmTime('c.due_date - 3', '11:00')}
       FROM ref_r r
       JOIN ref_c c ON c.i = r.i
       JOIN recipients x ON x.consultation_id = r.consultation_id AND x.organisation_id = r.organisation_id
      WHERE x.extended_due_date IS NOT NULL
      ORDER BY r.i, r.position`,
    [EXTENSION_REASONS],
  );
}

/**
 * One response per recipient. Closed remisser: mostly answered (submitted, some "inga synpunkter",
 * a few declined) around the effective due date, about one in six late, some never. Open ones: answered
 * or under way by how close the deadline is. Drafts, cancelled remisser and for-information
 * recipients: not started (cancelled ones partly drafting).
 */
async function insertResponses(runner: QueryRunner, today: string): Promise<void> {
  await runner.query(
    `INSERT INTO responses (id, recipient_id, status, status_changed_at, answered_date, version, created_at, updated_at)
     WITH base AS (
       SELECT r.i, r.position, x.id AS recipient_id, x.role, x.sent_at, c.status AS c_status, c.sent_date,
              COALESCE(x.extended_due_date, c.due_date) AS eff, r.u_answer, r.u_kind, r.u_when, r.u_when2
         FROM ref_r r
         JOIN ref_c c ON c.i = r.i
         JOIN recipients x ON x.consultation_id = r.consultation_id AND x.organisation_id = r.organisation_id
     ), decided AS (
       SELECT b.*,
              CASE WHEN b.sent_at IS NULL OR b.role <> 'respond' THEN 'not_started'
                   WHEN b.c_status = 'cancelled' THEN CASE WHEN b.u_kind < 0.75 THEN 'not_started' ELSE 'drafting' END
                   WHEN (b.c_status = 'closed' AND b.u_answer < 0.93)
                     OR (b.c_status = 'open' AND b.eff < $1::date AND b.u_answer < 0.76)
                     OR (b.c_status = 'open' AND b.eff >= $1::date AND b.u_answer < CASE WHEN b.eff - $1::date < 14 THEN 0.16 ELSE 0.04 END)
                     THEN CASE WHEN b.u_kind < 0.8 THEN 'submitted' WHEN b.u_kind < 0.93 THEN 'no_comments' ELSE 'declined' END
                   WHEN b.c_status = 'closed' THEN CASE WHEN b.u_kind < 0.7 THEN 'not_started' ELSE 'drafting' END
                   WHEN b.c_status = 'open' AND b.eff - $1::date > 45 THEN CASE WHEN b.u_kind < 0.7 THEN 'not_started' ELSE 'drafting' END
                   ELSE CASE WHEN b.u_kind < 0.25 THEN 'not_started' WHEN b.u_kind < 0.6 THEN 'drafting' WHEN b.u_kind < 0.8 THEN 'in_review'
                             WHEN b.u_kind < 0.92 THEN 'approved' ELSE 'decided' END
              END AS status
         FROM base b
     ), answered AS (
       SELECT d.*,
              CASE WHEN d.status NOT IN ('submitted', 'declined', 'no_comments') THEN NULL
                   WHEN d.eff >= $1::date THEN GREATEST(d.sent_date, $1::date - floor(d.u_when2 * 10)::int)
                   ELSE LEAST($1::date, GREATEST(d.sent_date, CASE WHEN d.u_when < 0.83 THEN d.eff - floor(d.u_when2 * 12)::int
                                                                       ELSE d.eff + 1 + floor(d.u_when2 * 21)::int END))
              END AS answered_date
         FROM decided d
     )
     SELECT ${uuidFrom(`'remiss-ref-p-' || a.i || '-' || a.position`)}, a.recipient_id, a.status,
            CASE WHEN a.answered_date IS NOT NULL THEN ${stockholmTime('a.answered_date', '14:00')}
                 WHEN a.status <> 'not_started' THEN ${stockholmTime(`a.sent_date + floor(a.u_when * GREATEST(1, LEAST($1::date, a.eff) - a.sent_date))::int`, '13:00')}
                 ELSE coalesce(a.sent_at, now()) END,
            a.answered_date, 1, coalesce(a.sent_at, now()),
            CASE WHEN a.answered_date IS NOT NULL THEN ${stockholmTime('a.answered_date', '14:00')} ELSE coalesce(a.sent_at, now()) END
       FROM answered a
      ORDER BY a.i, a.position`,
    [today],
  );
}

/** The timelines: sent, anstånd granted, answer recorded (what the status board's "last event" shows). */
async function insertEvents(runner: QueryRunner): Promise<void> {
  await runner.query(`
    INSERT INTO recipient_events (recipient_id, type, occurred_at, actor_user_id, detail)
    SELECT e.recipient_id, e.type, e.occurred_at, (SELECT id FROM users WHERE username = 'registrator'), e.detail
      FROM (
        SELECT x.id AS recipient_id, 'sent' AS type, x.sent_at AS occurred_at, jsonb_build_object('dueDate', c.due_date) AS detail, r.i, r.position, 1 AS step
          FROM ref_r r JOIN ref_c c ON c.i = r.i JOIN recipients x ON x.consultation_id = r.consultation_id AND x.organisation_id = r.organisation_id
         WHERE x.sent_at IS NOT NULL
        UNION ALL
        SELECT x.recipient_id, 'extension_granted', x.granted_at, jsonb_build_object('dueDate', x.due_date, 'previousDueDate', x.previous_due_date), r.i, r.position, 2
          FROM ref_r r JOIN recipients y ON y.consultation_id = r.consultation_id AND y.organisation_id = r.organisation_id
          JOIN recipient_extensions x ON x.recipient_id = y.id
        UNION ALL
        SELECT p.recipient_id, 'answer_recorded', p.status_changed_at, jsonb_build_object('status', p.status), r.i, r.position, 3
          FROM ref_r r JOIN recipients y ON y.consultation_id = r.consultation_id AND y.organisation_id = r.organisation_id
          JOIN responses p ON p.recipient_id = y.id
         WHERE p.answered_date IS NOT NULL
      ) e
     ORDER BY e.i, e.position, e.step`);
}

async function summarise(runner: QueryRunner, today: string): Promise<Omit<ReferenceDataSummary, 'skipped' | 'milliseconds'>> {
  const [counts] = (await runner.query(
    `SELECT (SELECT count(*) FROM consultations)::int AS consultations, (SELECT count(*) FROM recipients)::int AS recipients,
            (SELECT count(*) FROM responses)::int AS responses, (SELECT count(*) FROM recipient_extensions)::int AS extensions,
            (SELECT count(*) FROM recipient_events)::int AS events,
            (SELECT count(*) FROM consultations WHERE status = 'open' AND due_date < $1::date)::int AS overdue_open`,
    [today],
  )) as Array<{ consultations: number; recipients: number; responses: number; extensions: number; events: number; overdue_open: number }>;
  const byStatus = (await runner.query('SELECT status, count(*)::int AS n FROM consultations GROUP BY status ORDER BY status')) as Array<{ status: string; n: number }>;
  return {
    consultations: counts.consultations,
    recipients: counts.recipients,
    responses: counts.responses,
    extensions: counts.extensions,
    events: counts.events,
    overdueOpen: counts.overdue_open,
    consultationsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
  };
}

// ---------------------------------------------------------------------------------------------
// Statements and their sections (DESIGN §7: 1.2 M sections), for bench:search. Every response
// that has got as far as a draft gets a tjänsteutlåtande with the catalogue's sections (plus
// some own ones, to reach the target count), written from sentence templates: half about the
// remiss's topic (its phrase and four key terms), four in ten general boilerplate, one in ten
// subject matter that comes up across topics. Topic words thus cluster in the statements of
// topical remisser, boilerplate words are everywhere, as in real archives. Sections are inserted statement by statement in answer
// order, so a statement's sections share pages as they would in a live database.

export interface ReferenceStatementsOptions {
  /** Sections to create, about (default 1,200,000). */
  sections?: number;
  /** setseed() value in [-1, 1] (default 0.24). */
  seed?: number;
}

export interface ReferenceStatementsSummary {
  /** True when the database already held about that many sections and nothing was added. */
  skipped: boolean;
  statements: number;
  sections: number;
  milliseconds: number;
}

/** Four key terms per entry of TOPICS, in the same order. */
const TOPIC_TERMS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['trygghetsvandringar', 'belysning', 'otrygghet', 'platssamverkan'],
  ['våldsutsatta', 'skyddat boende', 'våldsutövare', 'kvinnofrid'],
  ['bostad först', 'akutboende', 'hemlösa', 'boendestöd'],
  ['förskollärare', 'läroplanen', 'barngrupper', 'undervisning'],
  ['lekplatser', 'spontanidrott', 'barnkonventionen', 'föreningar'],
  ['hemtjänst', 'vård- och omsorgsboenden', 'kontinuitet', 'biståndshandläggare'],
  ['tillgänglighet', 'funktionsnedsättning', 'ledsagning', 'färdtjänst'],
  ['skyfall', 'värmeböljor', 'dagvatten', 'översvämningar'],
  ['utsläpp', 'miljözoner', 'fossilfria drivmedel', 'trängselskatt'],
  ['cykelbanor', 'cykelparkering', 'framkomlighet', 'trafiksäkerhet'],
  ['busslinjer', 'tvärförbindelser', 'turtäthet', 'pendeltåg'],
  ['e-tjänster', 'digital delaktighet', 'automatisering', 'användarvänlighet'],
  ['dataskyddsförordningen', 'personuppgifter', 'behörigheter', 'incidenter'],
  ['studentbostäder', 'bostadskön', 'korridorsrum', 'hyresnivåer'],
  ['träbyggnad', 'livscykelanalys', 'klimatavtryck', 'brandskydd'],
  ['ekosystemtjänster', 'pollinatörer', 'spridningssamband', 'naturvård'],
  ['matsvinn', 'skolrestauranger', 'måltidspedagogik', 'livsmedel'],
  ['kränkningar', 'elevhälsan', 'trygghetsteam', 'likabehandlingsplan'],
  ['psykisk ohälsa', 'ungdomsmottagningar', 'suicidprevention', 'skolkuratorer'],
  ['föreningsbidrag', 'ideella organisationer', 'föreningslokaler', 'civilsamhället'],
  ['kulturskolan', 'avgifter', 'musikundervisning', 'deltagande'],
  ['arkivbildning', 'diarieföring', 'offentlighetsprincipen', 'gallring'],
  ['jämställdhetsintegrering', 'könsuppdelad statistik', 'lönekartläggning', 'jämställdhet'],
  ['diskriminering', 'rättighetsbaserat arbetssätt', 'likabehandling', 'hbtqi-personer'],
  ['sociala insatsgrupper', 'fältassistenter', 'avhopparverksamhet', 'riskbeteenden'],
  ['hedersnormer', 'tvångsäktenskap', 'våldsutsatta', 'skyddat boende'],
  ['människohandel', 'sexköp', 'exploatering', 'stödinsatser'],
  ['nyanlända', 'samhällsorientering', 'etableringen', 'språkstöd'],
  ['jobbtorg', 'försörjningsstöd', 'arbetsträning', 'matchning'],
  ['upphandling', 'avtalsuppföljning', 'leverantörer', 'sociala krav'],
  ['energieffektivisering', 'allmännyttan', 'renovering', 'solceller'],
  ['återbruk', 'avfallsplanen', 'matavfall', 'återvinningscentraler'],
  ['vattenkvalitet', 'miljökvalitetsnormer', 'övergödning', 'åtgärdsprogram'],
  ['buller', 'bullerskydd', 'ljudnivåer', 'byggtrafik'],
  ['laddplatser', 'parkeringsnormen', 'elbilar', 'boendeparkering'],
  ['markanvändning', 'ledningsrätt', 'markanvisningar', 'servitut'],
  ['nattlivet', 'krogar', 'ordningsvakter', 'alkoholservering'],
  ['krisberedskap', 'civilt försvar', 'kontinuitetsplanering', 'risk- och sårbarhetsanalyser'],
  ['medborgardialog', 'samråd', 'delaktighet', 'stadsplanering'],
  ['idrottsanläggningar', 'idrottshallar', 'konstgräsplaner', 'bokningsbara tider'],
  ['folkbibliotek', 'läsfrämjande', 'meröppna bibliotek', 'litteratur'],
  ['myndighetsutövning', 'utredningstider', 'rättssäkerhet', 'dokumentation'],
  ['LSS-boenden', 'gruppbostäder', 'personlig assistans', 'boende med särskild service'],
  ['beroendevård', 'missbruk', 'substitutionsbehandling', 'härbärgen'],
  ['anhörigstöd', 'anhöriga', 'avlösning', 'anhörigkonsulenter'],
  ['ofrivillig ensamhet', 'träffpunkter', 'mötesplatser', 'seniorer'],
  ['sommarjobb', 'feriejobb', 'arbetslivserfarenhet', 'handledare'],
  ['vuxenutbildningen', 'sfi', 'yrkesutbildning', 'studievägledning'],
  ['nationella minoriteter', 'förvaltningsområdet', 'finska', 'samråd'],
  ['tillsyn', 'miljöbalken', 'egenkontroll', 'förelägganden'],
];

/** Sentences about the remiss's topic: {topic} is its phrase, {term} and {term2} two of its key terms. */
const TOPIC_SENTENCES = [
  'Förvaltningen välkomnar att stadens arbete med {topic} får en tydligare inriktning.',
  'Förslaget berör flera av nämndens verksamheter, särskilt när det gäller {term}.',
  'Förvaltningen vill lyfta vikten av samverkan kring {term} mellan stadsdelsförvaltningarna och facknämnderna.',
  'Det är angeläget att insatserna för {topic} följs upp med tydliga indikatorer.',
  'Förvaltningen ser positivt på att {term} och {term2} ges ett större utrymme i förslaget.',
  'Enligt förvaltningens bedömning saknas en analys av hur {term} påverkar stadens budget.',
  'Förvaltningen anser att ansvarsfördelningen för {term} behöver förtydligas.',
  'Remissen gäller {topic} och har beretts av förvaltningens avdelning för stöd och service.',
  'Förvaltningen föreslår att arbetet med {term2} prioriteras under programperioden.',
  'Kunskapen om {term} behöver stärkas hos medarbetare som möter barn och unga.',
  'Förvaltningen bedömer att förslagen om {topic} kan genomföras inom befintlig budget.',
  'Det saknas i dag tillräckliga resurser för {term}, vilket förvaltningen vill uppmärksamma.',
  'Frågor om {term} bör enligt förvaltningen hanteras i nära dialog med brukarorganisationerna.',
  'Förvaltningen instämmer i att {topic} är ett område där staden behöver utvecklas.',
] as const;

/** Boilerplate of municipal statements: the words that appear everywhere. */
const GENERAL_SENTENCES = [
  'Förvaltningen har inga ytterligare synpunkter på förslaget.',
  'Ärendet har beretts i samverkan med berörda enheter inom förvaltningen.',
  'Förslaget bedöms inte få några negativa konsekvenser för jämställdheten.',
  'Uppföljningen bör ske årligen och redovisas för kommunfullmäktige.',
  'Förvaltningen bedömer att kostnaderna ryms inom nämndens budgetram för innevarande år.',
  'Handläggningen ska vara rättssäker och dokumenteras enligt gällande riktlinjer.',
  'Nämnden har under året fortsatt arbetet med att utveckla verksamheten.',
  'Förvaltningen tillstyrker förslaget med de synpunkter som framgår av detta tjänsteutlåtande.',
  'Förslaget ligger i linje med kommunfullmäktiges mål för en hållbar och jämlik stad.',
  'Förvaltningen ser behov av en tydligare tidsplan för genomförandet.',
  'Medarbetarnas kompetens är en förutsättning för att målen ska nås.',
  'Remissen har inkommit till förvaltningen och besvaras inom den angivna tiden.',
  'Förvaltningen delar i huvudsak remissens bedömningar.',
  'Ansvaret för genomförandet bör fördelas tydligt mellan nämnderna.',
  'Förslagets ekonomiska konsekvenser behöver belysas närmare.',
  'Förvaltningen vill betona vikten av en god dialog med stadens övriga aktörer.',
] as const;

/** Subject matter that comes up across topics, each sentence in about one section of a hundred. */
const CROSS_SENTENCES = [
  'Nämnden ansvarar för stöd i ordinärt boende och för särskilda boenden för äldre.',
  'Stadsdelsnämnden har ett särskilt ansvar för att boenden med särskild service håller god kvalitet.',
  'Barnets bästa ska beaktas i alla beslut som rör barn, i enlighet med barnkonventionen.',
  'Förvaltningen har inhämtat synpunkter från pensionärsrådet och rådet för funktionshinderfrågor.',
  'Samverkan med polisen, regionen och civilsamhället är avgörande för resultatet.',
  'Våldsutsatta personer som söker stöd ska mötas av kunnig personal oavsett var i staden de bor.',
  'Förvaltningen arbetar sedan flera år med att motverka våld i nära relationer genom utbildning av personalen.',
  'Förvaltningen ser ett behov av fler platser i stödboenden för unga vuxna.',
  'Förvaltningen vill understryka vikten av att invånarna i stadsdelen får information om förslaget.',
  'Äldre personer med hemtjänst behöver kontinuitet i insatserna.',
  'Skolorna i stadsdelen har en viktig roll i det förebyggande arbetet.',
  'Tillgängligheten i den fysiska miljön behöver förbättras för personer med funktionsnedsättning.',
  'Det ekonomiska biståndet är en viktig del av socialtjänstens stöd.',
  'Förvaltningen har goda erfarenheter av uppsökande arbete i samarbete med bostadsbolagen.',
  'Klimatpåverkan bör vägas in i alla investeringsbeslut.',
  'Digitala tjänster kan underlätta för invånarna men får inte ersätta personliga möten.',
  'Föreningslivet bidrar till trygghet och gemenskap i stadsdelen.',
  'Ungdomars fritid och tillgång till mötesplatser är en prioriterad fråga för nämnden.',
  'Arbetsmarknadsinsatser bör samordnas med vuxenutbildningen.',
  'Trafiksäkerheten kring skolor och förskolor behöver ses över.',
  'Parker och grönområden är viktiga för folkhälsan.',
  'Förvaltningen noterar att brottsförebyggande arbete kräver långsiktighet.',
  'Personalförsörjningen inom socialtjänsten är en utmaning för staden.',
  'Informationssäkerheten ska beaktas när nya system införs.',
  'Kulturlivet i ytterstaden behöver stärkas.',
  'Nyanlända familjer behöver samordnat stöd från flera förvaltningar.',
  'Hemlösa personer ska erbjudas stöd utifrån sina behov.',
  'Förvaltningen ser positivt på satsningar på idrott och rörelse för barn.',
  'Matsvinnet i stadens verksamheter har minskat de senaste åren.',
  'Bostadsbristen påverkar möjligheterna att rekrytera personal.',
] as const;

const OWN_HEADINGS = ['Ekonomiska konsekvenser', 'Konsekvenser för äldre', 'Tillgänglighet', 'Uppföljning', 'Samverkan', 'Övriga synpunkter'] as const;
/** Paragraphs per section key (own sections: the last entry). */
const PARAGRAPHS: Record<string, readonly [number, number]> = {
  'forslag-till-beslut': [1, 1],
  sammanfattning: [1, 1],
  bakgrund: [1, 2],
  'arendets-beredning': [1, 1],
  arendet: [2, 3],
  jamstalldhetsanalys: [1, 1],
  barnrattsperspektiv: [1, 1],
  'forvaltningens-synpunkter': [2, 3],
  own: [1, 2],
};

/**
 * Adds statements and sections to a database that holds the reference remisser
 * (generateReferenceData). Skips when it already holds at least 90 % of the target sections.
 */
export async function generateReferenceStatements(dataSource: DataSource, options: ReferenceStatementsOptions = {}): Promise<ReferenceStatementsSummary> {
  const started = Date.now();
  const target = options.sections ?? 1_200_000;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const counts = async () =>
    ((await runner.query('SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM statement_sections)::int AS sections')) as Array<{ statements: number; sections: number }>)[0];
  try {
    const before = await counts();
    if (before.sections >= target * 0.9) return { skipped: true, ...before, milliseconds: Date.now() - started };
    await runner.startTransaction();
    await runner.query('SET LOCAL max_parallel_workers_per_gather = 0');
    // One INSERT writes (and indexes) all sections: far beyond the app's 30 s statement timeout.
    await runner.query('SET LOCAL statement_timeout = 0');
    await runner.query('SELECT setseed($1)', [options.seed ?? 0.24]);
    await planStatements(runner);
    await insertStatements(runner, target);
    await insertSections(runner);
    await runner.commitTransaction();
    await runner.query('VACUUM ANALYZE statements, statement_sections');
    return { skipped: false, ...(await counts()), milliseconds: Date.now() - started };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** One row per response that has a draft or more and no statement yet, in answer order, with its topic. */
async function planStatements(runner: QueryRunner): Promise<void> {
  await runner.query(
    `CREATE TEMP TABLE ref_topics ON COMMIT DROP AS
     SELECT t.ix::int, t.topic, ($2::text[])[(t.ix - 1) * 4 + 1 : t.ix * 4] AS terms
       FROM unnest($1::text[]) WITH ORDINALITY AS t(topic, ix)`,
    [TOPICS, TOPIC_TERMS.flat()],
  );
  // A remiss's topic is the one its title names; detaljplaner (no topic in the title) get one by their id.
  await runner.query(`
    CREATE TEMP TABLE ref_ct ON COMMIT DROP AS
    SELECT c.id, coalesce((SELECT min(t.ix) FROM ref_topics t WHERE strpos(c.title, t.topic) > 0), 1 + abs(hashtext(c.id::text)) % ${TOPICS.length}) AS topic_ix
      FROM consultations c`);
  await runner.query(`
    CREATE TEMP TABLE ref_s ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY coalesce(p.answered_date, c.due_date), p.id)::int AS i, p.id AS response_id, p.status, p.answered_date,
           c.case_number, c.title, c.due_date, c.registered_date, ct.topic_ix, o.name AS organisation_name,
           coalesce((SELECT a.name FROM organisations a WHERE a.parent_id = o.id AND a.kind = 'administration' ORDER BY a.name LIMIT 1), o.name) AS administration,
           (SELECT lower(left(s.name, 1)) || substr(s.name, 2) FROM organisations s WHERE s.id = c.sender_id) AS sender,
           random() AS u_stance, random() AS u_sections, random() AS u_name, random() AS u_name2
      FROM responses p
      JOIN recipients r ON r.id = p.recipient_id
      JOIN consultations c ON c.id = r.consultation_id
      JOIN organisations o ON o.id = r.organisation_id
      JOIN ref_ct ct ON ct.id = c.id
     WHERE p.status IN ('drafting', 'in_review', 'approved', 'decided', 'submitted')
       AND NOT EXISTS (SELECT 1 FROM statements x WHERE x.response_id = p.id)
     ORDER BY 1`);
}

async function insertStatements(runner: QueryRunner, target: number): Promise<void> {
  const [{ n }] = (await runner.query('SELECT count(*)::int AS n FROM ref_s')) as Array<{ n: number }>;
  const [{ existing }] = (await runner.query('SELECT count(*)::int AS existing FROM statement_sections')) as Array<{ existing: number }>;
  // Eight catalogue sections each, plus 0 … 2·extra own ones: `target` sections in all, on average.
  const extra = Math.max(0, (target - existing) / Math.max(1, n) - 8);
  await runner.query(`ALTER TABLE ref_s ADD COLUMN sections int, ADD COLUMN statement_id uuid, ADD COLUMN stance text`);
  await runner.query(
    `UPDATE ref_s SET sections = 8 + floor(u_sections * (2 * $1::float8 + 1))::int,
                      statement_id = ${uuidFrom(`'remiss-ref-s-' || i`)},
                      stance = CASE WHEN status <> 'submitted' AND u_stance < 0.3 THEN NULL
                                    WHEN u_stance < 0.4 THEN 'tillstyrker' WHEN u_stance < 0.78 THEN 'tillstyrker_med_andringar'
                                    WHEN u_stance < 0.88 THEN 'avstyrker' ELSE 'inga_synpunkter' END`,
    [extra],
  );
  await runner.query(
    `INSERT INTO statements (id, response_id, header, signatories, enclosures, stance, version, header_version, created_at, updated_at)
     SELECT s.statement_id, s.response_id,
            jsonb_build_object(
              'administration', s.administration, 'department', NULL,
              'officer', jsonb_build_object('name', ${pick('$1::text[]', 's.u_name')} || ' ' || ${pick('$2::text[]', 's.u_name2')}, 'phone', '08-508 ' || (10000 + s.i % 90000), 'email', NULL),
              'to', s.organisation_name, 'date', coalesce(s.answered_date, s.due_date - 7)::text, 'ownCaseNumber', NULL,
              'remissCaseNumber', s.case_number, 'title', s.title, 'subtitle', 'Svar på remiss från ' || s.sender || ', Dnr ' || s.case_number),
            '[]', '[]', s.stance, 1, 1,
            ${stockholmTime('s.registered_date + 14', '10:00')}, ${stockholmTime('coalesce(s.answered_date, s.due_date - 7)', '16:00')}
       FROM ref_s s
      ORDER BY s.i`,
    [FIRST_NAMES, SURNAMES],
  );
}

/**
 * The sections: catalogue keys first, own ones after; paragraphs of one to three sentences, each
 * about the topic or general; some lists in "Förvaltningens synpunkter" and some footnotes.
 */
async function insertSections(runner: QueryRunner): Promise<void> {
  const keys = Object.keys(PARAGRAPHS).filter((key) => key !== 'own');
  // Half the sentences are about the topic, four in ten boilerplate, one in ten from the shared subject matter.
  const sentence = (u: string) =>
    `CASE WHEN ${u} < 0.5
          THEN replace(replace(replace(${pick('$1::text[]', 'random()')}, '{topic}', t.topic), '{term}', t.terms[1 + floor(random() * 4)::int]), '{term2}', t.terms[1 + floor(random() * 4)::int])
          WHEN ${u} < 0.9 THEN ${pick('$2::text[]', 'random()')}
          ELSE ${pick('$7::text[]', 'random()')} END`;
  await runner.query(
    `INSERT INTO statement_sections (id, statement_id, key, heading, position, body, stance, version, updated_by, updated_at)
     SELECT ${uuidFrom(`'remiss-ref-ss-' || s.i || '-' || k.k`)}, s.statement_id, k.key, k.heading, k.k * 10,
            CASE WHEN k.u_footnote < 0.05
                 THEN jsonb_insert(b.body, '{0,content,-1}', jsonb_build_object('footnote', 'Se även stadens uppföljning av ' || t.topic || '.'), true)
                 ELSE b.body END
              || CASE WHEN k.key = 'forvaltningens-synpunkter' AND k.u_list < 0.3 THEN jsonb_build_array(l.list) ELSE '[]'::jsonb END,
            CASE WHEN k.key = 'forvaltningens-synpunkter' AND k.u_list < 0.5 THEN s.stance END,
            1, NULL, ${stockholmTime('coalesce(s.answered_date, s.due_date - 7)', '16:00')}
       FROM ref_s s
       JOIN ref_topics t ON t.ix = s.topic_ix
      CROSS JOIN LATERAL (
        SELECT g.k, coalesce(($3::text[])[g.k], 'egen-' || (g.k - 8)) AS key,
               coalesce(tpl.heading, ($4::text[])[1 + (s.i + g.k) % cardinality($4::text[])]) AS heading,
               random() AS u_footnote, random() AS u_list
          FROM generate_series(1, s.sections) AS g(k)
          LEFT JOIN section_templates tpl ON tpl.key = ($3::text[])[g.k]
      ) k
      CROSS JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('text', para.text))) ORDER BY para.p) AS body
          FROM (SELECT p.p, string_agg(w.sentence, ' ' ORDER BY x.x) AS text
                  FROM generate_series(1, ($5::int[])[least(k.k, 9)] + floor(random() * (($6::int[])[least(k.k, 9)] - ($5::int[])[least(k.k, 9)] + 1))::int) AS p(p)
                 CROSS JOIN LATERAL (SELECT g.x, random() AS u FROM generate_series(1, 1 + floor(random() * 3)::int + 0 * p.p) AS g(x)) x
                 CROSS JOIN LATERAL (SELECT ${sentence('x.u')} AS sentence WHERE x.x > 0) w
                 GROUP BY p.p) para
      ) b
      CROSS JOIN LATERAL (
        SELECT jsonb_build_object('type', 'bullet_list', 'items', jsonb_agg(jsonb_build_object('content', jsonb_build_array(jsonb_build_object('text', w.sentence))) ORDER BY g.g)) AS list
          FROM (SELECT n.g, random() AS u FROM generate_series(1, 2 + floor(random() * 3)::int + 0 * k.k) AS n(g)) g
         CROSS JOIN LATERAL (SELECT ${sentence('g.u')} AS sentence WHERE g.g > 0) w
      ) l
      ORDER BY s.i, k.k`,
    [
      TOPIC_SENTENCES,
      GENERAL_SENTENCES,
      keys,
      OWN_HEADINGS,
      [...keys.map((key) => PARAGRAPHS[key][0]), PARAGRAPHS.own[0]],
      [...keys.map((key) => PARAGRAPHS[key][1]), PARAGRAPHS.own[1]],
      CROSS_SENTENCES,
    ],
  );
}
