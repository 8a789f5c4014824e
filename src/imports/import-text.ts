import { SWEDISH_MONTHS } from '../shared/dates';

/**
 * Small text helpers for reading a tjänsteutlåtande: folding for comparisons that survive OCR's
 * lost accents, dates, case numbers, and joining the lines a PDF broke.
 */

/** Lowercase without diacritics, spaces collapsed: "Förvaltningens  synpunkter" → "forvaltningens synpunkter". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}


/** "2020-11-19" or "19 november 2020" (accents and case ignored); the source may break it across a line. */
export const DATE_PATTERN = new RegExp(`\\b(\\d{4})-(\\d{2})-(\\d{2})\\b|\\b(\\d{1,2})\\s+(${SWEDISH_MONTHS.join('|')})\\s+(\\d{4})\\b`, 'giu');

/** The ISO form of a DATE_PATTERN match, or null for an impossible date. */
export function isoFromMatch(match: RegExpMatchArray): string | null {
  const [year, month, day] = match[1]
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number(match[6]), SWEDISH_MONTHS.indexOf(fold(match[5])) + 1, Number(match[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date alone on a line (perhaps after "Datum:"), as its ISO form. */
export function dateOnLine(line: string): string | null {
  const match = /^(?:datum:?\s*)?(.+?)\.?$/i.exec(line.trim());
  if (!match) return null;
  const date = [...match[1].matchAll(DATE_PATTERN)][0];
  return date && date[0] === match[1] ? isoFromMatch(date) : null;
}

/**
 * Case numbers as Stockholms stad writes them: "KS 2020/924", "SDN 2020/123", "SÖD 2020/1234-1.2",
 * "3.1.1-723/2019".
 */
export const CASE_NUMBER = /\b(?:[A-ZÅÄÖ]{2,6}[ -])?\d{4}\/\d{1,6}(?:-\d+(?:\.\d+)*)?|\b\d+(?:\.\d+)+-\d+\/\d{4}\b/u;

// After the stop may come quotes, a bracket, or a footnote reference the OCR could not read ("*", "’").
const SENTENCE_END = /[.!?:;]["”’')*]*$/;

export function endsSentence(text: string): boolean {
  // A footnote placed at the end (see footnotes.ts) does not hide where the sentence ends.
  // eslint-disable-next-line no-control-regex
  return SENTENCE_END.test(text.replace(/\u0001\d+\u0002/g, '').trim());
}

export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text.trim());
}

/** Words after a line-end hyphen that show the hyphen is meant: "kvinno- och tjejjour". */
const HYPHEN_CONJUNCTIONS = new Set(['och', 'eller', 'samt', 'respektive', 'som', 'till']);

/**
 * Join the lines of one paragraph. A hyphen at a line's end is a break inside a word
 * ("förvalt-" + "ningen") unless the document writes the hyphenated word elsewhere on one line
 * ("lämna-program"), the next line starts a capital ("Hässelby-" + "Vällingby"), a web address
 * is broken, or a conjunction follows ("kvinno-" + "och"). Only the two lines at each break are
 * looked at, so a paragraph of any length is joined in one pass.
 */
export function joinAll(lines: readonly string[], vocabulary: ReadonlySet<string>): string {
  const parts: string[] = [];
  let previous = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!previous) parts.push(line);
    else {
      const joint = jointBetween(previous, line, vocabulary);
      if (joint === 'drop-hyphen') parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      parts.push(joint === 'space' ? ` ${line}` : line);
    }
    previous = line;
  }
  return parts.join('');
}

function jointBetween(left: string, right: string, vocabulary: ReadonlySet<string>): 'space' | 'none' | 'drop-hyphen' {
  // The last word is all that matters; a long line is not searched from its start.
  const hyphen = /(\S*\p{L})-$/u.exec(left.slice(-200));
  if (!hyphen) return 'space';
  const firstWord = /^[\p{L}\d]+/u.exec(right)?.[0] ?? '';
  if (HYPHEN_CONJUNCTIONS.has(firstWord.toLowerCase())) return 'space';
  if (/^(?:https?:\/\/|www\.)/i.test(hyphen[1]) || !/^\p{Ll}/u.test(right)) return 'none';
  const stem = /[\p{L}]+$/u.exec(hyphen[1])?.[0] ?? '';
  const hyphenated = `${stem}-${firstWord}`.toLowerCase();
  const joined = `${stem}${firstWord}`.toLowerCase();
  return vocabulary.has(hyphenated) && !vocabulary.has(joined) ? 'none' : 'drop-hyphen';
}

/** The words of the text, lowercase, hyphenated ones whole: what joinLines asks about. */
export function vocabularyOf(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const word of line.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(word);
  return words;
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
