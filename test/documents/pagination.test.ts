import type { StatementDocumentModel } from '../../src/documents/document-model';
import type { DrawOp } from '../../src/documents/layout-primitives';
import { PAGE } from '../../src/documents/layout-styles';
import { layoutStatement, renderStatementPdf } from '../../src/documents/render-statement';
import type { Block } from '../../src/statements/statement-body';
import { cleanUpPdfs, pageCount, pageTexts, qpdfCheck, savePdf, words } from './pdf-tools';
import { longStatement, sodermalmStatement } from './statement-fixtures';

/*
 * Pagination: a long statement runs to 40+ pages with correct "Sida N (M)" everywhere, no heading
 * is left alone at the bottom of a page, paragraphs keep two lines together at page breaks, and
 * nothing is drawn outside the text area.
 */
afterAll(cleanUpPdfs);

type TextOp = Extract<DrawOp, { kind: 'text' }>;
const textOps = (ops: DrawOp[]) => ops.filter((op): op is TextOp => op.kind === 'text');
const isHeading = (op: TextOp) => /^H\d$/.test(op.struct?.type ?? '');

function assertNoStrandedHeadings(model: StatementDocumentModel): number {
  const { pages } = layoutStatement(model);
  pages.slice(0, -1).forEach((page, index) => {
    const flow = textOps(page.content);
    const last = flow[flow.length - 1];
    if (isHeading(last)) throw new Error(`Page ${index + 1} ends with the heading "${last.line.fragments.map((f) => f.text).join('')}"`);
    // A paragraph broken at the page end leaves at least two of its lines on each side.
    const lastStruct = last.struct;
    const linesOfLast = flow.filter((op) => op.struct === lastStruct && op.line.maxWidth > 300).length;
    const next = textOps(pages[index + 1].content).filter((op) => op.struct === lastStruct && op.line.maxWidth > 300).length;
    if (lastStruct?.type === 'P' && next > 0) {
      expect(linesOfLast).toBeGreaterThanOrEqual(2);
      expect(next).toBeGreaterThanOrEqual(2);
    }
  });
  return pages.length;
}

describe('a 40-page statement', () => {
  const model = longStatement(46, 5);
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(model, { creationDate: new Date('2020-11-19T10:00:00Z') }), 'long');
  });

  it('runs to at least 40 pages and passes qpdf --check', () => {
    expect(pageCount(file)).toBeGreaterThanOrEqual(40);
    qpdfCheck(file);
  });

  it('says "Sida N (M)" on every page, with the right N and M', () => {
    const pages = pageTexts(file, '-layout');
    const count = pageCount(file);
    expect(pages).toHaveLength(count);
    pages.forEach((page, index) => {
      const numbers = [...page.matchAll(/Sida (\d+) \((\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(numbers).toEqual([[index + 1, count]]);
    });
  });

  it('leaves no heading alone at the bottom of a page, in the layout and in the PDF', () => {
    expect(assertNoStrandedHeadings(model)).toBe(pageCount(file));
    // In the PDF: the last line of the flow on a page is never a section heading.
    const all = words(file);
    for (let page = 1; page < pageCount(file); page++) {
      const flow = all.filter((w) => w.page === page && w.yMin > PAGE.top - 4 && w.yMax < PAGE.bottom + 2);
      const lastY = Math.max(...flow.map((w) => w.yMin));
      const lastLine = flow.filter((w) => Math.abs(w.yMin - lastY) < 1).map((w) => w.text).join(' ');
      expect(lastLine).not.toMatch(/^Avsnitt \d+:/);
    }
  });

  it('draws every word inside the page frame and every flow word inside the text column', () => {
    const outside = words(file).filter((w) => {
      const inFlow = w.yMin > PAGE.top - 4 && w.yMax < PAGE.bottom + 2;
      const [left, right] = inFlow ? [PAGE.left, PAGE.right] : [PAGE.frameLeft, PAGE.frameRight];
      return w.xMin < left - 0.5 || w.xMax > right + 0.5 || w.yMin < 30 || w.yMax > PAGE.height - 20;
    });
    expect(outside).toEqual([]);
  });
});

describe('headings at every position on the page', () => {
  const filler = (count: number): Block[] => Array.from({ length: count }, (_, i) => ({ type: 'paragraph', content: [{ text: `Stycke ${i + 1}. Förvaltningen har inget att tillägga i denna del av ärendet.` }] }));

  it('sub-headings (H3) never end a page either, nor two of them in a row', () => {
    for (let count = 20; count < 60; count++) {
      const model = sodermalmStatement({
        sections: [
          { heading: 'Först', stance: null, body: [...filler(count), { type: 'subheading', text: 'En underrubrik' }, ...filler(2), { type: 'subheading', text: 'Två' }, { type: 'subheading', text: 'i rad' }, ...filler(2)] },
        ],
      });
      assertNoStrandedHeadings(model);
    }
  });

  it('never end a page, whatever precedes them', () => {
    for (let count = 20; count < 60; count++) {
      const model = sodermalmStatement({
        sections: [
          { heading: 'Först', stance: null, body: filler(count) },
          { heading: 'Sedan', stance: null, body: filler(3) },
          { heading: 'Sist', stance: null, body: [{ type: 'bullet_list', items: [{ content: [{ text: 'En punkt.' }] }, { content: [{ text: 'En punkt till.' }] }] }] },
        ],
      });
      assertNoStrandedHeadings(model);
    }
  });

  it('keeps a table header row with the first row below it', () => {
    for (let count = 20; count < 50; count++) {
      const { pages } = layoutStatement(sodermalmStatement({ sections: [{ heading: 'Fyllnad', stance: null, body: filler(count) }] }));
      pages.slice(0, -1).forEach((page) => {
        const flow = textOps(page.content);
        expect(flow[flow.length - 1].struct?.type).not.toBe('TH');
      });
    }
  });
});
