import { DIACRITIC } from './tokens';

/**
 * What the document itself says about spellings: the words it writes with certainty (spelled
 * right with å/ä/ö, or a non-word whose repair had no rival).
 *
 * Two kinds of evidence: the candidate itself is written elsewhere (strong), and the letters
 * around each of its å/ä/ö occur in such a word ("våldets" is supported by "våldsutsatta",
 * "målsättning" by "målsättningen", while "väldets" and "målsittning" are not). The second is
 * what makes a document's own vocabulary count for the inflections and compounds it has not
 * written out.
 */
const SHORTEST_SUPPORT = 3;
const LONGEST_SUPPORT = 8;

/**
 * Each piece of evidence remembers the token text it came from, so that a damaged word is never
 * its own evidence: "stétta" read as "stätta" must not make "stätta" look attested.
 */
export class DocumentEvidence {
  private readonly sourcesByWord = new Map<string, Set<string>>();
  /** Every substring (3–8 letters) of a certain word, with its sources. */
  private readonly sourcesByPiece = new Map<string, Set<string>>();
  private readonly scoreCache = new Map<string, number>();

  /** `source` is the (lower-case) token text the word was read from. */
  add(word: string, source: string): void {
    remember(this.sourcesByWord, word, source);
    for (let start = 0; start < word.length; start++) {
      for (let length = SHORTEST_SUPPORT; length <= LONGEST_SUPPORT && start + length <= word.length; length++) {
        remember(this.sourcesByPiece, word.slice(start, start + length), source);
      }
    }
    this.scoreCache.clear();
  }

  /** Whether the document writes `word` from some token other than `source`. */
  writes(word: string, source: string): boolean {
    return attestedElsewhere(this.sourcesByWord.get(word), source);
  }

  /** 0 … 4.5: 2 when the document writes the word, plus up to 2.5 for support around its å/ä/ö. */
  score(word: string, source: string): number {
    const key = `${word}\u0000${source}`;
    const cached = this.scoreCache.get(key);
    if (cached !== undefined) return cached;
    const score = (this.writes(word, source) ? 2 : 0) + 2.5 * this.diacriticSupport(word, source);
    this.scoreCache.set(key, score);
    return score;
  }

  /** Mean over the word's å/ä/ö of how long a piece around it the document has (0 = none, 1 = 8 letters). */
  private diacriticSupport(word: string, source: string): number {
    let total = 0;
    let diacritics = 0;
    for (let position = 0; position < word.length; position++) {
      if (!DIACRITIC.test(word[position])) continue;
      diacritics++;
      total += (this.longestPieceAround(word, position, source) - (SHORTEST_SUPPORT - 1)) / (LONGEST_SUPPORT - (SHORTEST_SUPPORT - 1));
    }
    return diacritics === 0 ? 0 : total / diacritics;
  }

  /**
   * How well the document attests the letters around one place in a word (0 … 1): used to weigh
   * two readings against each other where they differ ("brottsutsatta" is backed by a certain
   * "våldsutsatta", "ickevaldsgrupper" by nothing while "ickevåldsgrupper" is backed by "våld…").
   */
  supportAt(word: string, position: number, source: string): number {
    return (this.longestPieceAround(word, position, source) - (SHORTEST_SUPPORT - 1)) / (LONGEST_SUPPORT - (SHORTEST_SUPPORT - 1));
  }

  private longestPieceAround(word: string, position: number, source: string): number {
    for (let length = Math.min(LONGEST_SUPPORT, word.length); length >= SHORTEST_SUPPORT; length--) {
      const firstStart = Math.max(0, position - length + 1);
      const lastStart = Math.min(position, word.length - length);
      for (let start = firstStart; start <= lastStart; start++) {
        if (attestedElsewhere(this.sourcesByPiece.get(word.slice(start, start + length)), source)) return length;
      }
    }
    return SHORTEST_SUPPORT - 1;
  }
}

function remember(map: Map<string, Set<string>>, key: string, source: string): void {
  const sources = map.get(key);
  if (sources) sources.add(source);
  else map.set(key, new Set([source]));
}

function attestedElsewhere(sources: ReadonlySet<string> | undefined, source: string): boolean {
  return sources !== undefined && (sources.size > 1 || !sources.has(source));
}
