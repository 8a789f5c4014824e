import type { Block, Inline } from '../statements/statement-body';
import { MAX_SUBHEADING_CHARACTERS } from '../statements/statement-body';
import { FOOTNOTE_MARK, type Footnote } from './footnotes';
import { endsSentence, joinAll, startsLowercase } from './import-text';
import type { SourceLine } from './source-lines';

/**
 * A section's lines as the project's body blocks: paragraphs joined across line and page breaks,
 * bulleted and numbered lists (one nested level), sub-headings (questions too) and footnotes.
 */
export interface BodyContext {
  vocabulary: ReadonlySet<string>;
  footnotes: readonly Footnote[];
  /** The usual length of a full line: a shorter line that ends a sentence ends its paragraph. */
  fullLine: number;
  /** Headings are marked (`###`) by the file's layout: no other line is taken for one, and a blank line ends a paragraph. */
  cued?: boolean;
}

/** A heading line in Markdown's form: "### Vad behöver förtydligas?". */
const MARKED_HEADING = /^#{1,4}\s+(\S.*)$/u;

type ListType = 'bullet_list' | 'numbered_list';

interface Marker {
  list: ListType;
  /** Markers of one class belong to one list: "1.", "a)", "•", "–" … */
  kind: string;
  text: string;
}

/** `texts` are the piece's lines as they are joined (a list item's first without its marker). */
type Piece =
  | { type: 'paragraph'; lines: SourceLine[]; texts: string[] }
  | { type: 'item'; marker: Marker; indent: number; lines: SourceLine[]; texts: string[] }
  | { type: 'subheading'; lines: SourceLine[]; texts: string[] };

const NUMBERED = /^(\d{1,2})[.)]\s+(\S.*)$/u;
const LETTERED = /^([a-h])[.)]\s+(\S.*)$/u;
// A "*" bullet, but not the "**" that opens a bold phrase at a line's start.
const BULLET = /^([•●▪■◦○·∙»–—\-\uf0b7\uf0a7\uf076\uf0d8]|\*(?!\*))\s*(\S.*)$/u;
// OCR reads a bullet as "e" or "o"; only before a capital is that a bullet and not a word.
const OCR_BULLET = /^([eo])\s+(\p{Lu}.*)$/u;
const SUB_BULLETS = new Set(['◦', '○', 'o', '–', '—', '-', '▪', '\uf0a7']);

function markerOf(line: SourceLine): Marker | null {
  let match = NUMBERED.exec(line.text);
  if (match) return { list: 'numbered_list', kind: '1', text: match[2] };
  match = LETTERED.exec(line.text);
  if (match) return { list: 'numbered_list', kind: 'a', text: match[2] };
  match = BULLET.exec(line.text) ?? OCR_BULLET.exec(line.text);
  if (match) return { list: 'bullet_list', kind: match[1] === 'e' ? '•' : match[1], text: match[2] };
  if (line.lostBullet) return { list: 'bullet_list', kind: 'lost', text: line.text };
  return null;
}

const TRAILING_FUNCTION_WORD = /\s(att|och|i|på|för|med|som|till|av|den|det|en|ett|om|mot|från|samt|eller|är|har)$/iu;

function looksLikeHeading(line: SourceLine, next: SourceLine | undefined, blankAfter: boolean, context: BodyContext): boolean {
  const text = line.text;
  if (!/^\p{Lu}/u.test(text) || text.includes('\u0001')) return false;
  const question = text.endsWith('?');
  if (!next) return false;
  if (question) return text.length <= MAX_SUBHEADING_CHARACTERS && (blankAfter || /^\p{Lu}/u.test(next.text));
  // Set apart by a blank line a heading may be longer; run into its text, only a short one is told from a paragraph's first line.
  const [maxWords, maxShare] = blankAfter ? [10, 0.85] : [7, 0.7];
  if (text.length > 80 || text.split(/\s+/).length > maxWords || text.length >= maxShare * context.fullLine) return false;
  if (/[.,;:!]$/.test(text) || TRAILING_FUNCTION_WORD.test(text)) return false;
  // A heading stands alone: what follows starts anew, it does not finish the heading's sentence.
  return blankAfter || /^[\p{Lu}\d•»–-]/u.test(next.text) || next.lostBullet;
}

export function bodyFromLines(lines: readonly SourceLine[], context: BodyContext): Block[] {
  const pieces: Piece[] = [];
  let blankBefore = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.text) {
      blankBefore = true;
      continue;
    }
    let n = i + 1;
    while (n < lines.length && !lines[n].text) n++;
    const next = lines[n];
    const blankAfter = n > i + 1;
    const current = pieces[pieces.length - 1];
    const marker = markerOf(line);

    const marked = MARKED_HEADING.exec(line.text);
    const continues = current && current.type !== 'subheading' && !marker && !marked && continuesPiece(current, line, blankBefore, context);
    if (marked) {
      pieces.push({ type: 'subheading', lines: [line], texts: [marked[1].replace(/^\*\*(.*)\*\*$/, '$1')] });
    } else if (continues) {
      current.lines.push(line);
      current.texts.push(line.text);
    } else if (marker) {
      pieces.push({ type: 'item', marker, indent: line.indent, lines: [line], texts: [marker.text] });
    } else if (!context.cued && (blankBefore || line.pageStart || !current || endsSentence(lastText(current))) && looksLikeHeading(line, next, blankAfter, context)) {
      pieces.push({ type: 'subheading', lines: [line], texts: [line.text] });
    } else {
      pieces.push({ type: 'paragraph', lines: [line], texts: [line.text] });
    }
    blankBefore = false;
  }
  return blocksFromPieces(pieces, context);
}

const lastText = (piece: Piece) => piece.texts[piece.texts.length - 1];

function continuesPiece(current: Piece, line: SourceLine, blankBefore: boolean, context: BodyContext): boolean {
  const last = current.lines[current.lines.length - 1];
  if (blankBefore) {
    // A file's paragraphs are its own: a blank line ends one, at a page break too (the PDF reader
    // itself joins a paragraph that runs on over a page, by where its lines begin).
    if (context.cued) return false;
    // Across a blank line (or a page break) only a sentence left unfinished goes on.
    return !endsSentence(lastText(current)) && (startsLowercase(line.text) || line.pageStart);
  }
  if (line.pageStart && endsSentence(last.text) && last.text.length < 0.75 * context.fullLine && !startsLowercase(line.text)) return false;
  return true;
}

function blocksFromPieces(pieces: readonly Piece[], context: BodyContext): Block[] {
  const blocks: Block[] = [];
  type Item = { content: Inline[]; children?: { type: ListType; items: Array<{ content: Inline[] }> } };
  let list: { type: ListType; kind: string; indent: number; items: Item[] } | null = null;
  for (const piece of pieces) {
    if (piece.type !== 'item') {
      list = null;
      if (piece.type === 'subheading') blocks.push({ type: 'subheading', text: piece.texts[0].replace(/\s+/g, ' ') });
      else {
        const content = inlines(joinAll(piece.texts, context.vocabulary), context);
        if (content.length) blocks.push({ type: 'paragraph', content });
      }
      continue;
    }
    const content = inlines(joinAll(piece.texts, context.vocabulary), context);
    if (!content.length) continue;
    const nested =
      list !== null &&
      list.items.length > 0 &&
      (piece.indent > list.indent + 1 || (piece.marker.kind !== list.kind && (piece.marker.kind === 'a' || SUB_BULLETS.has(piece.marker.kind)) && !SUB_BULLETS.has(list.kind)));
    if (list && nested) {
      const parent = list.items[list.items.length - 1];
      if (!parent.children || parent.children.type !== piece.marker.list) parent.children = { type: piece.marker.list, items: [] };
      parent.children.items.push({ content });
      continue;
    }
    if (!list || list.kind !== piece.marker.kind) {
      list = { type: piece.marker.list, kind: piece.marker.kind, indent: piece.indent, items: [] };
      blocks.push({ type: list.type, items: list.items });
    }
    list.items.push({ content });
  }
  return blocks;
}

const MAX_RUN = 10_000;

/** Text runs with footnotes at their marks and **bold** as bold. */
export function inlines(text: string, context: Pick<BodyContext, 'footnotes'>): Inline[] {
  const result: Inline[] = [];
  const pushText = (run: string, bold: boolean) => {
    const clean = run.replace(/\s+/g, ' ');
    if (!clean.trim()) return;
    // A run holds at most MAX_RUN characters (statement-body.ts); a longer paragraph is several runs, nothing lost.
    for (let start = 0; start < clean.length; start += MAX_RUN) {
      const text = clean.slice(start, start + MAX_RUN);
      result.push(bold ? { text, bold: true } : { text });
    }
  };
  let position = 0;
  const source = text.trim();
  for (const mark of source.matchAll(FOOTNOTE_MARK)) {
    pushBoldAware(source.slice(position, mark.index), pushText);
    const note = context.footnotes[Number(mark[1])];
    if (note?.text.trim()) result.push({ footnote: note.text.trim() });
    position = mark.index + mark[0].length;
  }
  pushBoldAware(source.slice(position), pushText);
  // Runs either side of a footnote keep their spaces; the ends of the paragraph do not.
  const first = result[0];
  if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  const last = result[result.length - 1];
  if (last && 'text' in last) last.text = last.text.replace(/\s+$/, '');
  return result.filter((inline) => !('text' in inline) || inline.text !== '');
}

function pushBoldAware(text: string, push: (run: string, bold: boolean) => void): void {
  let position = 0;
  for (const match of text.matchAll(/\*\*(.+?)\*\*/g)) {
    push(text.slice(position, match.index), false);
    push(match[1], true);
    position = match.index + match[0].length;
  }
  push(text.slice(position), false);
}
