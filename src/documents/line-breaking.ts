import { paragraphBidi, visualLine, type ParagraphBidi } from './bidi-lines';
import { drawableRuns, textWidth, type FontVariant } from './fonts';

/**
 * Breaking styled text into lines: greedy, at spaces only (the city's documents are not
 * hyphenated), with a word wider than the line cut at the last character that fits, so that a
 * 10,000-character "word" or a long URL never runs past the margin.
 */
export interface TextStyle {
  variant: FontVariant;
  size: number;
  /** Baseline shift upwards in points (superscript footnote numbers). */
  rise: number;
  /** RGB 0..1 */
  color: readonly [number, number, number];
}

export interface Run {
  text: string;
  style: TextStyle;
  /** The run is the reference mark of this footnote. */
  footnote?: number;
}

/** Consecutive text of one style on one line. Spaces are part of the text. */
export interface Fragment {
  text: string;
  style: TextStyle;
  width: number;
  /** The fragment is the reference mark of this footnote (tagged as a Reference to its Note). */
  footnote?: number;
  /** Right-to-left text already in visual order (bidi-lines.ts): drawn as it stands, never reordered again. */
  visual?: boolean;
  /** A stand-in for characters the font lacks (fonts.ts drawableRuns): what it says, as /ActualText. */
  actualText?: string;
}

/**
 * Fragments first..last (inclusive) tagged as a Span of their own, saying actualText: a stretch
 * drawn in visual order (right to left; actualText is its logical order), or a stand-in for
 * characters the font lacks (actualText is those characters; '' on the rest of one cut across lines).
 */
export interface Island {
  first: number;
  last: number;
  actualText: string;
  lang: string | null;
  /** A stand-in: its text layer (marked content) says actualText too, not only its tag. */
  standIn?: boolean;
}

export interface Line {
  fragments: Fragment[];
  /** Natural width of the text. */
  width: number;
  /** The width the line is set in; justified lines are stretched to it at its spaces. */
  maxWidth: number;
  justify: boolean;
  footnotes: number[];
  /** The line was broken at a space, which is not drawn but must stay in the text (ISO 32000-1 §14.8.2.5). */
  softBreak?: boolean;
  /** Set only on lines with right-to-left text. */
  islands?: Island[];
  /** A line of a right-to-left paragraph: set flush right unless justified. */
  rtl?: boolean;
}

interface Piece {
  text: string;
  style: TextStyle;
  width: number;
  footnote?: number;
  /** Offset in the paragraph's text (the pieces' texts joined), for the bidi levels. */
  start: number;
  /** A stand-in's characters (DrawnText.actual); '' on the rest of one cut across lines, so they are said once. */
  actual?: string;
}

type Item = { space: true; piece: Piece } | { space: false; pieces: Piece[]; width: number };

/** Pieces must fit with this much to spare: the PDF shapes whole lines, the breaker single words. */
const EPSILON = 0.01;

/** The words and spaces of the runs, and the text they make (runs of spaces as one), which bidi levels index. */
function toItems(runs: readonly Run[]): { items: Item[]; text: string } {
  const items: Item[] = [];
  let word: Piece[] | null = null;
  let paragraph = '';
  const add = (run: Run, text: string, actual?: string) => {
    const piece: Piece = { text, style: run.style, width: textWidth(run.style.variant, text, run.style.size), footnote: run.footnote, start: paragraph.length, ...(actual !== undefined ? { actual } : {}) };
    paragraph += text;
    if (text === ' ') {
      word = null;
      items.push({ space: true, piece });
    } else if (word) {
      word.push(piece);
      (items[items.length - 1] as { width: number }).width += piece.width;
    } else {
      word = [piece];
      items.push({ space: false, pieces: word, width: piece.width });
    }
  };
  for (const run of runs) {
    for (const drawn of drawableRuns(run.text)) {
      // A stand-in holds no space: it is part of the word it is written in.
      if (drawn.actual !== undefined) add(run, drawn.text, drawn.actual);
      else for (const part of drawn.text.split(/( +)/)) if (part) add(run, part[0] === ' ' ? ' ' : part);
    }
  }
  return { items, text: paragraph };
}

/**
 * Cuts pieces into chunks no wider than maxWidth, character by character (code points); the
 * first chunk only as wide as firstWidth, the room left on the line where the word starts.
 */
function cutWord(pieces: readonly Piece[], maxWidth: number, firstWidth = maxWidth): Piece[][] {
  const chunks: Piece[][] = [];
  let chunk: Piece[] = [];
  let width = 0;
  let room = firstWidth;
  for (const piece of pieces) {
    // A stand-in that fits a line is never cut: it moves to the next line whole.
    if (piece.actual !== undefined && piece.width <= maxWidth - EPSILON) {
      if (width + piece.width > room - EPSILON && (chunk.length || room < maxWidth)) {
        chunks.push(chunk);
        chunk = [];
        width = 0;
        room = maxWidth;
      }
      chunk.push(piece);
      width += piece.width;
      continue;
    }
    let text = '';
    let textW = 0;
    let start = piece.start;
    // A stand-in cut across lines says its characters with its first part only.
    const part = (): Piece => ({ ...piece, text, width: textW, start, ...(piece.actual !== undefined && start > piece.start ? { actual: '' } : {}) });
    for (const char of piece.text) {
      const w = textWidth(piece.style.variant, char, piece.style.size);
      if (width + textW + w > room - EPSILON && (chunk.length || text || room < maxWidth)) {
        if (text) chunk.push(part());
        start += text.length;
        chunks.push(chunk);
        chunk = [];
        width = 0;
        text = '';
        textW = 0;
        room = maxWidth;
      }
      text += char;
      textW += w;
    }
    if (text) {
      chunk.push(part());
      width += textW;
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a === b || (a.variant === b.variant && a.size === b.size && a.rise === b.rise && a.color === b.color);
}

/** A justified line may widen its spaces by at most twice their width (gaps of three spaces); a looser one is set ragged. */
const MAX_STRETCH = 2;

function makeLineOf(pieces: readonly Piece[], maxWidth: number, justify: boolean, bidi: ParagraphBidi | null): Line {
  const fragments: Fragment[] = [];
  const footnotes: number[] = [];
  let width = 0;
  let spaceWidth = 0;
  for (const piece of pieces) {
    width += piece.width;
    if (piece.text === ' ') spaceWidth += piece.width;
    if (piece.footnote !== undefined && !footnotes.includes(piece.footnote)) footnotes.push(piece.footnote);
    const last = fragments[fragments.length - 1];
    // A stand-in is a fragment of its own: its /ActualText covers it and nothing else.
    if (last && sameStyle(last.style, piece.style) && last.footnote === piece.footnote && last.actualText === undefined && piece.actual === undefined) {
      last.text += piece.text;
      last.width += piece.width;
    } else {
      fragments.push({ text: piece.text, style: piece.style, width: piece.width, ...(piece.footnote !== undefined ? { footnote: piece.footnote } : {}), ...(piece.actual !== undefined ? { actualText: piece.actual } : {}) });
    }
  }
  const loose = maxWidth - width > spaceWidth * MAX_STRETCH;
  const line: Line = { fragments, width, maxWidth, justify: justify && !loose, footnotes };
  if (!bidi) return withStandIns(line, []);
  const { fragments: visual, islands } = visualLine(pieces, bidi);
  return withStandIns({ ...line, fragments: visual, ...(bidi.rtl ? { rtl: true } : {}) }, islands);
}

/** The line's islands: its right-to-left ones, and each stand-in outside them (inside one, the island says it). */
function withStandIns(line: Line, islands: Island[]): Line {
  const all = [...islands];
  line.fragments.forEach((fragment, index) => {
    if (fragment.actualText !== undefined && !islands.some((island) => island.first <= index && index <= island.last)) {
      all.push({ first: index, last: index, actualText: fragment.actualText, lang: null, standIn: true });
    }
  });
  return all.length ? { ...line, islands: all } : line;
}

/** A line broken at a space keeps it in its text; a right-to-left stretch ending the line, in its logical text. */
function brokenAtSpace(line: Line): Line {
  const last = line.fragments.length - 1;
  const islands = line.islands?.map((island) => (island.last === last ? { ...island, actualText: `${island.actualText} ` } : island));
  return { ...line, softBreak: true, ...(islands ? { islands } : {}) };
}

/** Lines of the runs at the given width; justify stretches every line but the last. */
export function breakLines(runs: readonly Run[], maxWidth: number, justify: boolean): Line[] {
  const { items, text } = toItems(runs);
  const bidi = paragraphBidi(text);
  const makeLine = (pieces: readonly Piece[], width: number, justified: boolean) => makeLineOf(pieces, width, justified, bidi);
  const lines: Line[] = [];
  let current: Piece[] = [];
  let width = 0;
  let pendingSpace: Piece | null = null;
  const startWith = (pieces: Piece[], wordWidth: number) => {
    if (wordWidth <= maxWidth - EPSILON) {
      current = [...pieces];
      width = wordWidth;
      return;
    }
    // Too wide for any line: it starts where it stands and is cut at the margins (no gap left behind).
    const room = current.length ? maxWidth - width : maxWidth;
    const chunks = cutWord(pieces, maxWidth, room);
    chunks.forEach((chunk, index) => {
      if (index === chunks.length - 1) return;
      lines.push(makeLine(index === 0 ? [...current, ...chunk] : chunk, maxWidth, false));
    });
    current = chunks.length > 1 ? chunks[chunks.length - 1] : [...current, ...(chunks[0] ?? [])];
    width = current.reduce((sum, piece) => sum + piece.width, 0);
  };
  for (const item of items) {
    if (item.space) {
      if (current.length) pendingSpace = item.piece;
      continue;
    }
    const spaceW = pendingSpace?.width ?? 0;
    if (!current.length) {
      startWith(item.pieces, item.width);
    } else if (width + spaceW + item.width <= maxWidth - EPSILON) {
      if (pendingSpace) current.push(pendingSpace);
      current.push(...item.pieces);
      width += spaceW + item.width;
    } else if (item.width > maxWidth - EPSILON && width + spaceW < maxWidth * 0.8) {
      if (pendingSpace) current.push(pendingSpace);
      width += spaceW;
      startWith(item.pieces, item.width);
    } else {
      lines.push(brokenAtSpace(makeLine(current, maxWidth, justify)));
      current = [];
      width = 0;
      startWith(item.pieces, item.width);
    }
    pendingSpace = null;
  }
  if (current.length) lines.push(makeLine(current, maxWidth, false));
  return lines;
}
