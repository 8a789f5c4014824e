import { applyRepairs } from './apply-repairs';
import { findCandidates, REAL_WORD_LIMITS, type Candidate, type SearchLimits, NON_WORD_LIMITS } from './candidates';
import { commonness, tailCommonness } from './common-words';
import { borMeansLives, manMeansMen, meansCounty, meansYear, oneIsWordI, type Neighbourhood } from './context-rules';
import { DocumentEvidence } from './evidence';
import { ExtraWords } from './extra-words';
import { swedishLexicon, type HunspellLexicon } from './hunspell-lexicon';
import { lineBreakPairs, splitRepair } from './line-break-words';
import { casePattern, lineIndex, tokenize, withCase, type CasePattern, type Token } from './tokens';

export interface Repair {
  id: number;
  from: string;
  to: string;
  /** Where `from` starts in the input text. */
  offset: number;
  /** 1-based line of `offset`. */
  line: number;
  /** The damaged form was itself a Swedish word ("for", "vald", "1"): changed on context, so worth a look. */
  realWord: boolean;
}

export interface RepairResult {
  text: string;
  repairs: Repair[];
  /** The document as a whole looks OCR-damaged (many non-words that repair to known words). */
  damaged: boolean;
}

export interface KnownWords {
  /** Organisation register names ("Hässelby-Vällingby stadsdelsnämnd"). */
  names?: readonly string[];
  /** The section catalogue's headings. */
  headings?: readonly string[];
}

/**
 * A document is OCR-damaged when at least this share of its words are non-words that a confusion
 * turns into known words (the damaged seeds show 15–25 %, clean documents well under 1 %), and
 * at least a handful of them, so that one stray non-word in a short text does not count.
 */
const DAMAGED_SHARE = 0.03;
const DAMAGED_MINIMUM = 4;

/** A real word is replaced only when its rival scores this much better (see realWordChoice). */
const REAL_WORD_MARGIN = 1;

/** Per-process cache of the dictionary search for a lower-case word; it does not depend on the document. */
const searchCache = new Map<string, Candidate[]>();
const SEARCH_CACHE_LIMIT = 100_000;

function cachedSearch(lexicon: HunspellLexicon, word: string, limits: SearchLimits): Candidate[] {
  const key = `${limits === REAL_WORD_LIMITS ? 'r' : 'n'}:${word}`;
  let result = searchCache.get(key);
  if (!result) {
    if (searchCache.size >= SEARCH_CACHE_LIMIT) searchCache.clear();
    result = findCandidates(lexicon, word, limits);
    searchCache.set(key, result);
  }
  return result;
}

type TokenRole =
  | { kind: 'skip' }
  | { kind: 'one' }
  | { kind: 'known'; compoundOnly: boolean; name: boolean }
  | { kind: 'nonword'; candidates: Candidate[] };

/** What the repair knows about one token, before deciding. */
interface Analysed {
  token: Token;
  lower: string;
  pattern: CasePattern;
  role: TokenRole;
  /** Set on the first half of a word broken at a line end: the index of its second half. */
  joinedWith?: number;
}

const LETTERS_ONLY = /^[\p{L}&[]+$/u;
/** OCR digits inside a word: "6kad", "0ka", "l1dmna". Other digits mean a code or a number. */
const LETTERS_WITH_OCR_DIGITS = /^[\p{L}&[]*[016][\p{L}&[016]*$/u;
const DIACRITIC = /[åäö]/u;

export function repairOcrText(text: string, known: KnownWords = {}): RepairResult {
  const lexicon = swedishLexicon();
  // The per-word caches grow with every document a long-running service repairs: bounded here.
  lexicon.trimCaches();
  const tokens = tokenize(text);
  const extras = new ExtraWords([...wordsOf(known.names), ...wordsOf(known.headings), ...documentDiacriticWords(tokens, lexicon)]);

  const analysed = tokens.map((token) => analyse(token, lexicon, extras));
  joinLineBreaks(analysed, text, lexicon, extras);
  const evidence = certainWords(analysed);
  // The register's names and the catalogue's headings are spelled right by definition.
  for (const word of [...wordsOf(known.names), ...wordsOf(known.headings)]) {
    const lower = word.toLowerCase();
    if (DIACRITIC.test(lower)) evidence.add(lower, KNOWN_SOURCE);
  }
  const wordCount = analysed.filter((item) => item.role.kind === 'known' || item.role.kind === 'nonword').length;
  const nonWordsWithRepair = analysed.filter((item) => item.role.kind === 'nonword' && item.role.candidates.length > 0).length;
  const damaged = nonWordsWithRepair >= DAMAGED_MINIMUM && nonWordsWithRepair / Math.max(wordCount, 1) >= DAMAGED_SHARE;

  const context: DecisionContext = { text, tokens, analysed, lexicon, extras, evidence, damaged, realWordCache: new Map() };
  const changes: Array<{ token: Token; to: string; realWord: boolean }> = [];
  for (const item of analysed) {
    if (item.joinedWith !== undefined) {
      changes.push(...decideJoined(item, analysed[item.joinedWith], context));
      continue;
    }
    const decision = decide(item, context);
    if (decision !== null) changes.push({ token: item.token, to: withCase(decision.word, item.pattern), realWord: decision.realWord });
  }
  const lineOf = lineIndex(text);
  const repairs = changes
    .filter((change) => change.to !== change.token.text)
    .map((change, index): Repair => ({
      id: index + 1,
      from: change.token.text,
      to: change.to,
      offset: change.token.offset,
      line: lineOf(change.token.offset),
      realWord: change.realWord,
    }));
  return { text: applyRepairs(text, repairs, new Set()), repairs, damaged };
}

/**
 * A word broken by a hyphen at a line end is judged whole: known as joined ("För-"/"valtningen")
 * both halves are left alone; a non-word joined gets the joined word's candidates, held by the
 * first half (the second half is then skipped). Halves whose join has no repair stay separate
 * words ("kvinno-"/"och", "lämna-"/"program").
 */
function joinLineBreaks(analysed: Analysed[], text: string, lexicon: HunspellLexicon, extras: ExtraWords): void {
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

function isWordRole(role: TokenRole): boolean {
  return role.kind === 'known' || role.kind === 'nonword';
}

/** The joined word's repair, cut back into its two halves: one change per half that changed. */
function decideJoined(head: Analysed, tail: Analysed, context: DecisionContext): Array<{ token: Token; to: string; realWord: boolean }> {
  if (head.role.kind !== 'nonword') return [];
  const choice = nonWordChoice(head, head.role.candidates, context);
  if (choice === null) return [];
  const halves = splitRepair(head.token.text.toLowerCase(), tail.token.text.toLowerCase(), choice.word);
  if (halves === null) return [];
  return [
    { token: head.token, to: withCase(halves[0], head.pattern), realWord: false },
    { token: tail.token, to: withCase(halves[1], tail.pattern), realWord: false },
  ];
}

interface DecisionContext {
  text: string;
  tokens: Token[];
  analysed: Analysed[];
  lexicon: HunspellLexicon;
  extras: ExtraWords;
  evidence: DocumentEvidence;
  damaged: boolean;
  realWordCache: Map<string, string | null>;
}

function analyse(token: Token, lexicon: HunspellLexicon, extras: ExtraWords): Analysed {
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

/** The dearest repair of a non-word in a document that is not OCR-damaged as a whole. */
const CLEAN_DOCUMENT_MAX_COST = 2;

/** The evidence source of the caller's known words (no token text looks like this). */
const KNOWN_SOURCE = '\u0000known';

/** A non-word's repair is certain when its nearest rival costs this much more. */
const CERTAIN_MARGIN = 1.2;

function nonWordCandidates(lexicon: HunspellLexicon, extras: ExtraWords, lower: string): Candidate[] {
  return mergeCandidates(cachedSearch(lexicon, lower, NON_WORD_LIMITS), findCandidates(extras, lower, NON_WORD_LIMITS)).filter(
    (candidate) => candidate.word !== lower,
  );
}

/** Words the document is sure of: correct spellings with å/ä/ö, and non-words with one clear repair. */
function certainWords(analysed: readonly Analysed[]): DocumentEvidence {
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

function decide(item: Analysed, context: DecisionContext): { word: string; realWord: boolean } | null {
  const { role } = item;
  if (role.kind === 'skip') return null;
  if (role.kind === 'one') {
    if (!context.damaged) return null;
    if (item.lower === 'i1') return { word: 'i', realWord: false };
    return oneIsWordI(neighbourhood(item.token, context)) ? { word: 'i', realWord: true } : null;
  }
  if (role.kind === 'nonword') return nonWordChoice(item, role.candidates, context);
  if (!context.damaged || role.name) return null;
  // A capitalised word inside a sentence that the dictionary has as a name ("Lina") is that name.
  if (item.pattern === 'capitalized' && !sentenceStart(item.token, context.text) && context.lexicon.isName(item.token.text)) return null;
  const word = realWordChoice(item, role.compoundOnly, context);
  return word === null ? null : { word, realWord: true };
}

/** Score of a spelling: its cost against how common it is and what the document shows. */
function nonWordScore(candidate: Candidate, evidence: DocumentEvidence, source: string): number {
  const common = commonness(candidate.word);
  // A very common word ("är", "för") is written everywhere: its frequency already says it all,
  // and counting it again as document evidence would let it take over its rarer rivals ("där").
  const documentEvidence = common >= 3 ? 0 : evidence.score(candidate.word, source);
  return -candidate.cost + 0.7 * common + documentEvidence - (candidate.compound ? 0.3 : 0);
}

function nonWordChoice(item: Analysed, candidates: readonly Candidate[], context: DecisionContext): { word: string; realWord: boolean } | null {
  if (candidates.length === 0) return null;
  // In a clean document a capitalised word inside a sentence is most likely a name the
  // dictionary lacks ("Ostberg"): repaired only if the document writes the repair elsewhere.
  const nameLike = !context.damaged && item.pattern !== 'lower' && !sentenceStart(item.token, context.text);
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    if (nameLike && !context.evidence.writes(candidate.word, item.lower)) continue;
    // Outside a damaged document only a near miss is repaired: a rarer confusion there is more
    // likely a typo or a foreign word than OCR damage ("til" is not "tål").
    if (!context.damaged && candidate.cost > CLEAN_DOCUMENT_MAX_COST) continue;
    const score = nonWordScore(candidate, context.evidence, item.lower);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (!best) return null;
  const word = contextualVariant(item, best.word, candidates, context);
  return { word, realWord: false };
}

/** "&r"/"dr" may be "är" or "år": the neighbours decide between the two. */
function contextualVariant(item: Analysed, chosen: string, candidates: readonly Candidate[], context: DecisionContext): string {
  if (chosen.startsWith('lån') && candidates.some((candidate) => candidate.word === `län${chosen.slice(3)}`)) {
    const previous = context.tokens[item.token.index - 1];
    if (previous && meansCounty(neighbourhood(item.token, context), /^\p{Lu}/u.test(previous.text))) return `län${chosen.slice(3)}`;
  }
  if ((chosen === 'är' || chosen === 'år') && candidates.some((candidate) => candidate.word === 'år') && candidates.some((candidate) => candidate.word === 'är')) {
    return meansYear(neighbourhood(item.token, context)) ? 'år' : 'är';
  }
  return chosen;
}

/**
 * A word that is a word ("for", "vald", "stod") in an OCR-damaged document: replaced by a spelling
 * with å/ä/ö when that spelling is clearly more likely, from how common each is, what the
 * document writes elsewhere, and the neighbours for the few words where they decide.
 */
function realWordChoice(item: Analysed, compoundOnly: boolean, context: DecisionContext): string | null {
  if (!/[aoedié&]/u.test(item.lower)) return null;
  const around = neighbourhood(item.token, context);
  // "dr." is the title (doctor), not damage.
  if (item.lower === 'dr' && around.gapAfter.startsWith('.')) return null;
  if (item.lower === 'ar' || item.lower === 'dr') return meansYear(around) ? 'år' : 'är';
  if (item.lower === 'bor' && borMeansLives(around)) return null;
  if (item.lower === 'man') return manMeansMen(around) ? 'män' : null;
  const cached = context.realWordCache.get(item.lower);
  if (cached !== undefined) return cached;
  const candidates = mergeCandidates(cachedSearch(context.lexicon, item.lower, REAL_WORD_LIMITS), findCandidates(context.extras, item.lower, REAL_WORD_LIMITS)).filter(
    (candidate) => candidate.word !== item.lower && DIACRITIC.test(candidate.word),
  );
  // The bands are rough log-frequencies: a very common word ("har", "sitt", "stora") is never
  // replaced on frequency alone, however well its rival is attested ("här", "sätt", "störa").
  const band = commonness(item.lower);
  if (band >= 3) {
    context.realWordCache.set(item.lower, null);
    return null;
  }
  const keepScore = 2 * band - (compoundOnly ? 1.5 : 0);
  let best: string | null = null;
  let bestScore = keepScore + REAL_WORD_MARGIN;
  for (const candidate of candidates) {
    // Between words equally common, only the document writing the other spelling is reason enough.
    // A compound the dictionary only accepts by splitting ("fort|ryck") is weak evidence of itself.
    // (but trading it for another such compound needs the document to write that one).
    const attested = context.evidence.writes(candidate.word, item.lower);
    if (!compoundOnly && commonness(candidate.word) <= band && !attested) continue;
    if (compoundOnly && candidate.compound && !attested && tailCommonness(candidate.word) <= tailCommonness(item.lower) && !betterAttested(candidate.word, item.lower, context.evidence)) continue;
    const score = 2 * commonness(candidate.word) + context.evidence.score(candidate.word, item.lower) - candidate.cost - (candidate.compound ? 0.5 : 0);
    if (score >= bestScore) {
      best = candidate.word;
      bestScore = score;
    }
  }
  context.realWordCache.set(item.lower, best);
  return best;
}

/** Three letters more of attested context (see DocumentEvidence.supportAt) before a compound is traded. */
const ATTESTED_MARGIN = 0.5;

/** Whether the document backs `candidate` clearly more than `written` where the two first differ. */
function betterAttested(candidate: string, written: string, evidence: DocumentEvidence): boolean {
  let position = 0;
  while (position < written.length && candidate[position] === written[position]) position++;
  return evidence.supportAt(candidate, position, written) >= evidence.supportAt(written, position, written) + ATTESTED_MARGIN;
}

function neighbourhood(token: Token, context: DecisionContext): Neighbourhood {
  const { tokens, text } = context;
  const at = (index: number): string | undefined => tokens[index]?.text.toLowerCase();
  const previous = tokens[token.index - 1];
  const next = tokens[token.index + 1];
  return {
    previous: at(token.index - 1),
    beforePrevious: at(token.index - 2),
    next: at(token.index + 1),
    afterNext: at(token.index + 2),
    gapBefore: text.slice(previous ? previous.offset + previous.text.length : 0, token.offset),
    gapAfter: text.slice(token.offset + token.text.length, next ? next.offset : text.length),
  };
}

/** At the start of the text, a line, or a sentence. */
function sentenceStart(token: Token, text: string): boolean {
  const before = text.slice(Math.max(0, token.offset - 4), token.offset);
  return token.offset === 0 || /(?:^|[.!?:]\s+|\n\s*)$/u.test(before);
}

function mergeCandidates(first: readonly Candidate[], second: readonly Candidate[]): Candidate[] {
  const byWord = new Map<string, Candidate>();
  for (const candidate of [...first, ...second]) {
    const previous = byWord.get(candidate.word);
    if (!previous || candidate.cost < previous.cost || (candidate.cost === previous.cost && !candidate.compound)) byWord.set(candidate.word, candidate);
  }
  return [...byWord.values()].sort((a, b) => a.cost - b.cost);
}

function wordsOf(texts: readonly string[] | undefined): string[] {
  return (texts ?? []).flatMap((text) => text.match(/\p{L}+/gu) ?? []);
}

/** Words the document spells with å/ä/ö that the dictionary lacks (names, new compounds): known here. */
function documentDiacriticWords(tokens: readonly Token[], lexicon: HunspellLexicon): string[] {
  return tokens.filter((token) => DIACRITIC.test(token.text.toLowerCase()) && LETTERS_ONLY.test(token.text) && lexicon.kind(token.text.toLowerCase()) === null).map((token) => token.text);
}

