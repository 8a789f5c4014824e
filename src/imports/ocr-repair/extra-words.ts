import type { WordSource } from './candidates';
import type { FormUse } from './hunspell-lexicon';
import { hasPrefix } from './sorted-prefix';

const NOT_A_WORD: FormUse = { standalone: false, begin: false, middle: false, end: false };
const A_WORD: FormUse = { standalone: true, begin: false, middle: false, end: false };

/**
 * Words a document's context makes known beyond the dictionary: the organisation register's names
 * ("Hässelby-Vällingby"), the catalogue's headings, and words the document itself spells with
 * å/ä/ö. They are whole words only (no compounding), in lower case.
 */
export class ExtraWords implements WordSource {
  private readonly words: Set<string>;
  private readonly sorted: string[];

  constructor(words: Iterable<string>) {
    this.words = new Set([...words].map((word) => word.toLowerCase()).filter((word) => word.length >= 2));
    this.sorted = [...this.words].sort();
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  formUse(form: string): FormUse {
    return this.words.has(form) ? A_WORD : NOT_A_WORD;
  }

  isStemPrefix(prefix: string): boolean {
    return hasPrefix(this.sorted, prefix);
  }
}
