import fc from 'fast-check';
import { renderStatementPdf } from '../../src/documents/render-statement';
import { closeImportWorkers, extractFileText } from '../../src/imports/file-text';
import { docxText } from '../../src/imports/file-text/docx';
import { IMPORT_LIMITS } from '../../src/imports/file-text/import-file-error';
import { odtText } from '../../src/imports/file-text/odt';
import { proposeFromText } from '../../src/imports/propose-from-text';
import type { Block, Inline } from '../../src/statements/statement-body';
import { CATALOGUE } from './catalogue';
import { invented } from './file-text-statement';
import { statementDocx, statementOdt } from './file-text-writers';

/*
 * Statements built at random (paragraphs with bold words and footnotes, sub-headings and questions,
 * numbered and bulleted lists with nested items) written as a Word document with direct formatting
 * only, as an ODT and as the project's PDF, and read back: every section's body comes back equal.
 * DOCX and ODT are read in this thread (the worker adds only isolation); the PDF through the worker,
 * as pdf.js loads itself with a dynamic import that Jest's module sandbox does not allow.
 */
afterAll(closeImportWorkers);
const WORDS = ['biblioteket', 'staden', 'barnen', 'arbetet', 'förvaltningen', 'nämnden', 'målen', 'insatser', 'läsning', 'och', 'för', 'med', 'att', 'som', 'ska', 'har', 'är', 'en', 'ett', 'på', 'till', 'under', 'skolan', 'lokalerna', 'uppföljningen', 'budgeten', 'samverkan', 'året', 'öppettider', 'äldre'];

const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max });
const capitalised = (list: string[]) => `${list[0][0].toUpperCase()}${list[0].slice(1)}${list.length > 1 ? ' ' : ''}${list.slice(1).join(' ')}`;
const sentence = (min: number, max: number) => words(min, max).map((list) => `${capitalised(list)}.`);

/** A paragraph: sentences, maybe a bold phrase inside (never the whole paragraph: that reads as a heading), maybe a footnote at its end. */
const paragraph: fc.Arbitrary<Block> = fc
  .record({ before: sentence(3, 30), bold: fc.option(words(1, 3), { nil: undefined }), after: sentence(2, 20), note: fc.option(sentence(3, 10), { nil: undefined }) })
  .map(({ before, bold, after, note }) => {
    const content: Inline[] = bold ? [{ text: `${before} ` }, { text: bold.join(' '), bold: true }, { text: ` ${after}` }] : [{ text: `${before} ${after}` }];
    if (note) content.push({ footnote: note });
    return { type: 'paragraph', content };
  });

const subheading: fc.Arbitrary<Block> = fc
  .record({ list: words(2, 6), question: fc.boolean() })
  .map(({ list, question }) => ({ type: 'subheading', text: `${capitalised(list)}${question ? '?' : ''}` }));

const list: fc.Arbitrary<Block> = fc
  .record({
    type: fc.constantFrom('bullet_list' as const, 'numbered_list' as const),
    items: fc.array(fc.record({ text: sentence(2, 14), children: fc.option(fc.array(words(2, 5), { minLength: 1, maxLength: 3 }), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ type, items }) => ({
    type,
    items: items.map((item) => ({
      content: [{ text: item.text }],
      ...(item.children ? { children: { type: 'bullet_list' as const, items: item.children.map((child) => ({ content: [{ text: child.join(' ') }] })) } } : {}),
    })),
  }));

/** A body as statements are written: each part a paragraph under an optional sub-heading, an optional list after it (so two lists never meet). */
const body = fc
  .array(fc.record({ heading: fc.option(subheading, { nil: undefined }), text: paragraph, list: fc.option(list, { nil: undefined }) }), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.flatMap((part) => [...(part.heading ? [part.heading] : []), part.text, ...(part.list ? [part.list] : [])]));

const SECTIONS = ['Sammanfattning', 'Bakgrund', 'Förvaltningens synpunkter och förslag'];
const statement = fc.tuple(body, body, body).map((bodies) => invented({ sections: SECTIONS.map((heading, i) => ({ heading, stance: null, body: bodies[i] })) }));

const readers = {
  'DOCX with direct formatting only': async (model: ReturnType<typeof invented>) => docxText(await statementDocx(model, 'direct'), IMPORT_LIMITS),
  ODT: async (model: ReturnType<typeof invented>) => odtText(statementOdt(model), IMPORT_LIMITS),
  PDF: async (model: ReturnType<typeof invented>) => extractFileText(await renderStatementPdf(model, { creationDate: new Date('2025-02-11T10:00:00Z') }), 'slump.pdf'),
};

describe.each(Object.entries(readers))('a random statement as %s', (_name, read) => {
  it('comes back with every section’s body equal', async () => {
    await fc.assert(
      fc.asyncProperty(statement, async (model) => {
        const { text, cued } = await read(model);
        const proposal = proposeFromText(text, { catalogue: CATALOGUE, cued });
        expect(proposal.sections.map((s) => s.heading)).toEqual(SECTIONS);
        expect(proposal.sections.map((s) => s.body)).toEqual(model.sections.map((s) => s.body));
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
