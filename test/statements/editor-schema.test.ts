import fc from 'fast-check';
import { canonicalBlocks, canonicalRuns } from '../../src/statements/editor/canonical';
import { bodyToDoc, docToBody, editorSchema } from '../../src/statements/editor/schema';
import { sectionBodySchema, type Block } from '../../src/statements/statement-body';
import { bodyArbitrary } from '../support/body-arbitraries';

const { nodes: n, marks: m } = editorSchema;
const p = (...content: Parameters<typeof n.paragraph.create>[1][]) => n.paragraph.create(null, content.flat() as never);

describe('the editor schema holds a section body', () => {
  it('gives back every valid body in its canonical form (body → editor → body)', () => {
    fc.assert(
      fc.property(bodyArbitrary, (body) => {
        expect(sectionBodySchema.safeParse(body).success).toBe(true);
        expect(docToBody(bodyToDoc(body))).toEqual(canonicalBlocks(body));
      }),
      { numRuns: 300 },
    );
  });

  it('is the identity on canonical bodies, and the canonical form is itself valid', () => {
    fc.assert(
      fc.property(bodyArbitrary, (body) => {
        const canonical = canonicalBlocks(body);
        expect(sectionBodySchema.parse(canonical)).toEqual(canonical);
        expect(docToBody(bodyToDoc(canonical))).toEqual(canonical);
      }),
      { numRuns: 200 },
    );
  });

  it('merges adjacent runs with the same marks and drops marks set to false', () => {
    expect(canonicalRuns([{ text: 'Ett ', bold: false }, { text: 'två' }, { text: ' tre', bold: true, italic: false }, { text: '!', bold: true }])).toEqual([
      { text: 'Ett två' },
      { text: ' tre!', bold: true },
    ]);
    expect(canonicalRuns([{ text: 'a' }, { footnote: 'Not' }, { text: 'b' }])).toEqual([{ text: 'a' }, { footnote: 'Not' }, { text: 'b' }]);
  });

  it('keeps line breaks, markup characters and spaces at the ends of runs as they are', () => {
    const body: Block[] = [{ type: 'paragraph', content: [{ text: ' *inte fet* \n# ingen rubrik ' }, { text: '  ', italic: true }] }];
    expect(docToBody(bodyToDoc(body))).toEqual(body);
  });

  it('gives an empty body as one empty paragraph to type in, and that paragraph back as an empty body', () => {
    const doc = bodyToDoc([]);
    expect(doc.childCount).toBe(1);
    expect(doc.firstChild!.type.name).toBe('paragraph');
    expect(docToBody(doc)).toEqual([]);
  });

  it('leaves out what a body cannot hold: empty paragraphs, sub-headings, items and lists, and empty footnotes', () => {
    const doc = n.doc.create(null, [
      p(),
      n.subheading.create(null, editorSchema.text('  \n ')),
      n.bullet_list.create(null, [n.list_item.create(null, p())]),
      n.numbered_list.create(null, [
        // An emptied item's own items move up into its list.
        n.list_item.create(null, [p(), n.bullet_sublist.create(null, [n.sublist_item.create(null, p(editorSchema.text('Kvar')))])]),
        n.list_item.create(null, [p(editorSchema.text('Sista')), n.bullet_sublist.create(null, [n.sublist_item.create(null, p())])]),
      ]),
      p(n.footnote.create({ text: '  ' }), editorSchema.text('Text', [m.bold.create()])),
    ]);
    expect(docToBody(doc)).toEqual([
      { type: 'numbered_list', items: [{ content: [{ text: 'Kvar' }] }, { content: [{ text: 'Sista' }] }] },
      { type: 'paragraph', content: [{ text: 'Text', bold: true }] },
    ]);
  });

  it('makes a sub-heading one trimmed line', () => {
    const doc = n.doc.create(null, [n.subheading.create(null, editorSchema.text('  Första\nraden  '))]);
    expect(docToBody(doc)).toEqual([{ type: 'subheading', text: 'Första raden' }]);
  });

  it('cannot hold a third level of lists, marks on a sub-heading or a footnote in one', () => {
    const inner = n.bullet_sublist.create(null, [n.sublist_item.create(null, p(editorSchema.text('b')))]);
    expect(() => n.sublist_item.createChecked(null, [p(editorSchema.text('a')), inner])).toThrow();
    expect(() => n.subheading.createChecked(null, editorSchema.text('Rubrik', [m.bold.create()]))).toThrow();
    expect(() => n.subheading.createChecked(null, [n.footnote.create({ text: 'Not' })])).toThrow();
  });
});
