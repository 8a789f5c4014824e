import { hasClass, type Element } from './html-subset';
import { breakLines } from './line-breaking';
import { GREY, PAGE, STYLES, type BlockStyle } from './layout-styles';
import { lineOp, shift, type DrawOp, type StructNode } from './layout-primitives';

/**
 * The running header and footer. The letterhead on page 1 is content, tagged where the layout
 * placed it in the structure (first); its repeats on later pages, the page numbers and the footer
 * are artifacts (screen readers skip them; the footer's facts are in the document's metadata). Laid out from the template's
 * letterhead and footer blocks, so a template decides what they say and this decides where.
 *
 *   Stockholms stad                         Tjänsteutlåtande
 *   Södermalms stadsdelsförvaltning         Dnr KS 2020/924
 *   Avdelning …                             Sida 2 (8)
 *   ─────────────────────────────────────────────────────────  (footer)
 *   Södermalms stadsdelsförvaltning  ·  address  ·  växel  ·  stockholm.se
 */
const HEADER_TOP = 40;
const RIGHT_COLUMN = 372;
const FOOTER_RULE = PAGE.bottom + 24;
/** A header field is one or two lines, whatever it holds: the band above the text is fixed. */
const MAX_FIELD_LINES = 2;

function paragraphs(element: Element | undefined): Element[] {
  return (element?.children ?? []).filter((c): c is Element => typeof c !== 'string' && c.tag === 'p');
}

function column(items: Array<{ text: string; style: BlockStyle; struct?: StructNode | null }>, x: number, width: number, top: number): DrawOp[] {
  const ops: DrawOp[] = [];
  let y = top;
  for (const item of items) {
    for (const line of breakLines([{ text: item.text, style: item.style.text }], width, false).slice(0, MAX_FIELD_LINES)) {
      ops.push(...shift([lineOp(line, x, item.style, item.struct ?? null)], 0, y));
      y += item.style.leading;
    }
  }
  return ops;
}

const textOf = (p: Element): string => p.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('').trim();

export interface PageFrame {
  /** The frame of one page: fixed parts plus "Sida n (count)". */
  opsFor(pageNumber: number, pageCount: number): DrawOp[];
}

/** The letterhead's blocks: who sends (left) and what the document is (right). */
export function letterheadBlocks(letterhead: Element | null): { sender: Element | undefined; document: Element | undefined } {
  const blocks = (letterhead?.children ?? []).filter((c): c is Element => typeof c !== 'string');
  return { sender: blocks.find((b) => hasClass(b, 'sender')) ?? blocks[0], document: blocks.find((b) => hasClass(b, 'document')) ?? blocks[1] };
}

/** The letterhead's fields in reading order, without the page number (always an artifact). */
export function letterheadFields(letterhead: Element | null): Element[] {
  const { sender, document } = letterheadBlocks(letterhead);
  return [...paragraphs(sender), ...paragraphs(document).filter((p) => !hasClass(p, 'page'))];
}

/** tags: the structure node of each letterhead field on page 1 (see letterheadFields). */
export function pageFrame(letterhead: Element | null, footer: Element | null, tags: ReadonlyMap<Element, StructNode> = new Map()): PageFrame {
  const { sender, document: documentBlock } = letterheadBlocks(letterhead);
  const leftItems = paragraphs(sender).map((p) => ({ text: textOf(p), style: hasClass(p, 'city') ? STYLES.headerCity : STYLES.headerSmall, struct: tags.get(p) }));
  const leftColumn = (firstPage: boolean) => column(firstPage ? leftItems : leftItems.map((item) => ({ ...item, struct: null })), PAGE.frameLeft, RIGHT_COLUMN - PAGE.frameLeft - 16, HEADER_TOP);
  const left = leftColumn(false);
  const firstLeft = leftColumn(true);
  const rightItems = paragraphs(documentBlock).map((p) => ({ text: textOf(p), style: hasClass(p, 'doctype') ? STYLES.headerDocType : hasClass(p, 'draft') ? STYLES.headerDraft : STYLES.headerSmall, page: hasClass(p, 'page'), struct: tags.get(p) }));
  const footerOps = footer
    ? [
        { kind: 'rule' as const, x1: PAGE.frameLeft, x2: PAGE.frameRight, y: FOOTER_RULE, width: 0.5, color: GREY },
        ...column(
          paragraphs(footer).map((p) => ({ text: textOf(p), style: hasClass(p, 'administration') ? STYLES.footerStrong : STYLES.footer })),
          PAGE.frameLeft,
          PAGE.frameRight - PAGE.frameLeft,
          FOOTER_RULE + 4,
        ),
      ]
    : [];
  return {
    opsFor(pageNumber, pageCount) {
      const right = column(
        rightItems.map((item) => ({ text: item.page ? `Sida ${pageNumber} (${pageCount})` : item.text, style: item.style, struct: pageNumber === 1 && !item.page ? item.struct : null })),
        RIGHT_COLUMN,
        PAGE.frameRight - RIGHT_COLUMN,
        HEADER_TOP + 3,
      );
      return [...(pageNumber === 1 ? firstLeft : left), ...right, ...footerOps];
    },
  };
}
