/** Escapes %, _ and \ so user text in a LIKE/ILIKE pattern matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
