import type { StatementDocumentModel } from '../../src/documents/document-model';
import { footerAddressFor, footerLine } from '../../src/documents/organisation-addresses';
import { layoutStatement, renderStatementPdf, statementMarkup } from '../../src/documents/render-statement';
import { formatSwedishPhone } from '../../src/shared/phone-number';
import type { Block } from '../../src/statements/statement-body';
import { cleanUpPdfs, pageTexts, pdfinfo, savePdf, squash, words } from './pdf-tools';
import { sodermalmStatement } from './statement-fixtures';

/*
 * The house style of DESIGN.md §4 (issue #11 §2 and §4): what the page shows, checked with
 * poppler, and the keep-together rules, checked on the laid-out pages for every position at the
 * foot of a page.
 */
afterAll(cleanUpPdfs);

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const filler = (count: number): Block[] => Array.from({ length: count }, (_, i) => p(`Rad ${i + 1} i utfyllnaden.`));

/** The flow text of each laid-out page, a line per line. */
function layoutPages(model: StatementDocumentModel): string[] {
  return layoutStatement(model).pages.map((page) =>
    page.content
      .flatMap((op) => (op.kind === 'text' ? [op.line.fragments.map((f) => f.text).join('')] : []))
      .join('\n'),
  );
}
const pageOf = (pages: string[], text: string) => pages.findIndex((page) => page.includes(text));

/** Layouts for every filler length from 20 to 60 one-line paragraphs: the block under test lands at every height of the page. */
function everyPosition(build: (fill: Block[]) => StatementDocumentModel): string[][] {
  return Array.from({ length: 41 }, (_, i) => layoutPages(build(filler(20 + i))));
}

const plain = (sections: StatementDocumentModel['sections'], overrides: Partial<StatementDocumentModel> = {}) =>
  sodermalmStatement({ stance: null, sections, enclosures: [], approvals: [], signatories: [], ...overrides });

describe('keep-together', () => {
  it('keeps all three signatories together and with the last paragraph', () => {
    const signatories = [
      { name: 'Maria Ålund', title: 'Stadsdelsdirektör' },
      { name: 'Örjan Ek', title: 'Avdelningschef' },
      { name: 'Siv Berg', title: 'Enhetschef' },
    ];
    const layouts = everyPosition((fill) => plain([{ heading: 'Synpunkter', stance: null, body: [...fill, p('Sista stycket slutar här, med ordet slutord.')] }], { signatories }));
    for (const pages of layouts) {
      const at = pageOf(pages, 'Maria Ålund');
      expect([pageOf(pages, 'Siv Berg'), pageOf(pages, 'slutord')]).toEqual([at, at]);
    }
    expect(new Set(layouts.map((pages) => pages.length)).size).toBeGreaterThan(1);
  });

  it('never starts a list with one item at the foot of a page', () => {
    const list: Block = { type: 'bullet_list', items: ['Första punkten', 'Andra punkten', 'Tredje punkten'].map((text) => ({ content: [{ text }] })) };
    for (const pages of everyPosition((fill) => plain([{ heading: 'Synpunkter', stance: null, body: [...fill, list, p('Efter listan.')] }]))) {
      expect(pageOf(pages, 'Första punkten')).toBe(pageOf(pages, 'Andra punkten'));
    }
  });

  it('keeps a heading with two lines of its text, a stance line counting as one', () => {
    const build = (fill: Block[]) =>
      plain([
        { heading: 'Bakgrund', stance: null, body: fill },
        { heading: 'Förvaltningens synpunkter', stance: 'tillstyrker', body: [p('Första raden efter rubriken.'), p('Andra stycket.')] },
        { heading: 'Ärendets beredning', stance: null, body: [p('En rad.'), p('En rad till.')] },
      ]);
    for (const pages of everyPosition(build)) {
      const at = pageOf(pages, 'Förvaltningens synpunkter');
      expect([pageOf(pages, 'Ställningstagande: Tillstyrker'), pageOf(pages, 'Första raden efter rubriken.')]).toEqual([at, at]);
      const next = pageOf(pages, 'Ärendets beredning');
      expect([pageOf(pages, 'En rad.'), pageOf(pages, 'En rad till.')]).toEqual([next, next]);
    }
  });
});

describe('the page, as the seeds print it', () => {
  it('marks every page of a draft UTKAST, its title too; an attested statement is unmarked', async () => {
    const draft = savePdf(await renderStatementPdf(sodermalmStatement({ draft: true })), 'draft');
    const pages = pageTexts(draft);
    expect(pages.length).toBe(2);
    for (const page of pages) expect(page).toMatch(/^UTKAST$/m);
    expect(pdfinfo(draft)).toMatch(/^Title:\s+UTKAST: Stockholms stads program/m);
    const final = savePdf(await renderStatementPdf(sodermalmStatement({ draft: false })), 'final');
    for (const page of pageTexts(final)) expect(page).not.toContain('UTKAST');
  });

  it("prints the statement's own Dnr in the header, no Dnr line without one ('Dnr saknas' on a draft), never the remiss's", async () => {
    const own = pageTexts(savePdf(await renderStatementPdf(sodermalmStatement()), 'own'));
    for (const page of own) expect(page).toMatch(/^Dnr SÖ 2020\/1234$/m);
    const none = pageTexts(savePdf(await renderStatementPdf(sodermalmStatement({ caseNumber: null })), 'none'));
    for (const page of none) expect(page).not.toMatch(/^Dnr /m);
    expect(none.join('\n')).not.toMatch(/^Dnr KS/m);
    expect(statementMarkup(sodermalmStatement({ caseNumber: null, draft: true }))).toContain('<p class="dnr">Dnr saknas</p>');
  });

  it('leaves a missing name out: "Avdelningschef" alone, no handläggare name, never "Ej angivet"', async () => {
    const model = sodermalmStatement({
      officer: { name: null, phone: '0850805097', email: null },
      signatories: [
        { name: 'Maria Ålund', title: 'Stadsdelsdirektör' },
        { name: null, title: 'Avdelningschef' },
      ],
    });
    const file = savePdf(await renderStatementPdf(model), 'names');
    const text = pageTexts(file).join('\n');
    expect(text).not.toMatch(/Ej angivet|null|undefined/);
    expect(text).toMatch(/Handläggare\s+Telefon: 08-508 05 097/);
    expect(text).toMatch(/Maria Ålund\s+Stadsdelsdirektör\s+Avdelningschef/);
    const [director, head] = ['Stadsdelsdirektör', 'Avdelningschef'].map((title) => words(file).find((w) => w.text === title)!);
    expect(Math.abs(director.yMin - head.yMin)).toBeLessThan(1);
    // Nothing known about the handläggare: no Handläggare block at all.
    const unknown = pageTexts(savePdf(await renderStatementPdf(sodermalmStatement({ officer: { name: null, phone: null, email: null } })), 'no-officer'))[0];
    expect(unknown).not.toContain('Handläggare');
  });

  it('dates the header ISO and writes Telefon as Swedish numbers are written', async () => {
    const text = pageTexts(savePdf(await renderStatementPdf(sodermalmStatement({ officer: { name: 'Åsa Öberg', phone: '+46 8 508 050 97', email: null } })), 'iso'))[0];
    expect(text).toMatch(/^2020-11-19$/m);
    expect(text).not.toContain('19 november 2020');
    expect(text).toContain('Telefon: 08-508 05 097');
  });

  it('sets text ragged-right: word gaps are plain spaces, line ends differ', async () => {
    const file = savePdf(await renderStatementPdf(sodermalmStatement()), 'ragged');
    const lines = new Map<string, ReturnType<typeof words>>();
    for (const w of words(file).filter((w) => w.page === 1 && w.yMin > 200 && w.yMax - w.yMin > 9.6)) {
      const key = w.yMin.toFixed(0);
      lines.set(key, [...(lines.get(key) ?? []), w]);
    }
    // Paragraph lines (list lines start with their label and an indent).
    const full = [...lines.values()].filter((line) => line.length > 6 && !/^(•|–|\d+\.)$/.test(line[0].text));
    expect(full.length).toBeGreaterThan(5);
    for (const line of full) {
      for (let i = 1; i < line.length; i++) expect(line[i].xMin - line[i - 1].xMax).toBeLessThan(5);
    }
    // Justified, every line but a paragraph's last would end at the right margin (510 pt).
    const atMargin = full.filter((line) => line[line.length - 1].xMax > 508);
    expect(atMargin.length).toBeLessThan(full.length / 3);
  });

  it('prints the stance once, at the head of Förvaltningens synpunkter, not under the sub-title', async () => {
    const model = sodermalmStatement({ sections: sodermalmStatement().sections.map((s) => ({ ...s, stance: null })) });
    const text = squash(pageTexts(savePdf(await renderStatementPdf(model), 'stance')).join('\n'));
    expect(text.match(/Ställningstagande/g)).toHaveLength(1);
    expect(text).toContain('Förvaltningens synpunkter och förslag Ställningstagande: Tillstyrker med ändringar');
    // Seed 000 heads it "Synpunkter och förslag".
    const renamed = sodermalmStatement({ sections: model.sections.map((s) => ({ ...s, heading: s.heading.replace('Förvaltningens synpunkter', 'Synpunkter') })) });
    const renamedText = squash(pageTexts(savePdf(await renderStatementPdf(renamed), 'stance-renamed')).join('\n'));
    expect(renamedText.match(/Ställningstagande/g)).toHaveLength(1);
    expect(renamedText).toContain('Synpunkter och förslag Ställningstagande: Tillstyrker med ändringar');
  });

  it("prints the förvaltning's footer from the register, or the city's general line", async () => {
    const text = pageTexts(savePdf(await renderStatementPdf(sodermalmStatement({ administration: { name: 'Exempelförvaltningen', registerKey: 'finns-inte', department: null } })), 'footer'))[0];
    expect(squash(text)).toContain(squash(footerLine(footerAddressFor(null))));
  });
});

describe('formatSwedishPhone', () => {
  it.each([
    ['0850805097', '08-508 05 097'],
    ['08-508 12 345', '08-508 12 345'],
    ['+46 8 508 050 97', '08-508 05 097'],
    ['0046850805097', '08-508 05 097'],
    ['0311234567', '031-123 45 67'],
    ['070 123 45 67', '070-123 45 67'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
    ['anknytning 5097', 'anknytning 5097'],
  ])('%s → %s', (input, expected) => {
    expect(formatSwedishPhone(input)).toBe(expected);
  });
});
