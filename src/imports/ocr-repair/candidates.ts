import { CONFUSIONS_BY_FIRST_CHAR } from './confusions';
import type { FormUse } from './hunspell-lexicon';

/** Where the search looks words up: the hunspell dictionary, or a document's own extra words. */
export interface WordSource {
  formUse(form: string): FormUse;
  isStemPrefix(prefix: string): boolean;
}

/** A spelling the damaged word may have had, and what it took to get there. */
export interface Candidate {
  word: string;
  cost: number;
  edits: number;
  /** Known as a dictionary form, or only as a compound of forms ("våldsförebyggande"). */
  compound: boolean;
}

/** How far the search goes: at most this many confusions, costing at most this much together. */
export interface SearchLimits {
  maxEdits: number;
  maxCost: number;
}

/** For a non-word: five confusions in one word is about the most the damaged seeds show. */
export const NON_WORD_LIMITS: SearchLimits = { maxEdits: 5, maxCost: 7.5 };
/** For a word that is already a word: only a near variant can be what was meant ("for" → "för"). */
export const REAL_WORD_LIMITS: SearchLimits = { maxEdits: 2, maxCost: 3 };
/**
 * A partly built word part is given up when more than this many of its last letters follow no
 * stem: that is the room an inflection ending needs ("-arnas", "-heterna").
 */
const SUFFIX_ROOM = 6;
/** The longest joint a compound's first part adds to its stem ("-es" in "yrkes|man"). */
const COMPOUND_JOINT = 2;
/** Stops a pathological token (a long run of a/o/d) from taking time: the search ends here. */
const MAX_STEPS = 60_000;

/**
 * The known spellings a lower-case word can be turned into by the OCR confusions, cheapest first
 * (the word itself included when known, at cost 0).
 *
 * Searched letter by letter, left to right, so that compounds are found part by part: a part ends
 * where the text so far is a compound's first (or middle) part, and the search gives up a branch
 * as soon as the current part can no longer become a stem. This keeps a 20-letter compound with
 * eight a/o/d in it to a few thousand steps instead of 3^8 whole-word guesses.
 */
export function findCandidates(lexicon: WordSource, damaged: string, limits: SearchLimits = NON_WORD_LIMITS): Candidate[] {
  const found = new Map<string, Candidate>();
  let steps = 0;

  const finish = (word: string, partStart: number, parts: number, cost: number, edits: number): void => {
    const part = word.slice(partStart);
    const compound = parts > 1;
    const known = compound ? part.length >= 3 && lexicon.formUse(part).end : lexicon.formUse(word).standalone;
    if (!known) return;
    const previous = found.get(word);
    if (previous && previous.cost <= cost) return;
    found.set(word, { word, cost, edits, compound: previous ? previous.compound && compound : compound });
  };

  const search = (
    position: number,
    word: string,
    partStart: number,
    parts: number,
    stemPrefixEnd: number,
    cost: number,
    edits: number,
  ): void => {
    if (++steps > MAX_STEPS) return;
    if (position === damaged.length) {
      finish(word, partStart, parts, cost, edits);
      return;
    }
    // A new compound part may begin here if what is built so far is a valid first/middle part.
    const part = word.slice(partStart);
    // (Only looked up when all but the last two letters are the start of a stem: a first part is a
    // stem or a stem with a short joint, "våld|s", "kvinno|". This saves most lookups.)
    if (part.length >= 3 && position <= damaged.length - 3 && parts < 4 && word.length - stemPrefixEnd <= COMPOUND_JOINT) {
      const use = lexicon.formUse(part);
      if (parts === 1 ? use.begin : use.middle) search(position, word, word.length, parts + 1, word.length, cost, edits);
    }
    const extend = (text: string, seenLength: number, extraCost: number): void => {
      const next = word + text;
      let nextStemPrefixEnd = stemPrefixEnd;
      if (stemPrefixEnd === word.length && lexicon.isStemPrefix(next.slice(partStart))) nextStemPrefixEnd = next.length;
      if (next.length - nextStemPrefixEnd > SUFFIX_ROOM) return;
      search(position + seenLength, next, partStart, parts, nextStemPrefixEnd, cost + extraCost, edits + (extraCost > 0 ? 1 : 0));
    };
    extend(damaged[position], 1, 0);
    if (edits >= limits.maxEdits) return;
    for (const confusion of CONFUSIONS_BY_FIRST_CHAR.get(damaged[position]) ?? []) {
      if (cost + confusion.cost > limits.maxCost) continue;
      if (!damaged.startsWith(confusion.seen, position)) continue;
      extend(confusion.meant, confusion.seen.length, confusion.cost);
    }
  };

  search(0, '', 0, 1, 0, 0, 0);
  return [...found.values()].sort((a, b) => a.cost - b.cost || Number(a.compound) - Number(b.compound));
}
