import type { DataSource } from 'typeorm';

/**
 * How broad a search is, before running it: an upper bound on the share of sections its tsquery
 * matches, from ANALYZE's statistics of statement_sections.search_vector (the most common lexemes
 * and their frequencies), and so which sections to rank: all, or only the most recent answers. The planner's own estimate multiplies the frequencies of words that
 * must all occur, which for a phrase ("våld i nära relationer", words that come together) is off
 * by a factor of a hundred; a bound takes the rarest instead.
 */
export interface SectionStats {
  /** Lexeme → share of sections that contain it, for the most common lexemes. */
  frequencies: Map<string, number>;
  /** Every other lexeme occurs in at most this share. */
  otherFrequency: number;
  /** Section dates (answer_date) at 1 % steps, oldest first, as YYYY-MM-DD (from a sample). */
  dates: string[];
  /** How many sections there are (pg_class.reltuples). */
  sections: number;
}

type Node = { lexeme: string; prefix: boolean } | { op: '&' | '|'; left: Node; right: Node } | { op: '!'; arg: Node };

/** Parses tsquery output (as tsquery::text prints it): 'lexeme':*AB, !, <->, <N>, &, |, parentheses. */
export function parseTsquery(text: string): Node | null {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const orExpr = (): Node => {
    let left = andExpr();
    for (skip(); text[i] === '|'; skip()) {
      i++;
      left = { op: '|', left, right: andExpr() };
    }
    return left;
  };
  // A phrase matches no more than all of its words do, so <-> and <N> bound like &.
  const andExpr = (): Node => {
    let left = unary();
    for (skip(); text[i] === '&' || text[i] === '<'; skip()) {
      i = text[i] === '&' ? i + 1 : text.indexOf('>', i) + 1;
      left = { op: '&', left, right: unary() };
    }
    return left;
  };
  const unary = (): Node => {
    skip();
    if (text[i] === '!') {
      i++;
      return { op: '!', arg: unary() };
    }
    if (text[i] === '(') {
      i++;
      const inner = orExpr();
      skip();
      i++; // ')'
      return inner;
    }
    if (text[i] !== "'") throw new Error(`unexpected ${text[i]} at ${i} in tsquery ${text}`);
    let lexeme = '';
    for (i++; i < text.length; i++) {
      if (text[i] === "'" && text[i + 1] === "'") lexeme += text[i++];
      else if (text[i] === "'") break;
      else lexeme += text[i];
    }
    i++;
    let prefix = false;
    if (text[i] === ':') for (i++; /[*A-D]/.test(text[i] ?? ''); i++) prefix ||= text[i] === '*';
    return { lexeme, prefix };
  };
  if (text.trim() === '') return null;
  return orExpr();
}

/** The most sections (as a share) the query can match: rarest word of an AND, sum of an OR; NOT restricts nothing. */
export function matchBound(node: Node, stats: SectionStats): number {
  if ('lexeme' in node) {
    if (!node.prefix) return stats.frequencies.get(node.lexeme) ?? stats.otherFrequency;
    let sum = stats.otherFrequency;
    for (const [lexeme, frequency] of stats.frequencies) if (lexeme.startsWith(node.lexeme)) sum += frequency;
    return Math.min(1, sum);
  }
  if (node.op === '!') return 1;
  const left = matchBound(node.left, stats);
  const right = matchBound(node.right, stats);
  return node.op === '&' ? Math.min(left, right) : Math.min(1, left + right);
}

const cache = new WeakMap<DataSource, { at: number; stats: SectionStats }>();
const STATS_TTL_MS = 5 * 60_000;

/**
 * The lexeme statistics of statement_sections (from ANALYZE) and the quantiles of its dates (from
 * a sample of some 20,000 rows, the same pages each time so that
 * the same data gives the same window), cached for five minutes; null before the first ANALYZE.
 */
export async function sectionStats(dataSource: DataSource): Promise<SectionStats | null> {
  const cached = cache.get(dataSource);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const [vector]: Array<{ elems: string[] | null; freqs: number[] | null; sections: number }> = await dataSource.query(
    `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples AS sections
       FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = 'public' AND s.tablename = c.relname AND s.attname = 'search_vector'
      WHERE c.oid = 'public.statement_sections'::regclass`,
  );
  if (!vector?.elems || !vector.freqs || !(vector.sections > 0)) return null;
  const [{ dates }]: Array<{ dates: string[] | null }> = await dataSource.query(
    `SELECT (percentile_disc((SELECT array_agg(g / 100.0) FROM generate_series(0, 100) g)) WITHIN GROUP (ORDER BY answer_date))::text[] AS dates
       FROM statement_sections TABLESAMPLE SYSTEM ($1) REPEATABLE (0)`,
    [Math.min(100, (100 * 20_000) / vector.sections)],
  );
  const { elems, freqs } = vector;
  // After the frequencies of the listed lexemes come the lowest and the highest of them.
  const stats = { frequencies: new Map(elems.map((lexeme, i) => [lexeme, freqs[i]])), otherFrequency: freqs[elems.length] ?? 0, dates: dates ?? [], sections: Number(vector.sections) };
  cache.set(dataSource, { at: Date.now(), stats });
  return stats;
}

export interface SectionWindow {
  /** Rank only sections dated from this day on (YYYY-MM-DD): the search was too broad. */
  since: string | null;
  /**
   * A lower bound on the date for the index itself: the window's start or `from`, when few enough
   * sections are dated after it. The GIN index (search_vector, answer_date) matches a date bound
   * by collecting every section on the far side of it, so a bound far back costs more than it saves.
   */
  indexedFrom: string | null;
}

/** A date bound is worth giving the index when at most this share of sections lies beyond it. */
const INDEXED_MAX_SHARE = 0.3;

/**
 * Which sections to rank, from an estimate of the sections the index hands over for the text
 * (and organisation) over all time, `matches`, assuming they spread over time as all sections do:
 * all in [from, to] when there are at most `exact` of them there, else the most recent part of
 * the range that holds about `window`.
 */
export function sectionWindow(stats: SectionStats, matches: number, limits: { exact: number; window: number }, range: { from?: string; to?: string }): SectionWindow {
  const dates = stats.dates;
  const last = dates.length - 1;
  const lo = range.from ? dates.findIndex((date) => date >= range.from!) : 0;
  const hi = range.to ? dates.findLastIndex((date) => date <= range.to!) : last;
  if (lo < 0 || hi <= lo) return { since: null, indexedFrom: null };
  const inRange = (matches * (hi - lo)) / last;
  const at = inRange > limits.exact ? Math.round(hi - (limits.window / inRange) * (hi - lo)) : lo;
  const since = inRange > limits.exact ? dates[at] : null;
  const bound = since ?? range.from ?? null;
  return { since, indexedFrom: bound && (last - at) / last <= INDEXED_MAX_SHARE ? bound : null };
}
