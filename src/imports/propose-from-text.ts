import { unprintableCharacters } from '../documents/printable-text';
import type { Block } from '../statements/statement-body';
import { ownSectionKey } from '../statements/statement-structure';
import { bodyFromLines, type BodyContext } from './body-blocks';
import { APPROVALS_HEADING, ENCLOSURES_HEADING, approvalsFrom, enclosuresFrom, signaturesAtEnd } from './closing';
import { extractFootnotes, FOOTNOTE_MARK } from './footnotes';
import { headerFrom } from './header-fields';
import { DATE_PATTERN, fold, isoFromMatch, vocabularyOf } from './import-text';
import type { ImportContext, Proposal, ProposedField, ProposedSection, StatedDate } from './proposal';
import { headingMatcher, headingText, looksLikeOwnSection } from './section-headings';
import { readSourceLines, type SourceLine } from './source-lines';
import { stanceOf } from './stance';

/**
 * A tjänsteutlåtande as plain text (from a PDF, Word or a paste) → a proposed statement. Pure: no
 * database, no I/O; the caller shows the proposal and writes nothing until the user accepts it.
 */
export function proposeFromText(text: string, context: ImportContext): Proposal {
  const { lines: read, removed } = readSourceLines(text);
  const vocabulary = vocabularyOf(read.map((l) => l.text));
  const { lines, footnotes } = extractFootnotes(read, vocabulary);
  const matchHeading = headingMatcher(context.catalogue);

  // Where the sections, the Bilagor and the approvals begin.
  const isHeadingLine = (index: number) => {
    const line = lines[index];
    if (!line.text || line.text.length > 80 || /[.,;]$/.test(line.text)) return false;
    const previous = lines[index - 1];
    return !previous || !previous.text || line.pageStart || /[.!?:]\s*$/.test(previous.text) || /^\*\*/.test(line.text);
  };
  const starts: Array<{ index: number; key: string; heading: string; confidence: 'high' | 'low' }> = [];
  let enclosuresAt = -1;
  let approvalsAt = -1;
  lines.forEach((line, index) => {
    // "Bilagor" and "Attesterat av" are known by their words alone: a signature may run straight into them.
    const folded = fold(headingText(line.text));
    if (APPROVALS_HEADING.test(folded) && approvalsAt < 0) approvalsAt = index;
    else if (ENCLOSURES_HEADING.test(folded) && approvalsAt < 0 && enclosuresAt < 0 && starts.length) enclosuresAt = index;
    else if (enclosuresAt < 0 && approvalsAt < 0 && (isHeadingLine(index) || (context.cued && CUED_HEADING.test(line.text)))) {
      const match = matchHeading(line.text);
      if (match && !starts.some((s) => s.key === match.key)) starts.push({ index, ...match });
      // A heading the file styled as a section's (Rubrik 1, the largest type) is one, once the sections have begun.
      else if (!match && context.cued && SECTION_HEADING.test(line.text) && starts.length) {
        const heading = headingText(line.text);
        starts.push({ index, key: ownSectionKey(heading, new Set(starts.map((s) => s.key))), heading, confidence: 'high' });
      }
    }
  });
  const bodyEnd = [enclosuresAt, approvalsAt, lines.length].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b));

  // A title the file styled as a heading is still the title: the header reads words, not marks.
  const headerLines = lines.slice(0, starts[0]?.index ?? 0).map((line) => (context.cued ? { ...line, text: headingText(line.text) } : line));
  const header = headerFrom(headerLines, vocabulary, context.organisations ?? []);
  const fullLine = typicalLineLength(lines);
  const bodyContext: BodyContext = { vocabulary, footnotes, fullLine, cued: context.cued };

  const sections: ProposedSection[] = [];
  let signatories: Proposal['signatories'] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : bodyEnd;
    let sectionLines = lines.slice(start.index + 1, end);
    if (i === starts.length - 1) {
      const signed = signaturesAtEnd(sectionLines);
      signatories = signed.signatories;
      sectionLines = sectionLines.slice(0, signed.start);
    }
    const lastLine = [...sectionLines].reverse().find((l) => l.text) ?? lines[start.index];
    const unplaced = sectionLines.some((l) => [...l.text.matchAll(FOOTNOTE_MARK)].some((mark) => !footnotes[Number(mark[1])].placed));
    const section: ProposedSection = {
      key: start.key,
      heading: start.heading,
      body: bodyFromLines(sectionLines, bodyContext),
      confidence: start.confidence === 'high' && !unplaced ? 'high' : 'low',
      source: { from: lines[start.index].no, to: lastLine.no },
    };
    // A file's styles said which headings head sections: its sub-headings stay sub-headings.
    if (context.cued) {
      sections.push(section);
      return;
    }
    sections.push(...splitOwnSections(section, sections, sectionLines));
  });
  if (!sections.length) {
    const body = bodyFromLines(lines.slice(0, bodyEnd), bodyContext);
    const first = lines.find((l) => l.text);
    if (body.length && first) sections.push({ key: 'egen-importerad-text', heading: 'Importerad text', body, confidence: 'low', source: { from: first.no, to: lines[bodyEnd - 1].no } });
  }

  const after = (from: number, to: number) => (from < 0 ? [] : lines.slice(from + 1, to));
  const enclosures = enclosuresFrom(after(enclosuresAt, approvalsAt >= 0 ? approvalsAt : lines.length), vocabulary);
  const approvals = approvalsFrom(after(approvalsAt, lines.length));

  return {
    header,
    deadline: deadlineOf(read),
    sections,
    signatories,
    enclosures,
    approvals,
    stance: stanceOf(sections),
    dates: datesIn(read),
    unprintable: unprintableIn(read),
    removed,
  };
}

/** Heading lines a file's layout marked: `##` a section, `###` a sub-heading (file-text/). */
const CUED_HEADING = /^#{1,3}\s/;
const SECTION_HEADING = /^#{1,2}\s/;

/**
 * An unknown sub-heading that names a section of its own kind ("Ekonomiska konsekvenser") starts
 * an own section; other sub-headings, questions among them, stay inside their section.
 */
function splitOwnSections(section: ProposedSection, before: readonly ProposedSection[], lines: readonly SourceLine[]): ProposedSection[] {
  const result: ProposedSection[] = [section];
  const taken = new Set(before.map((s) => s.key));
  taken.add(section.key);
  let current = section;
  const end = section.source.to;
  const blocks: Block[] = section.body;
  current.body = [];
  for (const block of blocks) {
    if (block.type === 'subheading' && !block.text.endsWith('?') && looksLikeOwnSection(block.text)) {
      const key = ownSectionKey(block.text, taken);
      taken.add(key);
      const headingLine = lines.find((l) => l.no > current.source.from && l.text === block.text);
      const from = headingLine?.no ?? current.source.from;
      const previousText = [...lines].reverse().find((l) => l.text && l.no < from);
      if (previousText && previousText.no >= current.source.from) current.source.to = previousText.no;
      current = { key, heading: block.text, body: [], confidence: 'low', source: { from, to: end } };
      result.push(current);
      continue;
    }
    current.body.push(block);
  }
  return result;
}

function typicalLineLength(lines: readonly SourceLine[]): number {
  const lengths = lines.map((l) => l.text.length).filter((n) => n > 0).sort((a, b) => a - b);
  return lengths.length ? lengths[Math.floor(lengths.length * 0.75)] : 80;
}

/** The text with its lines joined, and where each line begins: for patterns a line break may cut. */
function flatten(lines: readonly SourceLine[]): { text: string; lineAt: (offset: number) => number } {
  const offsets: number[] = [];
  let text = '';
  for (const line of lines) {
    offsets.push(text.length);
    text += `${line.text.replace(FOOTNOTE_MARK, '')} `;
  }
  const lineAt = (offset: number) => {
    // The last line that begins at or before the offset (binary search: a long text may state many dates).
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (offsets[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return lines[low].no;
  };
  return { text, lineAt };
}

function datesIn(lines: readonly SourceLine[]): StatedDate[] {
  const { text, lineAt } = flatten(lines);
  const dates: StatedDate[] = [];
  for (const match of text.matchAll(DATE_PATTERN)) {
    // A date inside a web address or a file name ("…/2011-10-19.pdf") is not one the text states.
    if (/[/_.:\w-]/.test(text[match.index - 1] ?? ' ')) continue;
    const iso = isoFromMatch(match);
    if (iso) dates.push({ iso, line: lineAt(match.index) });
  }
  return dates;
}

/** "… tillhanda senast den 27 november 2020", "för yttrande senast 2020-12-02". */
function deadlineOf(lines: readonly SourceLine[]): ProposedField<string | null> {
  const { text, lineAt } = flatten(lines);
  const senast = /\bsenast\s+(?:den\s+)?/giu;
  for (const match of text.matchAll(senast)) {
    DATE_PATTERN.lastIndex = 0;
    const rest = text.slice(match.index + match[0].length);
    const date = [...rest.matchAll(DATE_PATTERN)][0];
    if (!date || date.index !== 0) continue;
    const iso = isoFromMatch(date);
    if (iso) {
      const from = lineAt(match.index);
      return { value: iso, confidence: 'high', source: { from, to: lineAt(match.index + match[0].length + date[0].length - 1) } };
    }
  }
  return { value: null, confidence: 'low', source: null };
}

function unprintableIn(lines: readonly SourceLine[]): Proposal['unprintable'] {
  return lines.flatMap((line) => unprintableCharacters(line.text).map((character) => ({ character, line: line.no })));
}
