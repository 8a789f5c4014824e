import { CONFUSIONS_BY_FIRST_CHAR } from './confusions';
import type { Token } from './tokens';

/**
 * Words broken at a line end with a hyphen ("För-" / "valtningen"). Each half alone is no word,
 * or worse, a wrong one ("valtningen" → "vältningen"): the halves are judged as the joined word,
 * and a repair of it is split back over the two lines, so line structure stays as it was.
 */

/** Index pairs [first, second] of tokens joined by a hyphen at a line end. */
export function lineBreakPairs(tokens: readonly Token[], text: string): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let index = 0; index + 1 < tokens.length; index++) {
    const first = tokens[index];
    const second = tokens[index + 1];
    const gap = text.slice(first.offset + first.text.length, second.offset);
    if (/^-[ \t]*\r?\n[ \t]*$/.test(gap)) pairs.push([index, index + 1]);
  }
  return pairs;
}

/** Whether OCR confusions can turn `damaged` into exactly `target` (both lower case). */
export function confusable(damaged: string, target: string): boolean {
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    if (i === damaged.length || j === target.length) return i === damaged.length && j === target.length;
    const key = i * 1000 + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = damaged[i] === target[j] && match(i + 1, j + 1);
    for (const confusion of CONFUSIONS_BY_FIRST_CHAR.get(damaged[i]) ?? []) {
      if (result) break;
      if (damaged.startsWith(confusion.seen, i) && target.startsWith(confusion.meant, j)) {
        result = match(i + confusion.seen.length, j + confusion.meant.length);
      }
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** The joined word's repair cut where the halves were cut: [first half, second half], or null. */
export function splitRepair(first: string, second: string, repaired: string): [string, string] | null {
  for (let cut = 1; cut < repaired.length; cut++) {
    const head = repaired.slice(0, cut);
    const tail = repaired.slice(cut);
    if (confusable(first, head) && confusable(second, tail)) return [head, tail];
  }
  return null;
}
