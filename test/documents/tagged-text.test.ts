import { SODERMALM_STATEMENT } from '../../src/demo/demo-statement-003-sodermalm';
import { STANCE_LABELS, type StatementDocumentModel } from '../../src/documents/document-model';
import { renderStatementPdf } from '../../src/documents/render-statement';
import type { Block, Inline } from '../../src/statements/statement-body';
import { cleanUpPdfs, headingsOf, headingsUnder, pdfinfo, qpdfCheck, savePdf, tool } from './pdf-tools';
import { demoStatementModel, sodermalmStatement } from './statement-fixtures';

/*
 * What a screen reader gets: the text read through the structure tree (pdfinfo -struct-text)
 * compared word for word with the statement, and the tags around footnotes, lists, the letterhead
 * and the bookmarks (ISO 32000-1 §14.8; the checks with poppler and qpdf).
 */
afterAll(cleanUpPdfs);

const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** The text of the tag tree in reading order: every quoted string of pdfinfo -struct-text. */
const tagged = new Map<string, string>();
function taggedText(file: string): string {
  if (!tagged.has(file)) tagged.set(file, [...pdfinfo(file, '-struct-text').matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join(' '));
  return tagged.get(file)!;
}

/** The statement's sections as they should read: footnote numbers where they stand, each note after the block referring to it. */
function expectedSectionWords(model: StatementDocumentModel): string[] {
  let footnote = 0;
  const out: string[] = [];
  const inlines = (content: Inline[]) => {
    const notes: string[] = [];
    for (const inline of content) {
      if ('footnote' in inline) {
        footnote++;
        out.push(String(footnote));
        notes.push(`${footnote} ${inline.footnote}`);
      } else out.push(...words(inline.text));
    }
    for (const note of notes) out.push(...words(note));
  };
  const list = (block: { type: string; items: Array<{ content: Inline[]; children?: { type: string; items: Array<{ content: Inline[] }> } }> }, depth: number) => {
    block.items.forEach((item, index) => {
      if (block.type === 'numbered_list') out.push(depth === 0 ? String(index + 1) : String.fromCharCode(97 + index));
      inlines(item.content);
      if (item.children) list(item.children, depth + 1);
    });
  };
  for (const section of model.sections) {
    out.push(...words(section.heading));
    if (section.stance) out.push(...words(`Ställningstagande: ${STANCE_LABELS[section.stance]}`));
    for (const block of section.body as Block[]) {
      if (block.type === 'paragraph') inlines(block.content);
      else if (block.type === 'subheading') out.push(...words(block.text));
      else list(block, 0);
    }
  }
  return out;
}

/** The tagged words from the first section heading on, as many as expected. */
function sectionWords(file: string, model: StatementDocumentModel, count: number): string[] {
  const all = words(taggedText(file));
  const first = words(model.sections[0].heading);
  const start = all.findIndex((_, i) => first.every((w, k) => all[i + k] === w));
  expect(start).toBeGreaterThanOrEqual(0);
  return all.slice(start, start + count);
}

/** The outline of pdfinfo -struct: each element with its depth. */
function elements(file: string): Array<{ depth: number; type: string; line: string }> {
  return pdfinfo(file, '-struct')
    .split('\n')
    .filter((line) => /^\s*[A-Z][A-Za-z]*\b/.test(line) && !line.trim().startsWith('"'))
    .map((line) => ({ depth: line.search(/\S/) / 2, type: /^\s*(\S+)/.exec(line)![1], line }));
}

interface OutlineItem {
  title: string;
  destpageposfrom1: number;
  kids: OutlineItem[];
}
function outlines(file: string): OutlineItem[] {
  return JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', file])).outlines as OutlineItem[];
}

describe('the tag tree of a statement', () => {
  const model = sodermalmStatement();
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model), 'tagged');
  });

  it('reads the sections word for word: no word glued across a line wrap or to its footnote number, sub-lists after their item', () => {
    const expected = expectedSectionWords(model);
    expect(sectionWords(file, model, expected.length)).toEqual(expected);
  });

  it('tags a footnote reference as Reference > Link to its Note, which has an /ID and is never a child of LI', () => {
    const tree = elements(file);
    const notes = tree.filter((e) => e.type === 'Note');
    expect(notes).toHaveLength(2);
    notes.forEach((note, index) => expect(note.line).toContain(`<fotnot-${index + 1}>`));
    tree.forEach((element, index) => {
      if (element.type === 'Reference') expect(tree[index + 1]).toMatchObject({ type: 'Link', depth: element.depth + 1 });
      if (element.type !== 'Note') return;
      const parent = tree.slice(0, index).reverse().find((e) => e.depth === element.depth - 1)!;
      expect(parent.type).not.toBe('LI');
    });
    // The link annotation of each reference goes to its note (named destinations on the note's page).
    const destinations = pdfinfo(file, '-dests');
    expect(destinations).toMatch(/^\s+1 \[ XYZ .*"fotnot-1"$/m);
    expect(destinations).toMatch(/"fotnot-2"$/m);
    const qdf = tool('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
    expect(qdf.match(/\/Subtype \/Link/g)).toHaveLength(2);
    expect(qdf).toContain('/Contents (Fotnot 1)');
    expect(qdf.match(/\/Type \/OBJR/g)).toHaveLength(2);
    expect(qdf).toMatch(/\/IDTree \d+ 0 R/);
  });

  it('tags page 1\'s letterhead as content, first in the reading order; its repeats stay artifacts', () => {
    const text = taggedText(file);
    expect(text.startsWith(`Stockholms stad ${model.administration.name} ${model.administration.department} Tjänsteutlåtande Dnr ${model.caseNumber}`)).toBe(true);
    // Two pages, one tagged letterhead.
    expect(text.match(/Tjänsteutlåtande/g)).toHaveLength(1);
    expect(text).not.toMatch(/Sida \d/);
  });

  it('bookmarks the headings of a multi-page document, the sections under the title', () => {
    const [title, ...others] = outlines(file);
    expect(others).toEqual([]);
    expect(title.title).toBe(model.title);
    expect(title.kids.map((k) => k.title)).toEqual([...model.sections.map((s) => s.heading), 'Bilagor', 'Attesterat av']);
    expect(title.kids[title.kids.length - 1].destpageposfrom1).toBe(2);
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
  });

  it('tags sub-headings as H3 under their section’s H2 and bookmarks them under its bookmark', () => {
    const synpunkter = model.sections.find((section) => section.heading === 'Förvaltningens synpunkter och förslag')!;
    const subheadings = synpunkter.body.flatMap((block) => (block.type === 'subheading' ? [block.text] : []));
    expect(subheadings).toHaveLength(2);
    expect(headingsUnder(headingsOf(file), synpunkter.heading)).toEqual([['H2', synpunkter.heading], ...subheadings.map((text) => ['H3', text])]);
    const [title] = outlines(file);
    const section = title.kids.find((kid) => kid.title === synpunkter.heading)!;
    expect(section.kids.map((kid) => kid.title)).toEqual(subheadings);
    expect(title.kids.filter((kid) => kid !== section).every((kid) => kid.kids.length === 0)).toBe(true);
  });

  it('has no bookmarks on a single page', async () => {
    const short = savePdf(await renderStatementPdf(sodermalmStatement({ sections: model.sections.slice(0, 1), enclosures: [], approvals: [] })), 'short');
    expect(tool('qpdf', ['--show-npages', short]).trim()).toBe('1');
    expect(outlines(short)).toEqual([]);
  });
});

describe('the demo Södermalm statement', () => {
  const model = demoStatementModel(SODERMALM_STATEMENT);
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model), 'demo-sodermalm');
  });

  it('reads word for word through its tags', () => {
    const expected = expectedSectionWords(model);
    expect(sectionWords(file, model, expected.length)).toEqual(expected);
  });

  it('has the four sub-headings of Ärendet (seed 003) as H3 under its H2, and as its bookmarks', () => {
    const SUBHEADINGS = ['Syfte med programmet', 'Programmets innehåll och struktur', 'Programmets mål', 'Ansvar och uppföljning'];
    const headings = headingsOf(file);
    expect(headingsUnder(headings, 'Ärendet')).toEqual([['H2', 'Ärendet'], ...SUBHEADINGS.map((text) => ['H3', text])]);
    expect(headings.filter(([type]) => type === 'H3').map(([, text]) => text)).toEqual(SUBHEADINGS);
    const arendet = outlines(file)[0].kids.find((kid) => kid.title === 'Ärendet')!;
    expect(arendet.kids.map((kid) => kid.title)).toEqual(SUBHEADINGS);
  });
});
