import { findCandidates, NON_WORD_LIMITS, REAL_WORD_LIMITS, type Candidate, type SearchLimits } from './candidates';
import { DocumentEvidence } from './evidence';
import type { ExtraWords } from './extra-words';
import type { HunspellLexicon } from './hunspell-lexicon';
import { lineBreakPairs, splitRepair } from './line-break-words';
import { casePattern, DIACRITIC, type CasePattern, type Token } from './tokens';

/**
 * The first pass of the repair: what each token is (skipped, a number "1", a known word, or a
 * non-word with its candidate spellings), words broken at line ends joined, and the words the
 * document is certain of, which later weigh as evidence.
 */

export type TokenRole =
  | { kind: 'skip' }
  | { kind: 'one' }
  | { kind: 'known'; compoundOnly: boolean; name: boolean }
  | { kind: 'nonword'; candidates: Candidate[] };

/** What the repair knows about one token, before deciding. */
export interface Analysed {
  token: Token;
  lower: string;
  pattern: CasePattern;
  role: TokenRole;
  /** Set on the first half of a word broken at a line end: the index of its second half. */
  joinedWith?: number;
}

export interface DecisionContext {
  text: string;
  tokens: Token[];
  analysed: Analysed[];
  lexicon: HunspellLexicon;
  extras: ExtraWords;
  evidence: DocumentEvidence;
  damaged: boolean;
  realWordCache: Map<string, string | null>;
}

export const LETTERS_ONLY = /^[\p{L}&[]+$/u;
/** OCR digits inside a word: "6kad", "0ka", "l1dmna". Other digits mean a code or a number. */
const LETTERS_WITH_OCR_DIGITS = /^[\p{L}&[]*[016][\p{L}&[016]*$/u;

/** Per-process cache of the dictionary search for a lower-case word; it does not depend on the document. */
const searchCache = new Map<string, Candidate[]>();
const SEARCH_CACHE_LIMIT = 100_000;

export function cachedSearch(lexicon: HunspellLexicon, word: string, limits: SearchLimits): Candidate[] {
  const key = `${limits === REAL_WORD_LIMITS ? 'r' : 'n'}:${word}`;
  let result = searchCache.get(key);
  if (!result) {
    if (searchCache.size >= SEARCH_CACHE_LIMIT) searchCache.clear();
    result = findCandidates(lexicon, word, limits);
    searchCache.set(key, result);
  }
  return result;
}

export function analyse(token: Token, lexicon: HunspellLexicon, extras: ExtraWords): Analysed {
  const lower = token.text.toLowerCase();
  const pattern = casePattern(token.text);
  const item = (role: TokenRole): Analysed => ({ token, lower, pattern, role });
  // Text not in NFC (a decomposed "ä") is not what the dictionary holds; the import normalises first.
  if (token.protected || token.text.normalize('NFC') !== token.text) return item({ kind: 'skip' });
  if (token.text === '1' || lower === 'i1') return item({ kind: 'one' });
  const letterCount = [...lower].filter((char) => /[\p{L}&]/u.test(char)).length;
  if (letterCount < 2) return item({ kind: 'skip' });
  if (!LETTERS_ONLY.test(lower) && !LETTERS_WITH_OCR_DIGITS.test(lower)) return item({ kind: 'skip' });
  // Short capitals are acronyms (ILS, ROKS, NCK); mixed case is a name or a code (McKinsey, iPad).
  if (pattern === 'mixed' || (pattern === 'upper' && letterCount < 6)) return item({ kind: 'skip' });
  if (extras.has(lower)) return item({ kind: 'known', compoundOnly: false, name: true });
  const kind = LETTERS_ONLY.test(lower) ? lexicon.kind(lower) : null;
  if (kind !== null) return item({ kind: 'known', compoundOnly: kind === 'compound', name: false });
  return item({ kind: 'nonword', candidates: nonWordCandidates(lexicon, extras, lower) });
}

export function nonWordCandidates(lexicon: HunspellLexicon, extras: ExtraWords, lower: string): Candidate[] {
  return mergeCandidates(cachedSearch(lexicon, lower, NON_WORD_LIMITS), findCandidates(extras, lower, NON_WORD_LIMITS)).filter(
    (candidate) => candidate.word !== lower,
  );
}

export function mergeCandidates(first: readonly Candidate[], second: readonly Candidate[]): Candidate[] {
  const byWord = new Map<string, Candidate>();
  for (const candidate of [...first, ...second]) {
    const previous = byWord.get(candidate.word);
    if (!previous || candidate.cost < previous.cost || (candidate.cost === previous.cost && !candidate.compound)) byWord.set(candidate.word, candidate);
  }
  return [...byWord.values()].sort((a, b) => a.cost - b.cost);
}

/**
 * A word broken by a hyphen at a line end is judged whole: known as joined ("För-"/"valtningen")
 * both halves are left alone; a non-word joined gets the joined word's candidates, held by the
 * first half (the second half is then skipped). Halves whose join has no repair stay separate
 * words ("kvinno-"/"och", "lämna-"/"program").
 */
export function joinLineBreaks(analysed: Analysed[], text: string, lexicon: HunspellLexicon, extras: ExtraWords): void {
  for (const [first, second] of lineBreakPairs(analysed.map((item) => item.token), text)) {
    const head = analysed[first];
    const tail = analysed[second];
    if (!isWordRole(head.role) || !isWordRole(tail.role) || head.joinedWith !== undefined || tail.pattern === 'upper') continue;
    const joined = head.lower + tail.lower;
    const joinedKnown = extras.has(joined) || (LETTERS_ONLY.test(joined) && lexicon.kind(joined) !== null);
    if (joinedKnown) {
      head.role = { kind: 'skip' };
      tail.role = { kind: 'skip' };
      continue;
    }
    const candidates = nonWordCandidates(lexicon, extras, joined).filter((candidate) => splitRepair(head.lower, tail.lower, candidate.word) !== null);
    if (candidates.length === 0) continue;
    analysed[first] = { ...head, lower: joined, role: { kind: 'nonword', candidates }, joinedWith: second };
    tail.role = { kind: 'skip' };
  }
}

export function isWordRole(role: TokenRole): boolean {
  return role.kind === 'known' || role.kind === 'nonword';
}

/** A non-word's repair is certain when its nearest rival costs this much more. */
const CERTAIN_MARGIN = 1.2;

/** Words the document is sure of: correct spellings with å/ä/ö, and non-words with one clear repair. */
export function certainWords(analysed: readonly Analysed[]): DocumentEvidence {
  const evidence = new DocumentEvidence();
  for (const item of analysed) {
    if (item.role.kind === 'known' && DIACRITIC.test(item.lower)) evidence.add(item.lower, item.lower);
    if (item.role.kind === 'nonword') {
      const [best, second] = item.role.candidates;
      if (best && (!second || second.cost >= best.cost + CERTAIN_MARGIN)) evidence.add(best.word, item.lower);
    }
  }
  return evidence;
}

/** Words the document spells with å/ä/ö that the dictionary lacks (names, new compounds): known here. */
export function documentDiacriticWords(tokens: readonly Token[], lexicon: HunspellLexicon): string[] {
  return tokens.filter((token) => DIACRITIC.test(token.text.toLowerCase()) && LETTERS_ONLY.test(token.text) && lexicon.kind(token.text.toLowerCase()) === null).map((token) => token.text);
}

export function wordsOf(texts: readonly string[] | undefined): string[] {
  return (texts ?? []).flatMap((text) => text.match(/\p{L}+/gu) ?? []);
}
