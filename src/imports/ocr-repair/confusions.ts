/**
 * What OCR makes of Swedish letters, read off the damaged seed documents, turned around: each
 * entry says "where the text shows `seen`, the original may have been `meant`". The cost is a
 * rough negative log-likelihood (lower = more common) so that a repair needing one common
 * confusion beats one needing two rare ones.
 *
 * In those documents every å, ä and ö was lost: mostly to a/o, often to a look-alike glyph
 * (é, d, i, 6, 0, &) or to two glyphs for one ("éd", "ai", "ii"). The text is lower-cased before
 * matching, so only lower-case forms are listed.
 */
export interface Confusion {
  seen: string;
  meant: string;
  cost: number;
}

export const CONFUSIONS: readonly Confusion[] = [
  // Diacritics dropped: the most common damage by far.
  { seen: 'a', meant: 'ä', cost: 1.3 },
  { seen: 'a', meant: 'å', cost: 0.7 },
  { seen: 'o', meant: 'ö', cost: 0.7 },
  // A look-alike glyph for the whole letter.
  { seen: 'é', meant: 'ä', cost: 1 },
  { seen: 'é', meant: 'å', cost: 1.2 },
  { seen: 'é', meant: 'ö', cost: 1.5 },
  { seen: 'd', meant: 'ä', cost: 1.1 },
  { seen: 'd', meant: 'å', cost: 1.8 },
  { seen: 'd', meant: 'ö', cost: 2 },
  { seen: 'i', meant: 'ä', cost: 1.3 },
  { seen: 'i', meant: 'å', cost: 2.5 },
  { seen: '6', meant: 'ö', cost: 0.5 },
  { seen: '0', meant: 'ö', cost: 0.8 },
  { seen: '0', meant: 'o', cost: 1 },
  { seen: '&', meant: 'ä', cost: 0.5 },
  { seen: 'g', meant: 'ö', cost: 3 },
  // Two glyphs for one letter.
  { seen: 'éd', meant: 'ä', cost: 1.5 },
  { seen: 'éd', meant: 'å', cost: 1.5 },
  { seen: 'éi', meant: 'ä', cost: 1.5 },
  { seen: 'ii', meant: 'ä', cost: 1.5 },
  { seen: 'ai', meant: 'ä', cost: 1.8 },
  { seen: 'ia', meant: 'ä', cost: 1.8 },
  { seen: 'di', meant: 'ä', cost: 3 },
  { seen: 'id', meant: 'ä', cost: 3 },
  { seen: 'éa', meant: 'å', cost: 1.5 },
  { seen: 'ié', meant: 'å', cost: 1.5 },
  { seen: 'oé', meant: 'ö', cost: 1.5 },
  // Plain letter confusions of any OCR.
  { seen: '1', meant: 'l', cost: 1 },
  { seen: '[', meant: 'l', cost: 1 },
  { seen: 'rn', meant: 'm', cost: 2.5 },
  { seen: 'm', meant: 'rn', cost: 2.5 },
];

/** Confusions by the first character of what is seen, for the search's inner loop. */
export const CONFUSIONS_BY_FIRST_CHAR: ReadonlyMap<string, readonly Confusion[]> = (() => {
  const map = new Map<string, Confusion[]>();
  for (const confusion of CONFUSIONS) {
    const list = map.get(confusion.seen[0]) ?? [];
    list.push(confusion);
    map.set(confusion.seen[0], list);
  }
  return map;
})();
