import bidiFactory from 'bidi-js';
import { textWidth } from './fonts';
import type { Fragment, Island, TextStyle } from './line-breaking';

/**
 * Right-to-left text (Hebrew) in the visual order of the page, by the Unicode bidi algorithm
 * (UAX #9, bidi-js): embedding levels are resolved once per paragraph in logical order, lines
 * are broken in logical order, and each line is then reordered (rules L1, L2) and mirrored
 * ("(" in right-to-left text is drawn as ")").
 *
 * A reordered stretch of a line is an island: drawn in visual order, it carries its logical text
 * as /ActualText (so copying, pdftotext and screen readers get the words in the order written)
 * and /Lang he when it is Hebrew. In a left-to-right paragraph the islands are the maximal
 * stretches at a level above 0, each a contiguous piece of the logical text; in a right-to-left
 * paragraph the whole line is one. Explicit bidi controls are dropped with the other invisible
 * characters before this (fonts.ts), so only the implicit rules apply.
 */
const bidi = bidiFactory();

// Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …): only paragraphs with one pay for bidi.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const HEBREW = /\p{Script=Hebrew}/u;

export interface ParagraphBidi {
  levels: Uint8Array;
  rtl: boolean;
}

/** The paragraph's embedding levels, or null when it is left to right throughout (no reordering). */
export function paragraphBidi(text: string): ParagraphBidi | null {
  if (!RTL.test(text)) return null;
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text);
  return { levels, rtl: (paragraphs[0]?.level ?? 0) % 2 === 1 };
}

/**
 * The direction and language of a paragraph for the HTML preview: dir="rtl" when its first
 * strong character is right to left (as the PDF sets it flush right), lang="he" when Hebrew.
 */
export function paragraphDirection(text: string): { dir: 'rtl'; lang: string | null } | null {
  const bidiLevels = paragraphBidi(text);
  if (!bidiLevels?.rtl) return null;
  return { dir: 'rtl', lang: HEBREW.test(text) ? 'he' : null };
}

/** A piece of a line in logical order; start is its offset in the paragraph text the levels belong to. */
export interface BidiPiece {
  text: string;
  style: TextStyle;
  start: number;
  footnote?: number;
  /** A stand-in for characters the font lacks (line-breaking.ts): what it says. */
  actual?: string;
}

interface Cell {
  char: string;
  level: number;
  index: number;
  style: TextStyle;
  footnote?: number;
  island: number;
  /** The stand-in the cell belongs to (its piece's number on the line), and what it says on its first cell ('' on the rest). */
  standIn?: number;
  actual?: string;
}

/** The line's fragments in visual order, with its islands (fragment ranges with their logical text). */
export function visualLine(pieces: readonly BidiPiece[], paragraph: ParagraphBidi): { fragments: Fragment[]; islands: Island[] } {
  const base = paragraph.rtl ? 1 : 0;
  const cells: Cell[] = [];
  pieces.forEach((piece, number) => {
    let index = piece.start;
    for (const char of piece.text) {
      const standIn = piece.actual !== undefined ? { standIn: number, actual: index === piece.start ? piece.actual : '' } : {};
      cells.push({ char, level: paragraph.levels[index] ?? base, index, style: piece.style, footnote: piece.footnote, island: -1, ...standIn });
      index += char.length;
    }
  });
  // L1: whitespace at the end of a line takes the paragraph's level.
  for (let i = cells.length - 1; i >= 0 && /\s/.test(cells[i].char); i--) cells[i].level = base;
  const visual = reorder(cells);
  const islandCells = markIslands(visual, paragraph.rtl);
  const islands: Island[] = [];
  const fragments: Fragment[] = [];
  let current: { cells: Cell[] } | null = null;
  const flush = () => {
    if (!current) return;
    const first = current.cells[0];
    const text = current.cells.map((cell) => (cell.level % 2 ? (bidi.getMirroredCharacter(cell.char) ?? cell.char) : cell.char)).join('');
    fragments.push({
      text,
      style: first.style,
      width: textWidth(first.style.variant, text, first.style.size),
      ...(first.footnote !== undefined ? { footnote: first.footnote } : {}),
      ...(first.island >= 0 ? { visual: true } : {}),
      ...(first.standIn !== undefined ? { actualText: current.cells.map((cell) => cell.actual).join('') } : {}),
    });
    current = null;
  };
  visual.forEach((cell, position) => {
    const previous = visual[position - 1];
    if (current && (cell.style !== previous.style || cell.footnote !== previous.footnote || cell.island !== previous.island || cell.standIn !== previous.standIn)) flush();
    if (cell.island >= 0 && cell.island !== previous?.island) {
      flush();
      const logical = [...islandCells[cell.island]]
        .sort((a, b) => a.index - b.index)
        .map((c) => (c.standIn !== undefined ? c.actual : c.char))
        .join('');
      islands.push({ first: fragments.length, last: fragments.length, actualText: logical, lang: HEBREW.test(logical) ? 'he' : null });
    }
    current ??= { cells: [] };
    current.cells.push(cell);
    if (cell.island >= 0) islands[islands.length - 1].last = fragments.length;
  });
  flush();
  return { fragments, islands };
}

/**
 * L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
 * By code point, marks included: a Hebrew point then precedes its letter, as the font expects of
 * right-to-left glyphs (as fontkit itself orders them).
 */
function reorder(cells: Cell[]): Cell[] {
  const visual = [...cells];
  const levels = visual.map((cell) => cell.level);
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < visual.length; ) {
      if (visual[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < visual.length && visual[j].level >= level) j++;
      const run = visual.slice(i, j).reverse();
      visual.splice(i, run.length, ...run);
      i = j;
    }
  }
  return visual;
}

/** Numbers each cell's island (-1 for none) and answers the cells of each. */
function markIslands(visual: Cell[], rtlParagraph: boolean): Cell[][] {
  const islands: Cell[][] = [];
  visual.forEach((cell, position) => {
    if (!rtlParagraph && cell.level === 0) return;
    const previous = visual[position - 1];
    if (!previous || previous.island < 0) islands.push([]);
    cell.island = islands.length - 1;
    islands[islands.length - 1].push(cell);
  });
  return islands;
}
