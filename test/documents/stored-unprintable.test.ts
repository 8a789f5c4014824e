import { breakLines, type Line } from '../../src/documents/line-breaking';
import { STYLES } from '../../src/documents/layout-styles';
import { renderStatementPdf } from '../../src/documents/render-statement';
import type { Block } from '../../src/statements/statement-body';
import { assertArchivable, cleanUpPdfs, pageTexts, pdfinfo, pdftotext, savePdf, squash, tool } from './pdf-tools';
import { sodermalmStatement } from './statement-fixtures';

/*
 * Text saved before the printable rule (issue 11 §1) may still hold characters the fonts cannot
 * set. It must not print as empty boxes with nothing kept: the page shows each such run as its
 * code points ("[U+2713]"), and the text layer (copying, search, pdftotext) and the tags (a Span
 * with /ActualText) hold the characters as written.
 */
afterAll(cleanUpPdfs);

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const filler = (n: number) => Array.from({ length: n }, (_, i) => p(`Stycke ${i + 1} om remissen och dess förslag, skrivet för att fylla sidan med vanlig svensk text.`));

const model = sodermalmStatement({
  title: 'Titel ✓ klar',
  officer: { name: 'Li 李', phone: null, email: null },
  administration: { name: 'Förvaltning ★', registerKey: null, department: null },
  sections: [
    { heading: 'Språk 😀', stance: null, body: [p('Klart ✓ och 👨‍👩‍👧 samt 東京, sedan resten av stycket.'), p('שלום ✓ עולם'), ...filler(30)] },
  ],
  signatories: [{ name: 'Anna ☎', title: 'Direktör' }],
  approvals: [{ name: 'Bo ✔', title: 'Attestant', date: '2020-11-10' }],
});

/** pdfinfo -struct-text: what the tags hold in reading order, as poppler reads the drawn glyphs. */
const structText = (file: string) => squash([...pdfinfo(file, '-struct-text').matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join(' '));

describe('a statement holding stored text the fonts cannot print', () => {
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model), 'stored-unprintable');
  });

  it('is still an archivable PDF, with no box and no .notdef', () => {
    assertArchivable(file, /^Title:\s+Titel ✓ klar/m);
    expect(pdftotext(file)).not.toContain('\u25a1');
  });

  it('keeps every character in the text layer, where it was written', () => {
    const text = squash(pdftotext(file));
    for (const written of ['Titel ✓ klar', 'Li 李', 'Språk 😀', 'Klart ✓ och 👨‍👩‍👧 samt 東京, sedan resten av stycket.', 'Anna ☎', 'Bo ✔']) expect(text).toContain(written);
    // Only inside right-to-left text does the text layer keep the code points: poppler reads that
    // text in visual order and would turn an /ActualText there backwards; the line's tag says it (below).
    expect(text.match(/U\+[0-9A-F]+/g)).toEqual(['U+2713']);
  });

  it('shows each run of such characters on the page as its code points, the rest of the line unchanged', () => {
    const drawn = structText(file);
    expect(drawn).toContain('Titel [U+2713] klar');
    // poppler puts a space between marked-content sequences ("[U+6771 U+4EAC] ,"); the page has none.
    expect(drawn).toContain('Klart [U+2713] och [U+1F468 U+1F469 U+1F467] samt [U+6771 U+4EAC]');
    expect(drawn).toContain(', sedan resten av stycket.');
    expect(drawn).toContain('Li [U+674E]');
    expect(drawn).toContain('Anna [U+260E]');
    expect(drawn).toContain('Förvaltning [U+2605]');
  });

  it('tags each stand-in as a Span whose /ActualText is the characters', () => {
    const json = JSON.parse(tool('qpdf', ['--json', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const actual = Object.values(json.qpdf[1])
      .map((o) => o.value)
      .filter((v): v is Record<string, unknown> => !!v && v['/S'] === '/Span')
      .map((span) => span['/ActualText']);
    expect(actual).toEqual(expect.arrayContaining(['u:✓', 'u:😀', 'u:👨‍👩‍👧', 'u:東京', 'u:李', 'u:☎', 'u:✔', 'u:★']));
    // In a right-to-left line the line's own Span says it, with the rest in logical order.
    expect(actual).toContain('u:שלום ✓ עולם');
  });

  it('keeps the characters in the letterhead repeated on later pages too (an artifact, without tags)', () => {
    const pages = pageTexts(file);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('Förvaltning ★');
    expect(pages[1]).not.toContain('U+2605');
  });
});

describe('line breaking with stand-ins', () => {
  const style = STYLES.body.text;
  const texts = (lines: Line[]) => lines.map((line) => line.fragments.map((f) => f.text).join(''));

  it('moves a stand-in that fits a line to the next one whole, never cutting it', () => {
    const lines = breakLines([{ text: `${"x".repeat(30)}✓✓✓`, style }], 200, false);
    expect(texts(lines)).toEqual(['x'.repeat(30), '[U+2713\u00a0U+2713\u00a0U+2713]']);
    expect(lines[1].islands).toEqual([{ first: 0, last: 0, actualText: '✓✓✓', lang: null, standIn: true }]);
  });

  it('says the characters of a stand-in cut across lines once, with its first part', async () => {
    const long = '東'.repeat(40);
    const lines = breakLines([{ text: long, style }], 200, false);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((line) => line.islands?.[0]?.actualText)).toEqual([long, ...lines.slice(1).map(() => '')]);
    const pdf = savePdf(await renderStatementPdf(sodermalmStatement({ sections: [{ heading: 'Lång', stance: null, body: [p(`Före ${'東'.repeat(200)} efter`)] }] })));
    expect(squash(pdftotext(pdf))).toContain(`Före ${'東'.repeat(200)} efter`);
  });
});
