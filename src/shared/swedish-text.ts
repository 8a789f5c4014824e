/**
 * "Kommunstyrelsen" is written "kommunstyrelsen" mid-sentence (a common noun in definite form);
 * names that begin with a place ("Södermalms stadsdelsnämnd") keep their capital.
 */
export function inRunningText(name: string): string {
  return /^\p{Lu}\p{Ll}+(en|et)$/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** "a, b och c": a Swedish list, no comma before "och". */
export function swedishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** The first sentence of a text (up to the first ., ! or ? followed by a space and a capital). */
export function firstSentence(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(?=\s+\p{Lu}|$)/u.exec(trimmed);
  return match ? match[1] : trimmed;
}
