import { HASSELBY_VALLINGBY_STATEMENT } from '../../src/demo/demo-statement-001-hasselby-vallingby';
import { SOCIALNAMNDEN_STATEMENT } from '../../src/demo/demo-statement-002-socialnamnden';
import { SODERMALM_STATEMENT } from '../../src/demo/demo-statement-003-sodermalm';
import { PAGE } from '../../src/documents/layout-styles';
import { renderStatementPdf } from '../../src/documents/render-statement';
import { cleanUpPdfs, pageCount, pageTexts, pdfinfo, qpdfCheck, savePdf, squash, tool, words } from './pdf-tools';
import { demoStatementModel, expectedTexts, sodermalmStatement } from './statement-fixtures';
import type { StatementDocumentModel } from '../../src/documents/document-model';

/*
 * The tjänsteutlåtande PDF checked with independent tools (qpdf, poppler): structure, PDF/A and
 * tagging metadata, embedded fonts, the text in reading order with å, ä and ö intact, page numbers.
 */
afterAll(cleanUpPdfs);

const CREATED = new Date('2020-11-19T09:30:00Z');

/** The flow text of the pages: header, footer and footnotes (small type) left out, in page order. */
function flowText(file: string): string {
  return squash(
    words(file)
      .filter((w) => w.yMin > PAGE.top - 4 && w.yMax < PAGE.bottom + 2 && w.yMax - w.yMin > 9.6)
      .map((w) => w.text)
      .join(' '),
  );
}

function assertInOrder(text: string, expected: string[]): void {
  let from = 0;
  for (const part of expected) {
    const at = text.indexOf(squash(part), from);
    if (at < 0) throw new Error(`Not found after position ${from}: "${part}"\nin: ${text.slice(from, from + 300)}…`);
    from = at + squash(part).length;
  }
}

describe('the Södermalm-style statement', () => {
  const model = sodermalmStatement();
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model, { creationDate: CREATED }), 'sodermalm');
  });

  it('passes qpdf --check', () => {
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
  });

  it('is tagged, A4, PDF 1.7, with title, author, subject = Dnr and keywords', () => {
    const info = pdfinfo(file);
    expect(info).toMatch(/^Tagged:\s+yes/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    expect(info).toMatch(/^PDF version:\s+1\.7/m);
    expect(info).toMatch(/^Title:\s+Stockholms stads program mot våld i nära relationer 2021–2025$/m);
    expect(info).toMatch(/^Author:\s+Södermalms stadsdelsförvaltning$/m);
    expect(info).toMatch(/^Subject:\s+Dnr SÖ 2020\/1234$/m);
    expect(info).toMatch(/^Keywords:\s+Tjänsteutlåtande, Remissvar, KS 2020\/924/m);
    expect(info).toMatch(/^CreationDate:\s+Thu Nov 19 09:30:00 2020 UTC/m);
    expect(pageCount(file)).toBe(2);
  });

  it('declares PDF/A-2a in its XMP metadata, which is well-formed', () => {
    const meta = pdfinfo(file, '-meta');
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(meta).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Stockholms stads program mot våld i nära relationer 2021–2025</rdf:li>');
    expect(meta).toContain('<xmp:CreateDate>2020-11-19T09:30:00Z</xmp:CreateDate>');
  });

  it('has a structure tree of headings, paragraphs, lists and a table, in the language sv-SE', () => {
    const struct = pdfinfo(file, '-struct');
    for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Note']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    expect(tool('qpdf', ['--show-object=trailer', '--filtered-stream-data', file])).toContain('/Root');
    const catalog = tool('qpdf', ['--json', '--json-key=qpdf', file]);
    expect(catalog).toMatch(/"\/Lang": "u:sv-SE"/);
    expect(catalog).toMatch(/"\/Marked": true/);
    expect(catalog).toMatch(/"\/S": "\/GTS_PDFA1"/);
  });

  it('embeds every font, as a subset', () => {
    const lines = tool('pdffonts', [file]).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z]{6}\+LiberationSans/);
      expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('reads back every heading and paragraph in order, with å, ä and ö intact', () => {
    const text = flowText(file);
    assertInOrder(text, expectedTexts(model));
    expect(text).toContain('Ärendets beredning');
    expect(text).toContain('Förvaltningens synpunkter och förslag');
  });

  it('prints the header on every page with "Sida N (M)", the first-page block, signatures, Bilagor and attest', () => {
    const pages = pageTexts(file, '-layout');
    expect(pages).toHaveLength(2);
    pages.forEach((page, index) => {
      expect(page).toMatch(/Stockholms stad/);
      expect(page).toMatch(/Tjänsteutlåtande/);
      expect(page).toMatch(/Dnr SÖ 2020\/1234/);
      expect(page).toContain(`Sida ${index + 1} (2)`);
      expect(page).toMatch(/Södermalms stadsdelsförvaltning/);
    });
    expect(pages[0]).toMatch(/Handläggare\s+Till/);
    expect(pages[0]).toMatch(/Telefon: 08-508 12 345/);
    expect(pages[0]).toContain('2020-11-19');
    const last = pages[pages.length - 1];
    expect(last).toMatch(/Maria Ålund\s+Örjan Ek/);
    expect(last).toMatch(/Stadsdelsdirektör\s+Avdelningschef/);
    expect(last).toMatch(/1\.\s+Remiss av Stockholms stads program/);
    expect(last).toMatch(/2\.\s+Remissbrev, 2020-08-28/);
    expect(last).toMatch(/Attesterat av/);
    expect(last).toMatch(/Maria Ålund, Stadsdelsdirektör\s+2020-11-10/);
  });

  it('puts each footnote at the foot of the page that refers to it', () => {
    const pages = pageTexts(file, '-layout');
    expect(pages[0]).toMatch(/1\s+Jämför stadens budget för 2020/);
    expect(pages[1]).toMatch(/2\s+Uppföljning sker i stadens system/);
  });

  it('gives the same bytes for the same statement and creation date, and other bytes for another date', async () => {
    const again = await renderStatementPdf(sodermalmStatement(), { creationDate: CREATED });
    const first = await renderStatementPdf(model, { creationDate: CREATED });
    expect(again.equals(first)).toBe(true);
    const later = await renderStatementPdf(model, { creationDate: new Date('2021-01-01T00:00:00Z') });
    expect(later.equals(first)).toBe(false);
    // Without a date the statement's own date is used, never the clock.
    expect((await renderStatementPdf(model)).equals(await renderStatementPdf(model))).toBe(true);
  });
});

describe.each([
  ['Södermalm (seed 003)', SODERMALM_STATEMENT],
  ['Hässelby-Vällingby (seed 001)', HASSELBY_VALLINGBY_STATEMENT],
  ['Socialnämnden (seed 002, footnotes)', SOCIALNAMNDEN_STATEMENT],
])('the demo statement of %s', (_name, demo) => {
  const model: StatementDocumentModel = demoStatementModel(demo);
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model, { creationDate: CREATED }), 'demo');
  });

  it('is a clean, tagged PDF/A-2a', () => {
    qpdfCheck(file);
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes/m);
    expect(pdfinfo(file, '-meta')).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A</);
  });

  it('contains every heading and paragraph in order', () => {
    assertInOrder(flowText(file), expectedTexts(model));
  });

  it('numbers every page "Sida N (M)"', () => {
    const pages = pageTexts(file, '-layout');
    expect(pages.length).toBe(pageCount(file));
    pages.forEach((page, index) => expect(page).toContain(`Sida ${index + 1} (${pages.length})`));
  });
});
