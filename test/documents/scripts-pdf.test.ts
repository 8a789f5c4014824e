import { PAGE } from '../../src/documents/layout-styles';
import { renderStatementHtml, renderStatementPdf } from '../../src/documents/render-statement';
import type { Block } from '../../src/statements/statement-body';
import { assertArchivable, cleanUpPdfs, pdftotext, savePdf, squash, tool, words, type Word } from './pdf-tools';
import { sodermalmStatement } from './statement-fixtures';

/*
 * Issue 11 §1: every script the embedded font holds is typeset and reads back; Hebrew is set right
 * to left (Unicode bidi algorithm) with its logical text and language in the tags.
 */
afterAll(cleanUpPdfs);

const GREEK = 'Η Στοκχόλμη είναι η πρωτεύουσα της Σουηδίας.';
const CYRILLIC = 'Стокгольм является столицей Швеции.';
const SAMI = 'Sámegiella lea ođđa jagi ovdal; Ŋ ŋ Ŧ ŧ Đ đ Č č Š š Ž ž.';
// A paragraph in Hebrew: set right to left as a whole.
const HEBREW = 'ארגון העובדים של שטוקהולם פרסם דוח חדש על הדיור בעיר';
// Hebrew inside a Swedish sentence, with a number belonging to the Hebrew.
const MIXED_HEBREW = 'שלום עולם 123';
const MIXED = `Citatet ${MIXED_HEBREW} står i rapporten.`;
const HEBREW_ITEM = 'פריט ראשון';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const model = sodermalmStatement({
  sections: [{ heading: 'Språk', stance: null, body: [p(GREEK), p(CYRILLIC), p(SAMI), p(HEBREW), p(MIXED), { type: 'bullet_list', items: [{ content: [{ text: HEBREW_ITEM }] }, { content: [{ text: 'Svensk punkt' }] }] }] }],
});

// pdftotext marks right-to-left stretches with embedding controls (U+202A–U+202E): not text.
const plain = (text: string) => squash(text.replace(/[\u202a-\u202e]/g, ''));
const reversed = (text: string) => [...text].reverse().join('');
const wordsOn = (all: Word[], y: number) => all.filter((w) => Math.abs(w.yMin - y) < 1).sort((a, b) => a.xMin - b.xMin);

describe('scripts in the PDF', () => {
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model), 'scripts');
  });

  it('typesets Greek, Cyrillic, Sámi and Hebrew with the embedded font: they read back through pdftotext', () => {
    assertArchivable(file, /^Title:/m);
    const text = plain(pdftotext(file));
    for (const sentence of [GREEK, CYRILLIC, SAMI, HEBREW]) expect(text).toContain(sentence);
    expect(text).not.toContain('\u25a1');
  });

  it('sets a Hebrew paragraph right to left: the first word at the right margin, each word drawn in visual order', () => {
    const all = words(file);
    const first = all.find((w) => w.text === reversed('ארגון'))!;
    expect(first).toBeDefined();
    const line = wordsOn(all, first.yMin);
    // On the page, left to right, the words are the sentence backwards, each spelt backwards (the glyph order).
    expect(line.map((w) => w.text)).toEqual(HEBREW.split(' ').reverse().map(reversed));
    expect(line[line.length - 1].xMax).toBeCloseTo(PAGE.right, 0);
    expect(line[0].xMin).toBeGreaterThan(PAGE.left + 20);
  });

  it('sets Hebrew inside a Swedish line in bidi order, the number at the left of the Hebrew words', () => {
    const all = words(file);
    const start = all.find((w) => w.text === 'Citatet')!;
    const line = wordsOn(all, start.yMin).map((w) => w.text);
    expect(line).toEqual(['Citatet', '123', reversed('עולם'), reversed('שלום'), 'står', 'i', 'rapporten.']);
    expect(all.find((w) => w.text === 'Citatet')!.xMin).toBeCloseTo(PAGE.left, 0);
  });

  it('gives a Hebrew list item its bullet at the right margin, a Swedish one at the left', () => {
    const all = words(file);
    const item = all.find((w) => w.text === reversed('ראשון'))!;
    const bullets = all.filter((w) => w.text === '\u2022');
    const hebrewBullet = bullets.find((b) => Math.abs(b.yMin - item.yMin) < 1)!;
    expect(hebrewBullet.xMax).toBeCloseTo(PAGE.right, 0);
    expect(item.xMax).toBeLessThan(hebrewBullet.xMin - 10);
    const swedish = all.find((w) => w.text === 'Svensk')!;
    expect(bullets.find((b) => Math.abs(b.yMin - swedish.yMin) < 1)!.xMin).toBeCloseTo(PAGE.left, 0);
  });

  it('tags each right-to-left stretch as a Span with /Lang he and its logical text as /ActualText', () => {
    const json = JSON.parse(tool('qpdf', ['--json', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const spans = Object.values(json.qpdf[1])
      .map((o) => o.value)
      .filter((v): v is Record<string, unknown> => !!v && v['/S'] === '/Span');
    const actual = spans.map((s) => [s['/ActualText'], s['/Lang']]);
    expect(actual).toEqual(expect.arrayContaining([[`u:${HEBREW}`, 'u:he'], [`u:${MIXED_HEBREW}`, 'u:he']]));
    // The marked content on the page says the language too (content-based readers).
    const content = tool('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
    expect(content).toMatch(/\/Span <<\s*\/MCID \d+\s*\/Lang \(he\)\s*>> BDC/);
  });

  it('leaves documents without right-to-left text as they were: no Span', async () => {
    const latin = savePdf(await renderStatementPdf(sodermalmStatement({ sections: [{ heading: 'Språk', stance: null, body: [p(GREEK), p(SAMI)] }] })));
    expect(tool('qpdf', ['--qdf', '--object-streams=disable', latin, '-'])).not.toContain('/Span');
  });
});

describe('scripts in the HTML preview', () => {
  const html = renderStatementHtml(model);

  it('marks right-to-left paragraphs and list items with dir="rtl" and lang="he", and only those', () => {
    expect(html).toContain(`<p dir="rtl" lang="he">${HEBREW}</p>`);
    expect(html).toContain(`<p>${MIXED}</p>`);
    expect(html).toContain(`<p>${GREEK}</p>`);
    expect(html).toContain(`<li dir="rtl" lang="he">${HEBREW_ITEM}</li>`);
    expect(html).toContain('<li>Svensk punkt</li>');
    expect(html.match(/dir="rtl"/g)).toHaveLength(2);
  });
});
