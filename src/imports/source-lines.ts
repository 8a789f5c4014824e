import { fold } from './import-text';

/**
 * The source as lines, with page furniture taken out. A PDF's text keeps its letterheads, page
 * numbers and running headers wherever the page broke, even in the middle of a sentence; they are
 * deleted (not blanked), so that the sentence they interrupted joins up again.
 */
export interface SourceLine {
  /** 1-based line number in the source text. */
  no: number;
  /** Trimmed text. */
  text: string;
  /** Leading spaces in the source: nested list items are indented further. */
  indent: number;
  /** The line opens a page (a form feed before it, or the single leading space a PDF extraction leaves there). */
  pageStart: boolean;
  /** The line looks like a list item whose bullet glyph the extraction dropped (a cluster of such lines). */
  lostBullet: boolean;
}

const RUNNING_HEADER = /Tj[aä]nsteutl[aå]tande\s+(?:Dnr:?\s+\S+(?:\s+\d{4}\/\S+)?\s+)?Sida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?/giu;
const PAGE_NUMBER = [/^Sida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+)?$/iu, /^\d+\s*\(\s*\d+\s*\)$/u, /^[-–]?\s*\d{1,3}\s*[-–]?$/u, /^\d+\s*av\s*\d+$/iu];
const LETTERHEAD = /^stockholms stad$/;
/** How many lines at the top of a page may be a repeated letterhead. */
const PAGE_TOP = 6;

export function readSourceLines(text: string): { lines: SourceLine[]; removed: Array<{ line: number; text: string }> } {
  const raw = text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  const removed: Array<{ line: number; text: string }> = [];
  const removedLines = new Set<number>();
  const lines: SourceLine[] = [];
  let pendingPageStart = false;
  const firstPageTop = new Set<string>();
  let seenText = false;
  let letterheadDone = false;
  let linesSincePage = 0;
  // Only a page after the first can repeat the letterhead.
  let pagesSeen = 0;

  raw.forEach((rawLine, index) => {
    const no = index + 1;
    let line = rawLine;
    if (line.includes('\f')) {
      pendingPageStart = true;
      linesSincePage = 0;
      pagesSeen++;
      line = line.slice(line.lastIndexOf('\f') + 1);
    }
    // Control characters carry nothing a statement can hold (and the import marks footnotes with two of them).
    // eslint-disable-next-line no-control-regex
    line = line.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
    const singleLeadingSpace = /^ \S/.test(line);
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    let content = line.replace(/\s+$/, '');
    const withoutHeader = content.replace(RUNNING_HEADER, ' ').replace(/\s{2,}/g, ' ');
    if (withoutHeader !== content.replace(/\s{2,}/g, ' ')) {
      for (const header of content.match(RUNNING_HEADER) ?? []) removed.push({ line: no, text: header.trim() });
      removedLines.add(no);
      content = withoutHeader;
      // The header sat where one page ended and the next began.
      pendingPageStart = true;
    }
    const trimmed = content.trim();
    const isFurniture =
      trimmed !== '' &&
      (PAGE_NUMBER.some((pattern) => pattern.test(trimmed)) ||
        LETTERHEAD.test(fold(trimmed)) ||
        (pagesSeen > 0 && linesSincePage < PAGE_TOP && firstPageTop.has(trimmed)));
    if (isFurniture) {
      if (!removedLines.has(no)) removed.push({ line: no, text: trimmed });
      if (PAGE_NUMBER.some((pattern) => pattern.test(trimmed))) pendingPageStart = true;
      return;
    }
    if (trimmed === '' && removedLines.has(no)) return;
    if (trimmed === '') {
      if (seenText) letterheadDone = true;
      lines.push({ no, text: '', indent: 0, pageStart: false, lostBullet: false });
      return;
    }
    const pageStart = pendingPageStart || (seenText && singleLeadingSpace);
    if (pageStart && !pendingPageStart) {
      linesSincePage = 0;
      pagesSeen++;
    }
    linesSincePage++;
    // The letterhead is the block the first page opens with; its lines repeated at a page top are furniture.
    if (!letterheadDone && pagesSeen === 0 && firstPageTop.size < PAGE_TOP && !/[.:;,]$/.test(trimmed)) firstPageTop.add(trimmed);
    seenText = true;
    pendingPageStart = false;
    lines.push({ no, text: trimmed, indent, pageStart, lostBullet: false });
  });
  markLostBullets(lines);
  return { lines, removed };
}

/**
 * A PDF whose bullets were drawn in a symbol font often loses the glyph and keeps the space after
 * it: several lines close together that start with one space are a list, not page starts (pages
 * are dozens of lines apart).
 */
function markLostBullets(lines: SourceLine[]): void {
  const spaced = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.pageStart && line.indent === 1);
  spaced.forEach(({ line, index }, i) => {
    const near = (other: { index: number } | undefined) => other !== undefined && Math.abs(other.index - index) <= 4;
    if (near(spaced[i - 1]) || near(spaced[i + 1])) {
      line.lostBullet = true;
      line.pageStart = false;
    }
  });
}
