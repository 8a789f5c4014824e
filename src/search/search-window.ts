import type { DataSource } from 'typeorm';

/**
 * How broad a search is, before running it: an upper bound on the share of sections its tsquery
 * matches, from ANALYZE's statistics of statement_sections.search_vector (the most common lexemes
 * and their frequencies). The planner's own estimate multiplies the frequencies of words that
 * must all occur, which for a phrase ("våld i nära relationer", words that come together) is off
 * by a factor of a hundred; a bound takes the rarest instead.
 */
export interface SectionStats {
  /** Lexeme → share of sections that contain it, for the most common lexemes. */
  frequencies: Map<string, number>;
  /** Every other lexeme occurs in at most this share. */
  otherFrequency: number;
  /** updated_at at 1 % steps, oldest first. */
  saveTimes: string[];
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

/** ANALYZE's statistics of statement_sections, cached for five minutes; null before the first ANALYZE. */
export async function sectionStats(dataSource: DataSource): Promise<SectionStats | null> {
  const cached = cache.get(dataSource);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const rows: Array<{ attname: string; elems: string[] | null; freqs: number[] | null; bounds: string[] | null }> = await dataSource.query(
    `SELECT attname, most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs, histogram_bounds::text::text[] AS bounds
       FROM pg_stats WHERE schemaname = 'public' AND tablename = 'statement_sections' AND attname IN ('search_vector', 'updated_at')`,
  );
  const vector = rows.find((row) => row.attname === 'search_vector');
  const saveTimes = rows.find((row) => row.attname === 'updated_at')?.bounds ?? [];
  let stats: SectionStats | null = null;
  if (vector?.elems && vector.freqs && saveTimes.length >= 2) {
    const { elems, freqs } = vector;
    // After the frequencies of the listed lexemes come the lowest and the highest of them.
    stats = { frequencies: new Map(elems.map((lexeme, i) => [lexeme, freqs[i]])), otherFrequency: freqs[elems.length] ?? 0, saveTimes };
  }
  // Before the first ANALYZE there is nothing to keep: ask again next time.
  if (stats) cache.set(dataSource, { at: Date.now(), stats });
  return stats;
}

/**
 * The save time from which on about `window` of `estimate` matching sections lie, assuming they
 * spread over time like all sections do; null when there is no need (or no way) to narrow.
 */
export function windowStart(stats: SectionStats, estimate: number, limits: { exact: number; window: number }): string | null {
  if (estimate <= limits.exact) return null;
  const times = stats.saveTimes;
  return times[Math.floor((1 - Math.min(1, limits.window / estimate)) * (times.length - 1))];
}
