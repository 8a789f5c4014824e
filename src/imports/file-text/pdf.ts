import { getDocumentProxy } from 'unpdf';
import type { ImportLimits } from './import-file-error';
import { ImportFileError, refuse } from './import-file-error';
import type { StyledParagraph, StyledRun } from './styled-paragraphs';
import { textOf } from './styled-paragraphs';

/**
 * A PDF's text layer through pdf.js (unpdf): each piece of text with its position, size and font.
 * Lines are rebuilt from the baselines, side-by-side columns (the letterhead, Handläggare | Till,
 * two signatures) are read column by column, what repeats at the same place on every page is page
 * furniture, footnotes at a page's foot are moved to the superscript number that refers to them,
 * and headings are known by size and weight as in a Word document (styled-paragraphs.ts).
 */
export interface PdfText {
  text: string;
  cued: boolean;
  pages: number;
  /** (Almost) no text on the pages: a scan, for OCR. */
  needsOcr: boolean;
}

/** A page with fewer visible characters than this is scanned (a stamp or a page number is not a text layer); a PDF most of whose pages are is a scan. */
const MIN_CHARACTERS_PER_PAGE = 40;
/** Heavier weights in a font's name: the text is bold. */
const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

interface Line {
  pieces: Piece[];
  y: number;
  size: number;
  /** Runs of pieces a wide gap separates: columns. */
  fragments: Piece[][];
  inBottomMargin?: boolean;
}

/** The share of a page's height at its foot that holds the footer, never the text (A4: about 59 pt). */
const BOTTOM_MARGIN = 0.07;

// pdf.js hands fonts to the main side with ArrayBuffer.transferToFixedLength, new in Node 21; on
// Node 20 the same copy is made with slice (only in the thread that reads a PDF).
const arrayBufferPrototype = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
arrayBufferPrototype.transferToFixedLength ??= function (this: ArrayBuffer, length?: number) {
  return this.slice(0, length ?? this.byteLength);
};

export async function pdfText(buffer: Buffer, limits: ImportLimits): Promise<PdfText> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes the bytes over (detaches them).
    document = await getDocumentProxy(new Uint8Array(buffer), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') throw refuse.encrypted();
    throw refuse.broken('PDF:en');
  }
  try {
    const pages = document.numPages;
    if (pages > limits.maxPages) throw refuse.tooManyPages(pages, limits.maxPages);
    const pageLines: Line[][] = [];
    let scannedPages = 0;
    for (let number = 1; number <= pages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is Extract<typeof item, { str: string }> => 'str' in item && item.str !== '');
      const fonts = new Set(items.map((item) => item.fontName));
      const bold = await boldFonts(page, fonts);
      const pieces = items.map((item) => ({
        text: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        size: Math.hypot(item.transform[2], item.transform[3]) || Math.abs(item.transform[0]),
        bold: bold.has(item.fontName),
      }));
      if (pieces.reduce((sum, piece) => sum + piece.text.replace(/\s/g, '').length, 0) < MIN_CHARACTERS_PER_PAGE) scannedPages++;
      pageLines.push(linesOf(pieces).map((line) => ({ ...line, inBottomMargin: line.y < BOTTOM_MARGIN * page.view[3] })));
      page.cleanup();
    }
    if (scannedPages > pages / 2) return { text: '', cued: false, pages, needsOcr: true };
    // The body text's size, once: the footer, the footnotes and the headings are all told by it.
    const bodySize = bodySizeOf(pageLines);
    // Small type in the bottom margin is the page's footer even on a single page, where nothing repeats.
    const framed = pageLines.map((lines) => lines.filter((line) => !(line.inBottomMargin && line.size < 0.95 * bodySize)));
    const { text, cued } = textOf(paragraphsOf(withoutFurniture(framed), bodySize), bodySize, bodySize);
    return { text, cued, pages, needsOcr: false };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw refuse.broken('PDF:en');
  } finally {
    await document.destroy();
  }
}

/** Which of the page's fonts are bold, by their names (known once the page's operators are read). */
async function boldFonts(page: Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>['getPage']>>, fonts: ReadonlySet<string>): Promise<Set<string>> {
  if ([...fonts].some((font) => !page.commonObjs.has(font))) await page.getOperatorList();
  const bold = new Set<string>();
  for (const font of fonts) {
    if (!page.commonObjs.has(font)) continue;
    const name = (page.commonObjs.get(font) as { name?: string } | null)?.name ?? '';
    if (BOLD_FONT.test(name)) bold.add(font);
  }
  return bold;
}

/** Pieces on one baseline (a superscript rides a little above it) make a line; lines top to bottom. */
function linesOf(pieces: readonly Piece[]): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const piece of sorted) {
    const line = lines.find((l) => Math.abs(l.y - piece.y) <= 0.5 * Math.max(l.size, piece.size) && (piece.y >= l.y - 1 || piece.size >= l.size * 0.9));
    if (line) {
      line.pieces.push(piece);
      if (piece.size > line.size && piece.text.trim()) {
        line.size = piece.size;
        line.y = piece.y;
      }
    } else lines.push({ pieces: [piece], y: piece.y, size: piece.size, fragments: [] });
  }
  for (const line of lines) {
    line.pieces.sort((a, b) => a.x - b.x);
    let fragment: Piece[] = [];
    let end = -Infinity;
    for (const piece of line.pieces) {
      if (fragment.length && piece.x - end > 2.5 * line.size) {
        line.fragments.push(fragment);
        fragment = [];
      }
      fragment.push(piece);
      end = Math.max(end, piece.x + piece.width);
    }
    if (fragment.length) line.fragments.push(fragment);
  }
  return lines.sort((a, b) => b.y - a.y);
}

const textOfPieces = (pieces: readonly Piece[]) => pieces.map((p) => p.text).join('').replace(/\s+/g, ' ').trim();
/** Digits stand for page numbers and dates: "Sida 1 (3)" and "Sida 2 (3)" are the same furniture. */
const furnitureKey = (line: Line, fragment: readonly Piece[]) => `${Math.round(line.y)}|${textOfPieces(fragment).replace(/\d+/g, '#')}`;

/**
 * Text that stands at the same place on most pages is the page's frame (letterhead, footer,
 * "Sida 2 (3)"). On the first page the top of it is kept: the letterhead names the förvaltning and
 * the Dnr, which the header reads; everywhere else it goes.
 */
function withoutFurniture(pages: readonly Line[][]): Line[][] {
  if (pages.length < 2) return pages.map((lines) => lines.filter((line) => line.pieces.some((p) => p.text.trim())));
  const seen = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(lines.flatMap((line) => line.fragments.map((fragment) => furnitureKey(line, fragment))));
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const repeated = (line: Line, fragment: readonly Piece[]) => (seen.get(furnitureKey(line, fragment)) ?? 0) >= Math.max(2, pages.length / 2);
  const middle = Math.max(...pages.flat().map((line) => line.y)) / 2;
  return pages.map((lines, index) =>
    lines
      .map((line) => {
        const fragments = line.fragments.filter((fragment) => !repeated(line, fragment) || (index === 0 && line.y > middle));
        return { ...line, fragments, pieces: fragments.flat() };
      })
      .filter((line) => line.pieces.some((p) => p.text.trim())),
  );
}

function bodySizeOf(pages: readonly Line[][]): number {
  const characters = new Map<number, number>();
  for (const line of pages.flat()) for (const piece of line.pieces) characters.set(round(piece.size), (characters.get(round(piece.size)) ?? 0) + piece.text.length);
  return [...characters].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 11;
}

const round = (size: number) => Math.round(size * 10) / 10;
const LIST_MARKER = /^(?:\d{1,2}[.)]|[a-h][.)]|[•●▪■◦○·∙–—-])$/u;
const NOTE_LINE = /^(\d{1,3})\s+(\S.*)$/u;

/** The pages' lines as paragraphs of styled runs, footnotes at their references, column blocks one column after another. */
function paragraphsOf(pages: readonly Line[][], bodySize: number): StyledParagraph[] {
  const paragraphs: StyledParagraph[] = [];
  let previousPage: { paragraph: StyledParagraph; last: Line; textX: number } | null = null;
  pages.forEach((lines, pageIndex) => {
    const { body, notes } = splitFootnotes(lines, bodySize);
    let pageStart = pageIndex > 0;
    for (const group of columnGroups(body)) {
      let current: { paragraph: StyledParagraph; last: Line; textX: number } | null = null;
      for (const line of group) {
        const runs = runsOf(line, notes);
        const first = line.pieces.find((p) => p.text.trim())?.text.trim() ?? '';
        if (pageStart && previousPage && runsOnOver(previousPage, line)) {
          // The paragraph the last page ended runs on here: one paragraph, the page break inside it.
          previousPage.paragraph.runs.push({ text: '\n\f', bold: false, size: line.size }, ...runs);
          current = { ...previousPage, last: line };
          pageStart = false;
          continue;
        }
        const sameKind = current !== null && Math.abs(current.last.size - line.size) < 0.5 && boldLine(current.last) === boldLine(line);
        if (current && sameKind && current.last.y - line.y <= 1.6 * line.size && !LIST_MARKER.test(first)) {
          current.paragraph.runs.push({ text: '\n', bold: false, size: line.size }, ...runs);
          current.last = line;
        } else {
          const paragraph: StyledParagraph = { runs, heading: null, list: null, pageStart };
          pageStart = false;
          paragraphs.push(paragraph);
          current = { paragraph, last: line, textX: textStart(line) };
        }
      }
      previousPage = current;
    }
  });
  return paragraphs;
}

/** Where a line's words begin: after a list marker, where the item's next lines begin too. */
function textStart(line: Line): number {
  const visible = line.pieces.filter((p) => p.text.trim());
  return visible.length > 1 && LIST_MARKER.test(visible[0].text.trim()) ? visible[1].x : (visible[0]?.x ?? 0);
}

/**
 * A page's first line goes on with the paragraph the page before ended when that paragraph
 * ended without finishing its sentence and the line begins where the paragraph's lines begin, in
 * the same type, with no list marker of its own. A new paragraph (or a list item's next line at
 * another indent) is not joined: "… under vardagar" + "Förvaltningen anser …" stay apart.
 */
function runsOnOver(previous: { paragraph: StyledParagraph; last: Line; textX: number }, line: Line): boolean {
  // A footnote's number after the stop does not hide that the sentence ended.
  const lastText = textOfPieces(previous.last.pieces).replace(/([.!?:;]["”’')]*)\d{1,3}$/u, '$1');
  const first = line.pieces.find((p) => p.text.trim())?.text.trim() ?? '';
  const x = line.pieces.find((p) => p.text.trim())?.x ?? 0;
  return (
    !/[.!?:;]["”’')]*$/.test(lastText) &&
    !LIST_MARKER.test(first) &&
    Math.abs(x - previous.textX) < 2 &&
    Math.abs(previous.last.size - line.size) < 0.5 &&
    boldLine(previous.last) === boldLine(line)
  );
}

const boldLine = (line: Line) => line.pieces.filter((p) => p.text.trim()).every((p) => p.bold);

/** The line as runs: superscript numbers that have a footnote on the page become the footnote. */
function runsOf(line: Line, notes: ReadonlyMap<string, string>): StyledRun[] {
  const runs: StyledRun[] = [];
  let end = -Infinity;
  for (const piece of line.pieces) {
    const superscript = piece.size < 0.85 * line.size && piece.y > line.y + 0.5 && /^\d{1,3}$/.test(piece.text.trim());
    const note = superscript ? notes.get(piece.text.trim()) : undefined;
    if (note !== undefined) runs.push({ text: '', bold: false, size: piece.size, footnote: note });
    else {
      // Pieces drawn apart without a space between them are separate words.
      const space = runs.length && piece.x - end > 0.15 * line.size && !/\s$/.test(runs[runs.length - 1].text) && !/^\s/.test(piece.text) ? ' ' : '';
      runs.push({ text: space + piece.text, bold: piece.bold, size: piece.size });
    }
    end = piece.x + piece.width;
  }
  return runs;
}

/**
 * The foot of a page: lines in smaller type under the text, each note opening with its number.
 * Answers the lines above and the notes by number.
 */
function splitFootnotes(lines: readonly Line[], bodySize: number): { body: Line[]; notes: Map<string, string> } {
  let foot = lines.length;
  while (foot > 0 && lines[foot - 1].size < 0.9 * bodySize) foot--;
  const notes = new Map<string, string>();
  let number: string | null = null;
  let previous: Line | null = null;
  for (const line of lines.slice(foot)) {
    const text = textOfPieces(line.pieces);
    const opens = NOTE_LINE.exec(text);
    if (opens) {
      number = opens[1];
      notes.set(number, opens[2]);
    } else if (number !== null && previous && previous.y - line.y <= 1.6 * line.size && Math.abs(previous.size - line.size) < 0.3) {
      notes.set(number, `${notes.get(number)} ${text}`);
    } else if (number !== null) break; // below the notes: the page's frame, not a note's next line
    previous = line;
  }
  // Small type at a page's foot that is not numbered notes stays text.
  if (!notes.size) return { body: [...lines], notes };
  return { body: lines.slice(0, foot), notes };
}

/**
 * Consecutive lines split into the same columns are read column by column (pdftotext does the
 * same): the left column's lines, then the right's. Other lines are groups of their own.
 */
function columnGroups(lines: readonly Line[]): Line[][] {
  const groups: Array<{ lines: Line[]; columned: boolean }> = [];
  let block: Line[] = [];
  const flush = () => {
    if (!block.length) return;
    const columns = Math.max(...block.map((line) => line.fragments.length));
    for (let c = 0; c < columns; c++) {
      const column = block.filter((line) => line.fragments[c]).map((line) => ({ ...line, pieces: line.fragments[c], fragments: [line.fragments[c]] }));
      groups.push({ lines: column, columned: true });
    }
    block = [];
  };
  for (const line of lines) {
    if (line.fragments.length > 1) block.push(line);
    else {
      flush();
      // Lines outside a column block run on as one group, so that a paragraph can span them.
      const last = groups[groups.length - 1];
      if (last && !last.columned) last.lines.push(line);
      else groups.push({ lines: [line], columned: false });
    }
  }
  flush();
  return groups.map((group) => group.lines);
}
