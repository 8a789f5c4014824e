import { joinAll } from './import-text';
import type { SourceLine } from './source-lines';

/**
 * Footnotes sit at the foot of a PDF page: a block of lines "1 Text …" just before the page
 * breaks. Each is taken out of the running text and put where it is referred to, the number that
 * follows a word ("relationer1" or "relationer.1"). The place is marked in the line's text with
 * FOOTNOTE_MARK around the footnote's index; the body builder turns the mark into a footnote.
 */
export const FOOTNOTE_OPEN = '\u0001';
export const FOOTNOTE_CLOSE = '\u0002';
// The marks are control characters on purpose: readSourceLines strips those from the source, so no text can fake one.
// eslint-disable-next-line no-control-regex
export const FOOTNOTE_MARK = /\u0001(\d+)\u0002/g;

export interface Footnote {
  number: number;
  text: string;
  /** False when no reference was found and the note was put after the text it stood under. */
  placed: boolean;
  line: number;
}

const MAX_FOOT_LINES = 60;
const NOTE_START = /^(\d{1,2})\s+(?![.)])(\S.*)$/u;

interface NoteLines {
  number: number;
  lines: SourceLine[];
}

/** Lines without the footnote blocks, the footnotes, and their marks placed in the lines' text. */
export function extractFootnotes(source: readonly SourceLine[], vocabulary: ReadonlySet<string>): { lines: SourceLine[]; footnotes: Footnote[] } {
  const lines = source.map((line) => ({ ...line }));
  const footnotes: Footnote[] = [];
  const drop = new Set<number>();
  referencedFootnotes(lines, footnotes, drop);
  let lastNumber = 0;
  let searchFrom = 0;
  let pageOpen = 0;
  for (let p = 0; p < lines.length; p++) {
    if (!lines[p].pageStart) continue;
    const group = footnoteGroupBefore(lines, p, lastNumber);
    const thisPage = pageOpen;
    pageOpen = p;
    if (!group) continue;
    for (const note of group.notes) {
      const index = footnotes.length;
      const text = joinAll(note.lines.map((l, i) => (i === 0 ? NOTE_START.exec(l.text)![2] : l.text)), vocabulary);
      const at = placeReference(lines, Math.max(thisPage, searchFrom), group.start, note.number, index);
      footnotes.push({ number: note.number, text, placed: at !== null, line: note.lines[0].no });
      if (at !== null) searchFrom = at;
      else appendToLastText(lines, group.start, index);
      for (const l of note.lines) drop.add(l.no);
      lastNumber = note.number;
    }
  }
  return { lines: lines.filter((l) => !drop.has(l.no)), footnotes };
}

const NOTE_DEFINITION = /^\[\^(\d{1,4})\]:\s*(.*)$/u;
const NOTE_REFERENCE = /\[\^(\d{1,4})\]/gu;

/**
 * Footnotes a file's structure gave (a Word or ODT note, see file-text/), written as Markdown
 * writes them: "[^3]" where the note is referred to, "[^3]: text" on a line of its own. They are
 * sure: no page foot has to be guessed. A reference with no definition is left as it stands.
 */
function referencedFootnotes(lines: SourceLine[], footnotes: Footnote[], drop: Set<number>): void {
  const definitions = new Map<string, SourceLine>();
  for (const line of lines) {
    const definition = NOTE_DEFINITION.exec(line.text);
    if (definition && !definitions.has(definition[1])) definitions.set(definition[1], line);
  }
  if (!definitions.size) return;
  for (const line of lines) {
    if (definitions.get(NOTE_DEFINITION.exec(line.text)?.[1] ?? '') === line) continue;
    line.text = line.text.replace(NOTE_REFERENCE, (whole, number: string) => {
      const definition = definitions.get(number);
      if (!definition) return whole;
      footnotes.push({ number: Number(number), text: NOTE_DEFINITION.exec(definition.text)![2].trim(), placed: true, line: definition.no });
      return `${FOOTNOTE_OPEN}${footnotes.length - 1}${FOOTNOTE_CLOSE}`;
    });
  }
  for (const line of definitions.values()) drop.add(line.no);
}

/** The run of footnote paragraphs that ends the page before line index `p`, numbered on from `lastNumber`. */
function footnoteGroupBefore(lines: readonly SourceLine[], p: number, lastNumber: number): { start: number; notes: NoteLines[] } | null {
  const chunks: SourceLine[][] = [];
  let textAbove = false;
  let start = p;
  let i = p - 1;
  // The foot of one page: no further up than a page holds lines, and never into the page before.
  const top = Math.max(0, p - MAX_FOOT_LINES);
  while (i >= top) {
    while (i >= top && !lines[i].text) i--;
    const end = i;
    while (i >= top && lines[i].text && !lines[i].pageStart) i--;
    if (end < top) break;
    if (i >= top && lines[i].text) {
      // A page starts inside this run of lines: it is that page's text, not its foot.
      textAbove = true;
      break;
    }
    const chunk = lines.slice(i + 1, end + 1);
    if (!NOTE_START.test(chunk[0].text)) {
      textAbove = true;
      break;
    }
    chunks.unshift(chunk);
    start = i + 1;
  }
  // Notes stand under the page's text; a page of nothing but numbered lines is not a foot.
  if (!chunks.length || !textAbove) return null;
  const notes: NoteLines[] = [];
  for (const line of chunks.flat()) {
    const start = NOTE_START.exec(line.text);
    const expected = notes.length ? notes[notes.length - 1].number + 1 : null;
    if (start && (expected === null || Number(start[1]) === expected)) notes.push({ number: Number(start[1]), lines: [line] });
    else if (notes.length) notes[notes.length - 1].lines.push(line);
  }
  if (notes[0].number <= lastNumber) return null;
  return { start, notes };
}

/** Replaces the reference number after a word with the footnote's mark; answers the line index. */
function placeReference(lines: SourceLine[], from: number, to: number, number: number, index: number): number | null {
  const reference = new RegExp(`(?<=\\p{L}[.,;:)”"’]{0,2})${number}(?=[\\s.,;:)”"’]|$)`, 'u');
  for (let i = from; i < to; i++) {
    if (!reference.test(lines[i].text)) continue;
    lines[i].text = lines[i].text.replace(reference, `${FOOTNOTE_OPEN}${index}${FOOTNOTE_CLOSE}`);
    return i;
  }
  return null;
}

function appendToLastText(lines: SourceLine[], before: number, index: number): void {
  for (let i = before - 1; i >= 0; i--) {
    if (!lines[i].text) continue;
    lines[i].text += `${FOOTNOTE_OPEN}${index}${FOOTNOTE_CLOSE}`;
    return;
  }
}
