import type { FootnoteLine, LaidOutDocument } from './block-layout';
import { FOOTNOTE_SEPARATOR, GREY, PAGE } from './layout-styles';
import { shift, type Box, type DrawOp } from './layout-primitives';

/**
 * Pages from boxes, all before anything is drawn, so the page count ("Sida 2 (8)") is known when
 * the first header is written and pages can be streamed out one by one.
 *
 * Rules: a box that does not fit starts a new page; a chain of boxes marked keepWithNext moves
 * as a whole (a heading with the first two lines after it; the first two and last two lines of a
 * paragraph, so there are no orphans or widows); space above a box is dropped at the top of a
 * page. Footnotes go to the foot of the page that holds their reference, which must fit with them;
 * a note too long for what is left of a page continues at the foot of the next.
 */
export interface PageLayout {
  /** The flow, then the footnotes; y is absolute, top-down. */
  content: DrawOp[];
  footnotes: DrawOp[];
}

/** Longer chains would be a layout bug (or a template of nothing but headings): stop looking. */
const MAX_CHAIN = 12;

const footHeight = (lines: readonly FootnoteLine[]) => (lines.length ? FOOTNOTE_SEPARATOR + lines.reduce((sum, line) => sum + line.height, 0) : 0);

class PageState {
  readonly content: DrawOp[] = [];
  readonly foot: FootnoteLine[];
  readonly notes = new Set<number>();
  y = PAGE.top;
  empty = true;

  constructor(carried: FootnoteLine[]) {
    this.foot = carried;
  }

  /** Room left for the flow, given the footnotes already at the foot plus extra ones. */
  limit(extra: readonly FootnoteLine[] = []): number {
    return PAGE.bottom - footHeight(this.foot.length || extra.length ? [...this.foot, ...extra] : []);
  }

  finish(): PageLayout {
    const footnotes: DrawOp[] = [];
    if (this.foot.length) {
      let y = PAGE.bottom - footHeight(this.foot) + FOOTNOTE_SEPARATOR;
      footnotes.push({ kind: 'rule', x1: PAGE.left, x2: PAGE.left + 120, y: y - FOOTNOTE_SEPARATOR / 2, width: 0.5, color: GREY });
      for (const line of this.foot) {
        footnotes.push(...shift(line.ops, 0, y));
        y += line.height;
      }
    }
    return { content: this.content, footnotes };
  }
}

export function paginate(laidOut: LaidOutDocument): PageLayout[] {
  const { boxes, footnotes } = laidOut;
  const pages: PageLayout[] = [];
  let carry: FootnoteLine[] = [];
  let page = new PageState([]);
  const newPage = () => {
    pages.push(page.finish());
    page = new PageState(carry);
    carry = [];
  };
  const notesOf = (chain: readonly Box[]) =>
    chain.flatMap((box) => box.footnotes).filter((n, i, all) => !page.notes.has(n) && all.indexOf(n) === i).flatMap((n) => footnotes.get(n) ?? []);

  for (let i = 0; i < boxes.length; i++) {
    const chain = [boxes[i]];
    while (chain[chain.length - 1].keepWithNext && i + chain.length < boxes.length && chain.length < MAX_CHAIN) chain.push(boxes[i + chain.length]);
    const need = chain.reduce((sum, box, k) => sum + box.height + (k === 0 && page.empty ? 0 : box.spaceBefore), 0);
    if (!page.empty && (boxes[i].breakBefore || page.y + need > page.limit(notesOf(chain)))) {
      newPage();
      const repeat = boxes[i].repeat;
      if (repeat) {
        page.content.push(...shift(repeat.ops, 0, page.y));
        page.y += repeat.height;
        page.empty = false;
      }
    }
    place(page, boxes[i], footnotes);
    // Only a box alone on a page can overflow: its notes continue on the next page.
    while (page.foot.length && page.y > page.limit()) carry.unshift(page.foot.pop()!);
  }
  pages.push(page.finish());
  // Notes carried past the last box: pages of notes only, as many lines as fit on each.
  while (carry.length) {
    page = new PageState(carry);
    carry = [];
    while (page.foot.length > 1 && PAGE.top > page.limit()) carry.unshift(page.foot.pop()!);
    pages.push(page.finish());
  }
  return pages;
}

function place(page: PageState, box: Box, footnotes: Map<number, FootnoteLine[]>): void {
  if (!page.empty) page.y += box.spaceBefore;
  page.content.push(...shift(box.ops, 0, page.y));
  page.y += box.height;
  page.empty = false;
  for (const number of box.footnotes) {
    if (page.notes.has(number)) continue;
    page.notes.add(number);
    page.foot.push(...(footnotes.get(number) ?? []));
  }
}
