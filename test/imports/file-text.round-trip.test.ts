import { renderStatementPdf } from '../../src/documents/render-statement';
import { closeImportWorkers, extractFileText, type ExtractedText } from '../../src/imports/file-text';
import { proposeFromText } from '../../src/imports/propose-from-text';
import type { Proposal } from '../../src/imports/proposal';
import { headingMatcher } from '../../src/imports/section-headings';
import { sectionBodySchema } from '../../src/statements/statement-body';
import { ownSectionKey } from '../../src/statements/statement-structure';
import { CATALOGUE } from './catalogue';
import { invented } from './file-text-statement';
import { statementDocx, statementOdt } from './file-text-writers';

/*
 * The measure for files: an invented statement written as Word (with real heading styles,
 * and with direct formatting only), as OpenDocument, and as a PDF from the project's own renderer,
 * read back with extractFileText and proposeFromText, comes back equal section by section.
 */
afterAll(closeImportWorkers);

const model = invented();
const match = headingMatcher(CATALOGUE);
/** What the import should give for each of the model's sections: the catalogue's key and heading, or an own section. */
const expectedSections = model.sections.map((section) => {
  const known = match(section.heading);
  return known ? { key: known.key, heading: known.heading, body: section.body } : { key: ownSectionKey(section.heading, new Set()), heading: section.heading, body: section.body };
});

const files: Array<[string, () => Promise<Buffer>, string]> = [
  ['a Word document with heading styles', () => statementDocx(model, 'styles'), 'utlatande.docx'],
  ['a Word document with direct formatting only', () => statementDocx(model, 'direct'), 'utlatande.docx'],
  ['an OpenDocument text', async () => statementOdt(model), 'utlatande.odt'],
  ['a PDF from the project’s renderer', () => renderStatementPdf(model, { creationDate: new Date('2025-02-11T10:00:00Z') }), 'utlatande.pdf'],
];

describe.each(files)('%s', (_what, write, fileName) => {
  let extracted: ExtractedText;
  let proposal: Proposal;
  beforeAll(async () => {
    extracted = await extractFileText(await write(), fileName);
    proposal = proposeFromText(extracted.text, { catalogue: CATALOGUE, cued: extracted.cued });
  });

  it('is read by its content, with its headings cued by layout', () => {
    expect(extracted.format).toBe(fileName.split('.').pop());
    expect(extracted.cued).toBe(true);
    expect(extracted.needsOcr).toBe(false);
    expect(extracted.pages).toBe(extracted.format === 'pdf' ? 2 : null);
    expect(extracted.text).toBe(extracted.text.normalize('NFC'));
  });

  it('gives every section back in order, mapped to the catalogue, with high confidence', () => {
    expect(proposal.sections.map((s) => [s.key, s.heading, s.confidence])).toEqual(expectedSections.map((s) => [s.key, s.heading, 'high']));
  });

  it('gives each section’s body back equal: paragraphs, bold, sub-headings, nested lists and footnotes', () => {
    proposal.sections.forEach((section, i) => {
      expect({ key: section.key, body: section.body }).toEqual({ key: expectedSections[i].key, body: expectedSections[i].body });
      expect(sectionBodySchema.safeParse(section.body).error).toBeUndefined();
    });
  });

  it('reads the header, the signatories and the Bilagor', () => {
    const value = (field: keyof Proposal['header']) => proposal.header[field].value;
    expect([value('administration'), value('department'), value('officerName'), value('officerPhone'), value('to'), value('date')]).toEqual([
      model.administration.name,
      model.administration.department,
      model.officer.name,
      model.officer.phone,
      model.to,
      model.date,
    ]);
    expect([value('ownCaseNumber'), value('remissCaseNumber'), value('title'), value('subtitle')]).toEqual([model.caseNumber, model.remissCaseNumber, model.title, model.subtitle]);
    expect(proposal.signatories.map((s) => ({ name: s.name, title: s.title }))).toEqual(model.signatories);
    expect(proposal.enclosures.map((e) => ({ title: e.title }))).toEqual(model.enclosures);
  });
});

describe('a UTF-8 text file', () => {
  it('is read as it is, normalised to NFC, and the core finds its sections by their words', async () => {
    const decomposed = 'Sammanfattning\nFörvaltningen tillstyrker förslaget.\n\nBakgrund\nÄrendet kom in i maj.\n'.normalize('NFD');
    const extracted = await extractFileText(Buffer.from(`\uFEFF${decomposed}`, 'utf8'), 'utlatande.txt');
    expect(extracted).toEqual({ text: decomposed.normalize('NFC'), format: 'text', pages: null, needsOcr: false, cued: false });
    const proposal = proposeFromText(extracted.text, { catalogue: CATALOGUE, cued: extracted.cued });
    expect(proposal.sections.map((s) => s.key)).toEqual(['sammanfattning', 'bakgrund']);
  });
});

describe('a longer PDF, where paragraphs and lists run across page breaks', () => {
  it('comes back equal section by section', async () => {
    // One paragraph longer than a page, so it must break across one.
    const sentences = Array.from({ length: 40 }, (_, i) => `Mening nummer ${i + 1} i det långa stycket handlar om hur biblioteken kan samarbeta med förskolorna.`);
    const longParagraph = { type: 'paragraph' as const, content: [{ text: sentences.join(' ') }] };
    const long = { ...model, sections: model.sections.map((section, i) => ({ ...section, body: [...Array.from({ length: 8 }, () => section.body).flat(), ...(i === 1 ? [longParagraph] : [])] })) };
    const extracted = await extractFileText(await renderStatementPdf(long, { creationDate: new Date('2025-02-11T10:00:00Z') }), 'langt.pdf');
    expect(extracted.pages).toBeGreaterThanOrEqual(6);
    const proposal = proposeFromText(extracted.text, { catalogue: CATALOGUE, cued: extracted.cued });
    expect(proposal.sections.map((s) => ({ key: s.key, body: s.body }))).toEqual(expectedSections.map((s, i) => ({ key: s.key, body: long.sections[i].body })));
    // The page frame (letterhead, "Sida n (m)", the footer address) is gone from the text.
    expect(extracted.text).not.toMatch(/Sida [2-9]/);
    expect(extracted.text).not.toMatch(/Växel/);
  });
});
