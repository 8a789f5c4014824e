/**
 * What a word processor's document holds, reduced to what the import core reads: paragraphs of
 * runs with their weight and size, the heading level a style gave, list membership, footnotes.
 * DOCX (docx.ts) and ODT (odt.ts) both produce these; textOf() writes the cued text
 * (`## Section`, `### Sub-heading`, `**bold**`, list markers, `[^n]` footnotes).
 */
export interface StyledRun {
  text: string;
  bold: boolean;
  /** Points; null where the run does not set one (the document's default applies). */
  size: number | null;
  /** A footnote reference: the note's text; `text` is empty. */
  footnote?: string;
}

export interface StyledParagraph {
  runs: StyledRun[];
  /** The level a paragraph style gave: 1 a section heading, 2 a sub-heading, 'title' the document's title. */
  heading: 1 | 2 | 'title' | null;
  list: { ordered: boolean; level: number } | null;
  /** The paragraph opens a new page (a PDF's): written after a blank line and a form feed. A paragraph that runs on over a page break holds the form feed in a run instead. */
  pageStart?: boolean;
}

/**
 * The heading a paragraph style's name stands for, in English and Swedish as Word and LibreOffice
 * name them ("Heading 1", "Rubrik 2", "Title", "Underrubrik"): level 1 a section heading, 2 and
 * deeper sub-headings, a title or subtitle the document's title. Both readers use it (DOCX
 * through mammoth's style names, ODT through its display names), so they agree on what a name means.
 */
export function headingOfStyle(name: string): StyledParagraph['heading'] {
  const level = /^(?:heading|rubrik)\s*(\d)$/i.exec(name.trim())?.[1];
  if (level === '1') return 1;
  if (level !== undefined && level !== '0') return 2;
  return /^(title|rubrik|titel|subtitle|underrubrik)$/i.test(name.trim()) ? 'title' : null;
}

/** A paragraph this long is text, however it is set. */
const MAX_HEADING_CHARACTERS = 120;
/** Larger than the body text by this much (points) reads as a heading. */
const LARGER_BY = 1;
/** Headings set by direct formatting needed before the document counts as cued. */
const MIN_DIRECT_HEADINGS = 3;
/** A size used by this many headings is the section headings' (a title is one, maybe two, lines). */
const SECTION_SIZE_COUNT = 3;

const plain = (paragraph: StyledParagraph) => paragraph.runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
const visibleRuns = (paragraph: StyledParagraph) => paragraph.runs.filter((r) => r.text.trim());

/** `knownBodySize`: the body text's size where the reader has measured it already (a PDF's); else the most common size of the paragraphs that are not headings. */
export function textOf(paragraphs: readonly StyledParagraph[], defaultSize: number, knownBodySize?: number): { text: string; cued: boolean } {
  const sizeOf = (run: StyledRun) => run.size ?? defaultSize;
  const bodySize = knownBodySize ?? mostCommonSize(paragraphs.filter((p) => p.heading === null), sizeOf) ?? defaultSize;

  // Direct formatting: a short paragraph wholly bold and/or larger than the body text is a heading.
  const direct = new Map<StyledParagraph, number>();
  for (const paragraph of paragraphs) {
    if (paragraph.heading !== null || paragraph.list) continue;
    const text = plain(paragraph);
    const runs = visibleRuns(paragraph);
    if (!text || !runs.length || text.length > MAX_HEADING_CHARACTERS || /[.,;]$/.test(text)) continue;
    const size = Math.min(...runs.map(sizeOf));
    if (runs.every((r) => r.bold) || size >= bodySize + LARGER_BY) direct.set(paragraph, size);
  }
  const sectionSize = sectionHeadingSize([...direct.values()], bodySize);

  const out: string[] = [];
  const notes: string[] = [];
  const counters: number[] = [];
  let previousWasItem = false;
  for (const paragraph of paragraphs) {
    const text = inlineText(paragraph, notes);
    if (!text.trim()) continue;
    let line: string;
    const directSize = direct.get(paragraph);
    const level = paragraph.heading ?? (directSize === undefined ? null : sectionSize !== null && directSize >= sectionSize ? 1 : 2);
    if (paragraph.list && paragraph.heading === null) {
      const { ordered, level: depth } = paragraph.list;
      counters.length = depth + 1;
      counters[depth] = (counters[depth] ?? 0) + 1;
      const marker = ordered ? `${counters[depth]}.` : depth === 0 ? '•' : '◦';
      line = `${' '.repeat(4 * depth)}${marker} ${text.trim()}`;
    } else {
      counters.length = 0;
      const words = plain(paragraph);
      line = level === 1 ? `## ${words}` : level === 2 ? `### ${words}` : level === 'title' ? words : text.trim();
    }
    // List items follow one another line by line; everything else stands apart by a blank line.
    const isItem = paragraph.list !== null && paragraph.heading === null;
    if (out.length) out.push(paragraph.pageStart ? '\n\n\f' : isItem && previousWasItem ? '\n' : '\n\n');
    out.push(line);
    previousWasItem = isItem;
  }
  if (notes.length) out.push('\n\n', notes.map((note, i) => `[^${i + 1}]: ${note}`).join('\n'));
  // One bold line ("Handläggare") is emphasis, not a layout of headings the core may trust over its own rules.
  const cued = paragraphs.some((p) => p.heading === 1 || p.heading === 2) || direct.size >= MIN_DIRECT_HEADINGS;
  return { text: `${out.join('')}\n`, cued };
}

/** The runs as one line: bold runs in `**`, footnote references as `[^n]`, line breaks kept. */
function inlineText(paragraph: StyledParagraph, notes: string[]): string {
  let text = '';
  let bold = '';
  const flush = () => {
    if (!bold) return;
    const [, before, inner, after] = /^(\s*)(.*?)(\s*)$/su.exec(bold)!;
    text += inner ? `${before}**${inner}**${after}` : bold;
    bold = '';
  };
  const allBold = visibleRuns(paragraph).every((r) => r.bold);
  for (const run of paragraph.runs) {
    if (run.footnote !== undefined) {
      flush();
      notes.push(run.footnote.replace(/\s+/g, ' ').trim());
      text += `[^${notes.length}]`;
    } else if ((run.bold || (bold && !run.text.trim())) && !allBold) {
      // Spaces and line breaks inside a bold phrase stay inside it: "**bör\nkompletteras**", not two phrases.
      bold += run.text;
    }
    else {
      flush();
      text += run.text;
    }
  }
  flush();
  // A paragraph that is bold throughout is emphasis as a whole (a heading is written apart from this).
  const joined = text.replace(/[ \t]+/g, ' ');
  return allBold && joined.trim() && !paragraph.heading ? joined.replace(/^(\s*)(.*?)(\s*)$/su, '$1**$2**$3') : joined;
}

function mostCommonSize(paragraphs: readonly StyledParagraph[], sizeOf: (run: StyledRun) => number): number | null {
  const characters = new Map<number, number>();
  for (const paragraph of paragraphs) for (const run of paragraph.runs) characters.set(sizeOf(run), (characters.get(sizeOf(run)) ?? 0) + run.text.length);
  let best: number | null = null;
  for (const [size, count] of characters) if (best === null || count > characters.get(best)!) best = size;
  return best;
}

/** The largest size, above the body's, that several headings share: section headings; smaller ones are sub-headings. */
function sectionHeadingSize(sizes: readonly number[], bodySize: number): number | null {
  const counts = new Map<number, number>();
  for (const size of sizes) if (size > bodySize) counts.set(size, (counts.get(size) ?? 0) + 1);
  const shared = [...counts].filter(([, count]) => count >= SECTION_SIZE_COUNT).map(([size]) => size);
  return shared.length ? Math.max(...shared) : null;
}
