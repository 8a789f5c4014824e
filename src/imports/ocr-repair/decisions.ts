import { findCandidates, REAL_WORD_LIMITS, type Candidate } from './candidates';
import { commonness, tailCommonness } from './common-words';
import { borMeansLives, manMeansMen, meansCounty, meansYear, oneIsWordI, type Neighbourhood } from './context-rules';
import type { DocumentEvidence } from './evidence';
import { cachedSearch, mergeCandidates, type Analysed, type DecisionContext } from './analysis';
import { splitRepair } from './line-break-words';
import { DIACRITIC, withCase, type Token } from './tokens';

/**
 * The second pass: for each token, whether to change it and to what, from its candidates' cost,
 * how common each spelling is, what the document writes elsewhere, and the neighbours.
 */

/** The dearest repair of a non-word in a document that is not OCR-damaged as a whole. */
const CLEAN_DOCUMENT_MAX_COST = 2;

/** A real word is replaced only when its rival scores this much better (see realWordChoice). */
const REAL_WORD_MARGIN = 1;

export function decide(item: Analysed, context: DecisionContext): { word: string; realWord: boolean } | null {
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

/** The joined word's repair, cut back into its two halves: one change per half that changed. */
export function decideJoined(head: Analysed, tail: Analysed, context: DecisionContext): Array<{ token: Token; to: string; realWord: boolean }> {
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

/** Score of a spelling: its cost against how common it is and what the document shows. */
function nonWordScore(candidate: Candidate, evidence: DocumentEvidence, source: string): number {
  const common = commonness(candidate.word);
  // A very common word ("är", "för") is written everywhere: its frequency already says it all,
  // and counting it again as document evidence would let it take over its rarer rivals ("där").
  const documentEvidence = common >= 3 ? 0 : evidence.score(candidate.word, source);
  return -candidate.cost + 0.7 * common + documentEvidence - (candidate.compound ? 0.3 : 0);
}

export function nonWordChoice(item: Analysed, candidates: readonly Candidate[], context: DecisionContext): { word: string; realWord: boolean } | null {
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
