import { paragraphDirection } from './bidi-lines';
import { textWidth } from './fonts';
import { hasClass, isInlineNode, textOf, type Element, type Node } from './html-subset';
import { breakLines } from './line-breaking';
import { FOOTNOTE_INDENT, LIST_INDENT, PAGE, singleLine, STYLES, type BlockStyle } from './layout-styles';
import { letterheadFields } from './page-frame';
import { asArtifact, contentRun, inlineRuns, lineOp, node, shift, type Box, type DrawOp, type StructNode } from './layout-primitives';
import { layoutTable, layoutTwoColumns } from './table-layout';

/**
 * From the parsed document tree to a flat list of boxes for the paginator (see
 * layout-primitives.ts), plus the footnotes laid out for the foot of the page, the logical
 * structure tree, and the letterhead and footer that the page frame repeats on every page.
 */

/** A footnote laid out for the foot of the page: one entry per line, drawn wherever its reference lands. */
export interface FootnoteLine {
  height: number;
  ops: DrawOp[];
}

export interface LaidOutDocument {
  boxes: Box[];
  footnotes: Map<number, FootnoteLine[]>;
  structure: StructNode;
  letterhead: Element | null;
  /** The structure nodes of the letterhead's fields, drawn by the page frame on page 1. */
  letterheadTags: ReadonlyMap<Element, StructNode>;
  footer: Element | null;
}

class BlockLayout {
  readonly boxes: Box[] = [];
  readonly footnotes = new Map<number, FootnoteLine[]>();
  readonly structure: StructNode = { type: 'Document', children: [] };
  letterhead: Element | null = null;
  readonly letterheadTags = new Map<Element, StructNode>();
  footer: Element | null = null;
  /** Collapsing margins: the larger of the previous block's space after and this one's space before. */
  private pendingSpace = 0;
  private pendingBreak = false;
  private linesAfterHeading = 0;

  /** The last box laid out stays on the page of the next one. */
  private keepLastWithNext(): void {
    const last = this.boxes[this.boxes.length - 1];
    if (last) last.keepWithNext = true;
  }

  constructor(footnoteItems: Map<number, Element>) {
    for (const [number, item] of footnoteItems) this.footnotes.set(number, this.footnoteLines(number, item));
  }

  add(box: Omit<Box, 'spaceBefore'>, spaceBefore: number, heading = false): void {
    // A heading keeps two lines of what follows with it, however many blocks they come from.
    let keepWithNext = box.keepWithNext;
    if (heading) this.linesAfterHeading = 2;
    else if (this.linesAfterHeading > 0) {
      this.linesAfterHeading--;
      if (this.linesAfterHeading > 0) keepWithNext = true;
    }
    this.boxes.push({ ...box, keepWithNext, spaceBefore: Math.max(spaceBefore, this.pendingSpace), ...(this.pendingBreak ? { breakBefore: true } : {}) });
    this.pendingSpace = 0;
    this.pendingBreak = false;
  }

  after(space: number): void {
    this.pendingSpace = Math.max(this.pendingSpace, space);
  }

  blocks(children: readonly Node[], parent: StructNode, x: number, width: number): void {
    for (const child of children) {
      if (typeof child === 'string') continue; // stray text between blocks: whitespace only, by the parser
      this.block(child, parent, x, width);
    }
  }

  private block(element: Element, parent: StructNode, x: number, width: number): void {
    switch (element.tag) {
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4': {
        const heading = node(element.tag.toUpperCase(), parent);
        // Bookmarks (drawn only for documents of more than one page) follow the headings.
        heading.outline = { title: textOf(element).replace(/\s+/g, ' ').trim(), level: Number(element.tag[1]) };
        return this.textBlock(element.children, STYLES[element.tag], heading, x, width, true);
      }
      case 'p': {
        const blockStyle = hasClass(element, 'subtitle') ? STYLES.subtitle : hasClass(element, 'stance') ? STYLES.stance : hasClass(element, 'note') ? STYLES.note : STYLES.body;
        return this.textBlock(element.children, blockStyle, node('P', parent), x, width, false);
      }
      case 'ul':
      case 'ol':
        if (hasClass(element, 'footnotes')) return; // drawn at the foot of the pages that refer to them
        this.list(element, node('L', parent), x, width, 0);
        return this.after(STYLES.body.spaceAfter);
      case 'table': {
        const rows = layoutTable(element, node('Table', parent), width).map((row) => ({ ...row, ops: shift(row.ops, x) }));
        // A header row (kept with the first body row) is drawn again on every page the table continues on.
        const header = rows[0]?.keepWithNext ? { height: rows[0].height, ops: asArtifact(rows[0].ops) } : undefined;
        rows.forEach((row, index) => this.add({ ...row, ...(header && index > 0 ? { repeat: header } : {}) }, index === 0 ? 6 : 0));
        return this.after(STYLES.body.spaceAfter);
      }
      case 'div':
        if (hasClass(element, 'page-break')) this.pendingBreak = this.boxes.length > 0;
        else if (hasClass(element, 'letterhead')) {
          this.letterhead = element;
          // Page 1's letterhead is read first; the page frame draws it (and repeats it as an artifact).
          const head = node('Div', parent);
          for (const field of letterheadFields(element)) this.letterheadTags.set(field, node('P', head));
        }
        else if (hasClass(element, 'footer')) this.footer = element;
        else if (hasClass(element, 'meta')) {
          const box = layoutTwoColumns(element.children.filter((c): c is Element => typeof c !== 'string'), node('Div', parent), width);
          this.add({ ...box, ops: shift(box.ops, x) }, 0);
          this.after(26);
        } else if (hasClass(element, 'signatures')) this.signatures(element, node('Div', parent), x, width);
        else this.blocks(element.children, node('Div', parent), x, width);
        return;
      default:
        throw new Error(`<${element.tag}> cannot stand here in a document`);
    }
  }

  /**
   * A paragraph or heading. Headings keep with what follows; paragraphs keep two lines together at
   * either end. Its text is tagged in runs around its footnote references (Reference > Link, the
   * link going to the note), and each note it refers to first follows as its last child.
   */
  private textBlock(children: readonly Node[], blockStyle: BlockStyle, struct: StructNode, x: number, width: number, heading: boolean, labelOp?: DrawOp): void {
    const runs = inlineRuns(children, blockStyle.text);
    const lines = breakLines(runs, width, blockStyle.justify);
    const notes = lines.flatMap((line) => line.footnotes);
    // A lead-in ("… följande personer:") belongs with the list or table it introduces.
    const leadIn = runs.length > 0 && runs[runs.length - 1].text.trimEnd().endsWith(':');
    let text = contentRun(struct);
    // The bookmark goes where the heading's text is drawn.
    if (struct.outline) text.outline = struct.outline;
    lines.forEach((line, index) => {
      const keep = heading || (lines.length > 1 && (index === 0 || index === lines.length - 2)) || (leadIn && index === lines.length - 1);
      const fragmentStructs = line.fragments.map((fragment) => {
        if (fragment.footnote === undefined || !this.noteNodes.has(fragment.footnote)) return text;
        const link = node('Link', node('Reference', struct));
        link.link = { destination: noteId(fragment.footnote), contents: `Fotnot ${fragment.footnote}` };
        text = contentRun(struct);
        return link;
      });
      const ops = [lineOp(line, x, blockStyle, text, fragmentStructs)];
      if (index === 0 && labelOp) ops.unshift(labelOp);
      this.add({ height: blockStyle.leading, keepWithNext: keep, ops, footnotes: line.footnotes }, index === 0 ? blockStyle.spaceBefore : 0, heading);
    });
    // Notes follow their reference's text in the reading order, wherever on the page they are drawn.
    for (const number of notes) {
      const note = this.noteNodes.get(number);
      if (note && !this.placedNotes.has(number)) struct.children.push(note);
      this.placedNotes.add(number);
    }
    this.after(blockStyle.spaceAfter);
  }

  private noteNodes = new Map<number, StructNode>();
  private placedNotes = new Set<number>();

  private list(element: Element, struct: StructNode, x: number, width: number, depth: number): void {
    const ordered = element.tag === 'ol';
    let number = 0;
    for (const item of element.children) {
      if (typeof item === 'string' || item.tag !== 'li') continue;
      number++;
      // A list never starts with a lone item at a page foot: the first item stays with the second.
      if (number === 2 && depth === 0) this.keepLastWithNext();
      const li = node('LI', struct);
      const label = ordered ? (depth === 0 ? `${number}.` : `${String.fromCharCode(96 + ((number - 1) % 26) + 1)})`) : depth === 0 ? '\u2022' : '\u2013';
      const labelStyle = STYLES.listItem.text;
      const inline = item.children.filter(isInlineNode);
      const nested = item.children.filter((child): child is Element => !isInlineNode(child));
      // A right-to-left item (Hebrew) has its label at the right and is indented from there, as its preview (li dir="rtl").
      const rtl = paragraphDirection(inline.map(textOf).join('')) !== null;
      const labelWidth = textWidth(labelStyle.variant, label, labelStyle.size);
      const labelOp = lineOp(singleLine(label, labelStyle, labelWidth), rtl ? x + width - labelWidth : x, STYLES.listItem, node('Lbl', li));
      const body = node('LBody', li);
      const textX = rtl ? x : x + LIST_INDENT;
      this.textBlock(inline.length ? inline : ['\u00a0'], STYLES.listItem, body, textX, width - LIST_INDENT, false, labelOp);
      for (const child of nested) {
        if (child.tag === 'ul' || child.tag === 'ol') this.list(child, node('L', body), textX, width - LIST_INDENT, depth + 1);
        else this.block(child, body, textX, width - LIST_INDENT);
      }
    }
  }

  /** Two signatories side by side per row, name above title, with room above for the eye. */
  private signatures(element: Element, struct: StructNode, x: number, width: number): void {
    const people = element.children.filter((c): c is Element => typeof c !== 'string');
    // The signatures stay together, and with the end of the text they sign.
    this.keepLastWithNext();
    for (let i = 0; i < people.length; i += 2) {
      const box = layoutTwoColumns(people.slice(i, i + 2), struct, width);
      this.add({ ...box, ops: shift(box.ops, x), keepWithNext: i + 2 < people.length }, i === 0 ? 30 : 14);
    }
    this.after(16);
  }

  private footnoteLines(number: number, item: Element): FootnoteLine[] {
    const note: StructNode = { type: 'Note', children: [], id: noteId(number), destination: noteId(number) };
    this.noteNodes.set(number, note);
    const s = STYLES.footnote;
    const label = String(number);
    const lines = breakLines(inlineRuns(item.children, s.text), PAGE.right - PAGE.left - FOOTNOTE_INDENT, false);
    return lines.map((line, index) => ({
      height: s.leading,
      ops: [
        ...(index === 0 ? [lineOp(singleLine(label, s.text, textWidth(s.text.variant, label, s.text.size)), PAGE.left, s, node('Lbl', note))] : []),
        lineOp(line, PAGE.left + FOOTNOTE_INDENT, s, note),
      ],
    }));
  }
}

const noteId = (number: number) => `fotnot-${number}`;

/** Lays out the parsed template output. */
export function layoutDocument(root: Element): LaidOutDocument {
  const footnoteItems = new Map<number, Element>();
  const collect = (element: Element) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if ((child.tag === 'ol' || child.tag === 'ul') && hasClass(child, 'footnotes')) {
        child.children.filter((li): li is Element => typeof li !== 'string').forEach((li, index) => footnoteItems.set(index + 1, li));
      } else collect(child);
    }
  };
  collect(root);
  const layout = new BlockLayout(footnoteItems);
  layout.blocks(root.children, layout.structure, PAGE.left, PAGE.right - PAGE.left);
  return { boxes: layout.boxes, footnotes: layout.footnotes, structure: layout.structure, letterhead: layout.letterhead, letterheadTags: layout.letterheadTags, footer: layout.footer };
}
