import type { Repair } from './repair-text';

/**
 * The source text with every repair made except the undone ones: what the user sees after
 * undoing some repairs in the list. A repair whose `from` no longer stands at its offset (the
 * source is not the text it was made for) is left out rather than written over other text.
 */
export function applyRepairs(source: string, repairs: readonly Repair[], undone: ReadonlySet<number>): string {
  const kept = repairs
    .filter((repair) => !undone.has(repair.id) && source.startsWith(repair.from, repair.offset))
    .sort((a, b) => a.offset - b.offset);
  let result = '';
  let position = 0;
  for (const repair of kept) {
    // Overlapping repairs cannot come from repairOcrText; if given, the first one wins.
    if (repair.offset < position) continue;
    result += source.slice(position, repair.offset) + repair.to;
    position = repair.offset + repair.from.length;
  }
  return result + source.slice(position);
}
