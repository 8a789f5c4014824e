import { readFileSync } from 'node:fs';
import type { CompilationDocumentModel } from '../../src/documents/document-model';
import { layoutDocumentSpec, renderDocumentPdf } from '../../src/documents/render-document';
import { compilationModel, recipientName } from './letter-fixtures';
import { assertArchivable, cleanUpPdfs, headingsOf, headingsUnder, pageCount, pageTexts, pdfinfo, pdftotext, savePdf, squash, words } from './pdf-tools';

/*
 * The sammanställning as one PDF/A-2a rendered in one pass: title page, the status table with every
 * remissinstans, then each answered section (or each answer), checked with qpdf and poppler. The
 * 40-answer version (~330 pages) must come out as one intact, tagged document.
 */
afterAll(cleanUpPdfs);

const CREATED = new Date('2020-12-03T10:00:00Z');
const render = async (model: CompilationDocumentModel, name: string) => savePdf(await renderDocumentPdf({ kind: 'compilation', model }, { creationDate: CREATED }), name);
const FIRST_SENTENCE_OF_SYNPUNKTER = 'Förvaltningen är positiv till att programmet lyfter fram det förebyggande arbetet och vikten av samverkan mellan stadens verksamheter, civilsamhället och andra myndigheter.';
const headings = (model: CompilationDocumentModel) => model.compilation.sections.map((section) => section.heading);

describe('a sammanställning per section', () => {
  const model = compilationModel({ answered: 3, sectionsPerStatement: 0 });
  let file: string;
  beforeAll(async () => {
    file = await render(model, 'compilation-sections');
  });

  it('is a clean, tagged PDF/A-2a titled by the remiss, authored by the coordinator', () => {
    assertArchivable(file, /^Title:\s+Sammanställning av remissvar: Stockholms stads program mot våld/m);
    expect(pdfinfo(file)).toMatch(/^Author:\s+Socialförvaltningen$/m);
    expect(pdfinfo(file)).toMatch(/^Subject:\s+Dnr KS 2020\/924$/m);
  });

  it('shows every remissinstans in the status table with status, dates and stance', () => {
    const text = squash(pdftotext(file, '-layout'));
    const rows = model.compilation.matrix;
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(text).toContain(row.organisation.name);
    expect(text).toMatch(/Remissinstans\s+Status\s+Sista\s+Svar\s+Ställningstagande\s+svarsdag\s+inkom/);
    expect(text).toMatch(/Rinkeby-Kista stadsdelsnämnd\s+Besvarat\s+2020-11-27\s+2020-11-26\s+Tillstyrker/);
    expect(text).toMatch(/Norrmalms stadsdelsnämnd\s+Inga synpunkter\s+2020-11-27\s+2020-11-26\s+Inga synpunkter/);
    expect(text).toMatch(/Kungsholmens stadsdelsnämnd\s+Avstår, försenat\s+2020-11-27\s+2020-11-30/);
    expect(text).toMatch(/Södermalms stadsdelsnämnd\s+Ej påbörjat, försenat\s+2020-12-02\*/);
    // The title page counts the answers and the stances.
    expect(text).toMatch(/Svar\s+3 yttranden, 2 avstår, 1 utan synpunkter/);
    expect(text).toMatch(/Ställningstaganden\s+1 tillstyrker, 1 tillstyrker med ändringar, 1 avstyrker, 1 inga synpunkter/);
  });

  it('prints each answered section with every organisation that answered it, and the beredning paragraph', () => {
    const text = squash(pdftotext(file));
    expect(text).toContain(model.compilation.beredning);
    let from = text.indexOf('Svarsläget');
    for (const heading of headings(model)) {
      const at = text.indexOf(heading, from);
      expect({ heading, found: at >= 0 }).toEqual({ heading, found: true });
      from = at;
      for (const name of ['Rinkeby-Kista stadsdelsnämnd', 'Spånga-Tensta stadsdelsnämnd', 'Hässelby-Vällingby stadsdelsnämnd']) expect(text.indexOf(name, at)).toBeGreaterThan(at);
    }
    expect(text).toContain('Ställningstaganden: 1 tillstyrker, 1 tillstyrker med ändringar, 1 avstyrker');
  });

  it('flows on from the facts to the status table and through the sections, numbered "Sida N (M)"', () => {
    const pages = pageTexts(file, '-layout');
    expect(pages[0]).toContain('Ärendets beredning');
    pages.forEach((page, index) => expect(page).toContain(`Sida ${index + 1} (${pages.length})`));
    // Five sections of three answers each, flowed on: no more pages than the facts' page and one per
    // section (the next test checks that sections start part-way down a page).
    expect(pages.length).toBeLessThanOrEqual(1 + headings(model).length);
  });

  it('leaves no page but the last mostly empty, and starts sections part-way down a page', () => {
    const all = words(file);
    const footerTop = Math.max(...all.filter((w) => w.text === 'Socialförvaltningen').map((w) => w.yMin));
    const pages = pageCount(file);
    // A section heading below the body text of the one before it, on the same page.
    const lines = (page: number) => all.filter((w) => w.page === page).map((w) => w.text);
    const midPage = headings(model).filter((heading) => {
      for (let page = 2; page <= pages; page++) {
        const text = lines(page).join(' ');
        const at = text.indexOf(heading);
        if (at >= 0) return text.slice(0, at).includes('nämnd'); // an answer's text precedes it there
      }
      return false;
    });
    expect(midPage.length).toBeGreaterThanOrEqual(3);
    for (let page = 1; page < pages; page++) {
      const lowest = Math.max(...all.filter((w) => w.page === page && w.yMax < footerTop).map((w) => w.yMax));
      // Within the last few lines of the page body: only keep-together may leave a gap.
      expect({ page, filled: lowest > footerTop - 120 }).toEqual({ page, filled: true });
    }
  });

  it('sums each answer up by its stance and the first sentence of Förvaltningens synpunkter, never its background', () => {
    const text = squash(pdftotext(file));
    const summary = text.slice(text.indexOf('Svaren i korthet'), text.indexOf('Svarsläget'));
    // Every answer has its row; those that avstår or have inga synpunkter carry no suggestion and print nothing.
    expect(model.compilation.summaries.filter((summary) => summary.line)).toHaveLength(3);
    expect(model.compilation.summaries.filter((summary) => !summary.line).map((summary) => summary.suggestion)).toEqual([null, null, null]);
    expect(summary).toContain(`${recipientName(0)}: Tillstyrker. ${FIRST_SENTENCE_OF_SYNPUNKTER}`);
    expect(summary).toContain(`${recipientName(1)}: Tillstyrker med ändringar. ${FIRST_SENTENCE_OF_SYNPUNKTER}`);
    expect(summary).not.toContain('Förvaltningen välkomnar ett samlat program');
    expect(summary).not.toContain('Kommunstyrelsen har remitterat programmet');
  });

  it('prints an answer’s sub-headings as H4 under its organisation’s H3, in the section’s H2', () => {
    const SYNPUNKTER = 'Förvaltningens synpunkter och förslag';
    const QUESTIONS = ['Hur ser förvaltningen på programmets inriktning?', 'Vad behöver förtydligas?'];
    const headings = headingsOf(file);
    const section = headingsUnder(headings, SYNPUNKTER);
    expect(section).toEqual([['H2', SYNPUNKTER], ...[0, 1, 2].flatMap((n) => [['H3', recipientName(n)], ...QUESTIONS.map((q) => ['H4', q])])]);
    const text = squash(pdftotext(file));
    const at = text.lastIndexOf(recipientName(2));
    expect(text.indexOf(QUESTIONS[0], at)).toBeGreaterThan(at);
    expect(text.indexOf(FIRST_SENTENCE_OF_SYNPUNKTER, at)).toBeGreaterThan(text.indexOf(QUESTIONS[0], at));
  });

  it('says "Ej påbörjat, försenat" of a silent remissinstans while the remiss is open', () => {
    expect(squash(pdftotext(file, '-layout'))).toMatch(/Södermalms stadsdelsnämnd\s+Ej påbörjat, försenat\s+2020-12-02\*/);
  });
});

describe('a short sammanställning', () => {
  it('puts the status table under the facts on the first page, not on a page of its own', async () => {
    const pages = pageTexts(await render(compilationModel({ answered: 1, sectionsPerStatement: 0, declined: 0, noComments: 0, unanswered: 1 }), 'compilation-short'), '-layout');
    expect(pages[0]).toMatch(/Svaren i korthet[\s\S]*Svarsläget[\s\S]*Remissinstans\s+Status/);
  });
});

describe('a sammanställning of a closed remiss', () => {
  it('says "Svar saknas" of those who never answered, and nothing of lateness or work in progress', async () => {
    const text = squash(pdftotext(await render(compilationModel({ answered: 3, sectionsPerStatement: 0, status: 'closed' }), 'compilation-closed'), '-layout'));
    expect(text).toMatch(/Södermalms stadsdelsnämnd\s+Svar saknas\s+2020-12-02\*/);
    expect(text).toMatch(/Kungsholmens stadsdelsnämnd\s+Avstår, försenat/);
    expect(text).not.toContain('Ej påbörjat');
  });
});

describe('a sammanställning per remissinstans', () => {
  it('gives each answer in full, those who avstår with their reason', async () => {
    const model = compilationModel({ answered: 3, sectionsPerStatement: 0, groupBy: 'recipient' });
    const text = squash(pdftotext(await render(model, 'compilation-recipients')));
    for (const name of [recipientName(0), recipientName(1), recipientName(2)]) {
      const at = text.lastIndexOf(name);
      expect(text.indexOf('Förslag till beslut', at)).toBeGreaterThan(at);
    }
    expect(text).toContain(`${recipientName(3)} Avstår från att svara, 26 november 2020. Skäl: Ärendet berör inte nämndens ansvarsområde.`);
    expect(text).toContain(`${recipientName(5)} Inga synpunkter, 26 november 2020.`);
  });

  it('prints each answer’s sub-headings as H4 under its section’s H3', async () => {
    const model = compilationModel({ answered: 2, sectionsPerStatement: 0, groupBy: 'recipient' });
    const headings = headingsOf(await render(model, 'compilation-recipients-subheadings'));
    const second = headings.findIndex(([type, text]) => type === 'H2' && text === recipientName(1));
    expect(headingsUnder(headings, 'Förvaltningens synpunkter och förslag', second)).toEqual([
      ['H3', 'Förvaltningens synpunkter och förslag'],
      ['H4', 'Hur ser förvaltningen på programmets inriktning?'],
      ['H4', 'Vad behöver förtydligas?'],
    ]);
  });

  it('with no answers yet, says so', async () => {
    const text = squash(pdftotext(await render(compilationModel({ answered: 0, declined: 0, noComments: 0, unanswered: 4, groupBy: 'recipient' }), 'compilation-empty')));
    expect(text).toContain('Inga svar har kommit in ännu.');
    expect(text).toContain('Har inte svarat');
  });
});

describe('an answer with a section under its own heading and in its own order', () => {
  /** The second answer calls its third section "Vår egen rubrik" and puts it first. */
  const renamed = (groupBy: 'section' | 'recipient') => {
    const model = compilationModel({ answered: 2, sectionsPerStatement: 0, groupBy });
    const section = model.compilation.sections[2];
    const entry = section.entries.find((e) => e.organisation.name === recipientName(1))!;
    entry.heading = 'Vår egen rubrik';
    entry.position = -1;
    return { model, firstAnswersHeading: section.heading };
  };

  it('per section: printed under the first answer’s heading, saying its own', async () => {
    const { model, firstAnswersHeading } = renamed('section');
    const text = squash(pdftotext(await render(model, 'compilation-renamed-sections')));
    const at = text.lastIndexOf(firstAnswersHeading);
    expect(text.indexOf(`${recipientName(1)} Rubrik i svaret: Vår egen rubrik`, at)).toBeGreaterThan(at);
    expect(text.split('Rubrik i svaret').length - 1).toBe(1);
  });

  it('per remissinstans: under its own heading, in its own order', async () => {
    const { model, firstAnswersHeading } = renamed('recipient');
    const text = squash(pdftotext(await render(model, 'compilation-renamed-recipients')));
    const second = text.lastIndexOf(recipientName(1));
    const own = text.indexOf('Vår egen rubrik', second);
    expect(own).toBeGreaterThan(second);
    // First in that answer, before every other section of it; the first answer keeps the heading as it was.
    for (const other of model.compilation.sections.filter((s) => s.heading !== firstAnswersHeading)) expect(text.indexOf(other.heading, second)).toBeGreaterThan(own);
    expect(text.indexOf(firstAnswersHeading)).toBeLessThan(second);
    expect(text.indexOf(firstAnswersHeading, second)).toBe(-1);
  });
});

describe('a sammanställning of 40 answers', () => {
  const model = compilationModel({ answered: 40 });
  let file: string;
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    file = await render(model, 'compilation-40');
    pdf = readFileSync(file);
    pages = pageTexts(file, '-layout');
  }, 60_000);

  it('is one document of some 330 pages, written in one pass, not merged', () => {
    expect(pageCount(file)).toBeGreaterThanOrEqual(300);
    expect(pageCount(file)).toBe(layoutDocumentSpec({ kind: 'compilation', model }).pages.length);
    const raw = pdf.toString('latin1');
    expect(raw.match(/%%EOF/g)).toHaveLength(1);
    expect(raw.match(/\/Type \/Catalog/g)).toHaveLength(1);
    expect(raw.match(/\/Type \/StructTreeRoot/g)).toHaveLength(1);
  });

  it('keeps its structure intact: archivable, one tag tree with the status table once, every page numbered', () => {
    assertArchivable(file, /^Title:\s+Sammanställning av remissvar/m);
    const struct = pdfinfo(file, '-struct');
    expect(struct.match(/^Document\b/gm)).toHaveLength(1);
    // Facts (10 rows) and the status table (header + 46 rows); the header row repeated on later pages is an artifact.
    expect(struct.match(/^\s+TR\b/gm)).toHaveLength(10 + 1 + 46);
    expect(struct.match(/^\s+H3\b/gm)!.length).toBeGreaterThanOrEqual(40 * headings(model).length);
    expect(pages).toHaveLength(pageCount(file));
    pages.forEach((page, index) => expect(page).toContain(`Sida ${index + 1} (${pages.length})`));
    // The status table runs over pages; its header row is repeated on each.
    const tablePages = pages.filter((page) => /Remissinstans\s+Status\s+Sista\s+Svar\s+Ställningstagande/.test(page));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    expect(tablePages[0]).toContain('Svarsläget');
  });

  it('shows every remissinstans in the status table and every answered section', () => {
    const text = squash(pages.join(' '));
    for (let n = 0; n < 46; n++) expect(text).toContain(recipientName(n));
    for (const heading of headings(model)) expect(text).toContain(heading);
  });
});
