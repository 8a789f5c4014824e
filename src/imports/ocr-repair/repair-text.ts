import { applyRepairs } from './apply-repairs';
import { certainWords, analyse, documentDiacriticWords, joinLineBreaks, wordsOf, type DecisionContext } from './analysis';
import { decide, decideJoined } from './decisions';
import { ExtraWords } from './extra-words';
import { swedishLexicon } from './hunspell-lexicon';
import { DIACRITIC, lineIndex, tokenize, withCase, type Token } from './tokens';

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

/** The evidence source of the caller's known words (no token text looks like this). */
const KNOWN_SOURCE = '\u0000known';

/**
 * Repairs the words OCR damaged in a document's text, listing every change (see Repair) so that
 * the user can accept or undo each; the line structure is never changed.
 */
export function repairOcrText(text: string, known: KnownWords = {}): RepairResult {
  const lexicon = swedishLexicon();
  // The per-word caches grow with every document a long-running service repairs: bounded here.
  lexicon.trimCaches();
  const tokens = tokenize(text);
  const knownWords = [...wordsOf(known.names), ...wordsOf(known.headings)];
  const extras = new ExtraWords([...knownWords, ...documentDiacriticWords(tokens, lexicon)]);

  const analysed = tokens.map((token) => analyse(token, lexicon, extras));
  joinLineBreaks(analysed, text, lexicon, extras);
  const evidence = certainWords(analysed);
  // The register's names and the catalogue's headings are spelled right by definition.
  for (const word of knownWords) {
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
