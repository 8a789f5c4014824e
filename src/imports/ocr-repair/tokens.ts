/** The letters OCR most often misreads (as 6, &, é, [ …): a word written with them right is evidence of its spelling. */
export const DIACRITIC = /[åäö]/u;

/** A run of word characters in the text, with where it is. */
export interface Token {
  text: string;
  offset: number;
  /** Index in the token list; neighbours are read through it. */
  index: number;
  /** Inside a URL, an e-mail address or a domain name: never repaired. */
  protected: boolean;
}

/**
 * Word characters include the glyphs OCR puts in place of å/ä/ö ("6kad", "&r", "tjédnst",
 * "[dimna"), so that a damaged word stays one token. A hyphen splits ("lämna-program" is two
 * words, and so is a word broken at a line end), which keeps every token on one line. Combining
 * marks stay inside the token, so that text not in NFC is never cut inside a letter.
 */
const TOKEN = /[\p{L}\p{M}\p{N}&[]+/gu;

/** Spans a repair must not touch: addresses are not words, and neither are their parts. */
const PROTECTED_SPANS = [
  /\b(?:https?:\/\/|www\.)[^\s<>()"]+/giu,
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/giu,
  /\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:se|nu|com|org|net|eu|info|gov)\b/giu,
];

export function tokenize(text: string): Token[] {
  const protectedRanges: Array<[number, number]> = [];
  for (const pattern of PROTECTED_SPANS) {
    for (const match of text.matchAll(pattern)) protectedRanges.push([match.index, match.index + match[0].length]);
  }
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    tokens.push({
      text: match[0],
      offset: start,
      index: tokens.length,
      protected: protectedRanges.some(([from, to]) => start < to && end > from),
    });
  }
  return tokens;
}

export type CasePattern = 'lower' | 'capitalized' | 'upper' | 'mixed';

/** How a word is capitalised, judged on its letters only ("&r" is lower, "6KAD" upper). */
export function casePattern(word: string): CasePattern {
  const letters = [...word].filter((char) => char.toLowerCase() !== char.toUpperCase());
  if (letters.length === 0) return 'lower';
  const upper = letters.map((char) => char === char.toUpperCase() && char !== char.toLowerCase());
  if (upper.every((isUpper) => !isUpper)) return 'lower';
  if (upper.every((isUpper) => isUpper)) return letters.length > 1 ? 'upper' : 'capitalized';
  if (upper[0] && upper.slice(1).every((isUpper) => !isUpper)) return 'capitalized';
  return 'mixed';
}

/** A lower-case repair written the way the damaged word was ("Forvaltningen" → "Förvaltningen"). */
export function withCase(word: string, pattern: CasePattern): string {
  if (pattern === 'upper') return word.toUpperCase();
  if (pattern === 'capitalized') return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** The 1-based line of every offset, by binary search over the line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
