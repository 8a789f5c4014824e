import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../authz/actor';
import { ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';
import { badRequest } from '../http/problem';
import type { ResponseStatus } from '../responses/response.entity';
import type { Stance } from '../statements/statement.entity';
import { cleanQueryText, SEARCH_CONFIG, SearchQueryError, tsqueryExpression } from './search-query';
import type { HitKind, SearchHit, SearchQuery } from './search.schemas';
import { searchVisibility, type Bind, type Visibility } from './search-visibility';
import { matchBound, parseTsquery, sectionStats, sectionWindow, type SectionWindow } from './search-window';
import { HEADLINE_OPTIONS, HEADLINE_STRIP, snippet } from './snippet';
import { pageTotal } from '../http/schemas';

/** Collects numbered parameters for one statement; an array bound twice (the readable remisser) is sent once. */
class Params {
  readonly values: unknown[] = [];
  private readonly arrays = new Map<unknown, string>();
  readonly bind: Bind = (value) => {
    const known = this.arrays.get(value);
    if (known) return known;
    const placeholder = `$${this.values.push(value)}`;
    if (Array.isArray(value)) this.arrays.set(value, placeholder);
    return placeholder;
  };

  /** A copy to add to: the same statement's parameters, bound again with more after them. */
  copy(): Params {
    const params = new Params();
    params.values.push(...this.values);
    for (const [value, placeholder] of this.arrays) params.arrays.set(value, placeholder);
    return params;
  }
}

interface Row {
  kind: HitKind;
  id: string;
  rank: number;
  date: string | null;
  total: number;
  consultation_id: string;
  case_number: string;
  consultation_title: string;
  consultation_status: string;
  response_id: string | null;
  response_status: ResponseStatus | null;
  organisation_id: string | null;
  organisation_name: string | null;
  statement_id: string | null;
  statement_title: string | null;
  statement_stance: Stance | null;
  section_key: string | null;
  section_heading: string | null;
  section_stance: Stance | null;
  headline: string;
}

const CONFIG = `'${SEARCH_CONFIG}'::regconfig`;
/** ts_rank_cd normalisation 1|32: long sections do not win by length alone; ranks fall in [0, 1). */
const RANK = (vector: string, query: string) => `ts_rank_cd(${vector}, ${query}, 33)`;
/** A statement's date: the day it was answered, or a draft's last save (Stockholm time). Sections have theirs in answer_date. */
const STATEMENT_DATE = `coalesce(s.answered_date, (s.updated_at AT TIME ZONE 'Europe/Stockholm')::date)`;
/**
 * A section's date as a row filter. Written as an expression so the planner does not hand it to
 * the GIN index (search_vector, answer_date): a bound there costs as many sections as lie beyond
 * it; only SectionWindow.indexedFrom, chosen to be worth it, goes to the index.
 */
const SECTION_DATE = '(ss.answer_date + 0)';

export interface SearchTuning {
  /** Up to about this many matching sections (the planner's estimate), every match is ranked and counted. */
  exactSections: number;
  /** Beyond that, about this many of the most recently saved matching sections are. */
  windowSections: number;
}

/**
 * Ranking reads the tsvector of every match: 2–3 µs a section with the table in memory, on top of
 * some 15 ms a search costs whatever it finds (visibility, planning, snippets), so about 5,000
 * matches fill the 50 ms budget of DESIGN §7 (bench:search) and a common word ("boende": 4 % of
 * 1.2 M sections) would take 150 ms. Broader searches therefore rank the most recent answers only,
 * like a search engine that counts exactly up to a limit: the answer says so (totalExact false,
 * sectionsFrom the first date searched), and filters or a narrower query reach further back.
 */
export const DEFAULT_TUNING: SearchTuning = { exactSections: 5_000, windowSections: 1_500 };

/**
 * GET /api/search. First PostgreSQL turns the text into a tsquery, so the main statement gets it
 * as a constant whose selectivity the planner can estimate; then, for broad searches, the window
 * of recent sections to rank; then one statement finds, ranks and counts the hits the caller may
 * read across remisser, statements and sections, and cuts snippets (ts_headline) for the page only.
 */
export async function search(dataSource: DataSource, actor: Actor, query: SearchQuery, tuning: SearchTuning = DEFAULT_TUNING) {
  const tsquery = await parseQuery(dataSource.manager, query.q);
  const empty = { items: [] as SearchHit[], total: 0, totalExact: true, sectionsFrom: null as string | null, limit: query.limit, offset: query.offset, query: tsquery };
  const kinds = applicableKinds(query);
  if (tsquery === '' || kinds.length === 0) return empty;

  const organisations = query.organisationId ? await organisationFamily(dataSource, query.organisationId) : null;
  // One remiss has a few hundred sections at most: rank them all.
  const window = kinds.includes('section') && !query.consultationId ? await rankWindow(dataSource, tsquery, query, organisations, tuning) : { since: null, indexedFrom: null };
  // The read rules and the hits from one snapshot: a remiss created between the two cannot slip
  // through a list of the remisser the caller may not read.
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const visibility = await searchVisibility(manager, actor);
    const hits = await findHits(manager, { tsquery, kinds, visibility, query, organisations, window });
    return { ...empty, ...hits, totalExact: window.since === null, sectionsFrom: window.since };
  });
}

/** One statement over remisser, statements and sections: a page of ranked hits with snippets, and the total. */
async function findHits(
  manager: EntityManager,
  { tsquery, kinds, visibility, query, organisations, window }: { tsquery: string; kinds: HitKind[]; visibility: Visibility; query: SearchQuery; organisations: string[] | null; window: SectionWindow },
): Promise<{ items: SearchHit[]; total: number }> {
  const params = new Params();
  const q = `${params.bind(tsquery)}::tsquery`;
  const branches = kinds.map((kind) => BRANCHES[kind]({ q, visibility, bind: params.bind, query, organisations, window }));
  const run = async (limit: number, offset: number): Promise<Row[]> => {
    const page = params.copy();
    return manager.query(
      `WITH hits AS (${branches.join(' UNION ALL ')}),
       page AS (
         SELECT h.*, count(*) OVER ()::int AS total FROM hits h
          ORDER BY h.rank DESC, h.at DESC, h.kind, h.id
          LIMIT ${page.bind(limit)} OFFSET ${page.bind(offset)}
       )
       SELECT page.kind, page.id, page.rank, page.total,
              CASE page.kind WHEN 'consultation' THEN c.registered_date WHEN 'statement' THEN ${STATEMENT_DATE} ELSE ss.answer_date END::text AS date,
              c.id AS consultation_id, c.case_number, c.title AS consultation_title, c.status AS consultation_status,
              s.response_id, s.response_status, o.id AS organisation_id, o.name AS organisation_name,
              s.id AS statement_id, s.header ->> 'title' AS statement_title, s.answer_stance AS statement_stance,
              ss.key AS section_key, ss.heading AS section_heading, ss.stance AS section_stance,
              ts_headline(${CONFIG},
                          translate(CASE page.kind
                                      WHEN 'section' THEN public.remiss_section_text(ss.body)
                                      WHEN 'statement' THEN concat_ws(E'\\n', s.header ->> 'title', s.header ->> 'subtitle')
                                      ELSE concat_ws(E'\\n', c.title, c.case_number, c.description) END,
                                    ${page.bind(HEADLINE_STRIP)}, ''),
                          ${q}, ${page.bind(HEADLINE_OPTIONS)}) AS headline
         FROM page
         LEFT JOIN statement_sections ss ON ss.id = page.section_id
         LEFT JOIN statements s ON s.id = page.statement_id
         LEFT JOIN organisations o ON o.id = s.organisation_id
         JOIN consultations c ON c.id = page.consultation_id
        ORDER BY page.rank DESC, page.at DESC, page.kind, page.id`,
      page.values,
    );
  };
  const rows = await run(query.limit, query.offset);
  const total = await pageTotal(rows, query.offset, async () => (await run(1, 0))[0]?.total ?? 0);
  return { items: rows.map(present), total };
}

/**
 * Which sections to rank (search-window.ts). What costs is every section the index hands over
 * (the other conditions are tested on the row), so the estimate is the text's share of sections
 * from the lexeme statistics, narrowed by the answering organisation when that filter (with its
 * own index) is given.
 */
async function rankWindow(dataSource: DataSource, tsquery: string, query: SearchQuery, organisations: string[] | null, tuning: SearchTuning): Promise<SectionWindow> {
  const stats = await sectionStats(dataSource);
  const tree = parseTsquery(tsquery);
  if (!stats || !tree) return { since: null, indexedFrom: null };
  let sections = stats.sections;
  if (organisations) {
    const [{ 'QUERY PLAN': plan }]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await dataSource.query(
      'EXPLAIN (FORMAT JSON) SELECT 1 FROM statement_sections ss WHERE ss.organisation_id = ANY($1::uuid[])',
      [organisations],
    );
    sections = plan[0].Plan['Plan Rows'];
  }
  const window = sectionWindow(stats, sections * matchBound(tree, stats), { exact: tuning.exactSections, window: tuning.windowSections }, query);
  // The organisation is in the text index too (migration SearchIndexes), and its few tens of
  // thousands of sections narrow the scan for less than a date bound, which collects every
  // section on its far side: the date is then tested on the row only.
  return organisations ? { ...window, indexedFrom: null } : window;
}

/** The nämnd answers, its förvaltning writes: either id finds the answers. */
async function organisationFamily(dataSource: DataSource, id: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query(ORGANISATION_FAMILY_SQL, [id]);
  return rows.map((row) => row.id);
}

/** The tsquery PostgreSQL makes of the text; '' when only stop words or punctuation remain. */
async function parseQuery(manager: EntityManager, raw: string): Promise<string> {
  const params = new Params();
  let expression: string;
  try {
    expression = tsqueryExpression(cleanQueryText(raw), (value) => params.bind(value));
  } catch (error) {
    if (error instanceof SearchQueryError) throw badRequest(error.message, [{ path: 'query.q', message: error.message }]);
    throw error;
  }
  const [row]: Array<{ query: string; tree: string }> = await manager.query(`SELECT q::text AS query, querytree(q) AS tree FROM (SELECT ${expression} AS q) x`, params.values);
  // querytree() is 'T' when no part of the query can use an index: only exclusions (-word).
  if (row.query !== '' && row.tree === 'T') {
    const message = 'needs at least one word to find; excluded words (-word) alone match nearly everything';
    throw badRequest(`The search ${message}.`, [{ path: 'query.q', message }]);
  }
  return row.query;
}

/** Filters that concern answers leave remisser out; a section key leaves only sections. */
function applicableKinds(query: SearchQuery): HitKind[] {
  const requested: HitKind[] = query.kind ?? ['consultation', 'statement', 'section'];
  const answersOnly = !!(query.organisationId || query.stance || query.status);
  return requested.filter((kind) => (kind === 'consultation' ? !answersOnly && !query.sectionKey : kind === 'statement' ? !query.sectionKey : true));
}

interface BranchInput {
  /** The tsquery parameter. */
  q: string;
  visibility: Visibility;
  bind: Bind;
  query: SearchQuery;
  /** The answering organisation and its nämnd or förvaltningar, when filtered by. */
  organisations: string[] | null;
  /** Which sections to rank (search-window.ts). */
  window: SectionWindow;
}

/** Filters on answers: every one a test on the statement's or section's own scope columns (migration Search). */
function answerFilters({ query, bind, organisations }: BranchInput, alias: 's' | 'ss'): string[] {
  const where: string[] = [];
  const date = alias === 'ss' ? SECTION_DATE : STATEMENT_DATE;
  if (query.consultationId) where.push(`${alias}.consultation_id = ${bind(query.consultationId)}::uuid`);
  if (organisations) where.push(`${alias}.organisation_id = ANY(${bind(organisations)}::uuid[])`);
  if (query.status) where.push(`${alias}.response_status = ANY(${bind(query.status)}::text[])`);
  if (query.stance) where.push(`${alias}.answer_stance = ANY(${bind(query.stance)}::text[])`);
  if (query.from) where.push(`${date} >= ${bind(query.from)}::date`);
  if (query.to) where.push(`${date} <= ${bind(query.to)}::date`);
  if (query.sectionKey) where.push(`ss.key = ${bind(query.sectionKey)}`);
  return where;
}

const and = (conditions: string[]) => conditions.map((condition) => ` AND ${condition}`).join('');

const BRANCHES: Record<HitKind, (input: BranchInput) => string> = {
  /**
   * Sections are where the volume is (DESIGN §7: 1.2 M). Sections and statements carry who may
   * read them and what the filters test (migration Search), so neither needs a join per match.
   */
  section(input) {
    const { q, visibility, bind, window } = input;
    const where = answerFilters(input, 'ss');
    if (window.since) where.push(`${SECTION_DATE} >= ${bind(window.since)}::date`);
    if (window.indexedFrom) where.push(`ss.answer_date >= ${bind(window.indexedFrom)}::date`);
    return `
      SELECT 'section' AS kind, ss.id, ${RANK('ss.search_vector', q)} AS rank, ss.answer_date::timestamptz AS at,
             ss.consultation_id, ss.statement_id, ss.id AS section_id
        FROM statement_sections ss
       WHERE ss.search_vector @@ ${q} AND ${visibility.scoped(bind, 'ss')}${and(where)}`;
  },
  statement(input) {
    const { q, visibility, bind } = input;
    return `
      SELECT 'statement' AS kind, s.id, ${RANK('s.search_vector', q)} AS rank, s.updated_at AS at,
             s.consultation_id, s.id AS statement_id, NULL::uuid AS section_id
        FROM statements s
       WHERE s.search_vector @@ ${q} AND ${visibility.scoped(bind, 's')}${and(answerFilters(input, 's'))}`;
  },
  consultation({ q, visibility, bind, query }) {
    const where: string[] = [];
    if (query.consultationId) where.push(`c.id = ${bind(query.consultationId)}::uuid`);
    if (query.from) where.push(`c.registered_date >= ${bind(query.from)}::date`);
    if (query.to) where.push(`c.registered_date <= ${bind(query.to)}::date`);
    return `
      SELECT 'consultation' AS kind, c.id, ${RANK('c.search_vector', q)} AS rank, c.registered_date::timestamptz AS at,
             c.id AS consultation_id, NULL::uuid AS statement_id, NULL::uuid AS section_id
        FROM consultations c
       WHERE c.search_vector @@ ${q} AND ${visibility.consultation(bind)}${and(where)}`;
  },
};

function present(row: Row): SearchHit {
  return {
    kind: row.kind,
    id: row.id,
    rank: Number(row.rank),
    date: row.date,
    consultation: { id: row.consultation_id, caseNumber: row.case_number, title: row.consultation_title, status: row.consultation_status },
    response: row.response_id ? { id: row.response_id, status: row.response_status!, organisation: { id: row.organisation_id!, name: row.organisation_name! } } : null,
    statement: row.statement_id ? { id: row.statement_id, title: row.statement_title ?? '', stance: row.statement_stance } : null,
    section: row.kind === 'section' ? { key: row.section_key!, heading: row.section_heading!, stance: row.section_stance } : null,
    snippet: snippet(row.headline ?? ''),
  };
}
