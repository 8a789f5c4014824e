import { hasClass, textOf, type Node } from './html-subset';
import type { Line, Run, TextStyle } from './line-breaking';
import { baselineOffset, superscript, type BlockStyle, type RGB } from './layout-styles';

/**
 * What the layout produces and the PDF writer consumes. A box is a line (or an unbreakable group:
 * a table row, a row of signatures) with its drawing operations relative to its own top, the
 * space wanted above it, and whether it must stay on the page of the box after it. Every text
 * operation names its node in the logical structure tree, which becomes the PDF's tag tree;
 * operations without one are artifacts.
 */
export interface StructNode {
  type: string;
  children: StructNode[];
  scope?: 'Column' | 'Row';
  /**
   * Not an element: the parent's own text at this point of its children. Text and child elements
   * of one element (a paragraph around a footnote reference, a list item's text before its
   * sub-list) are kept in reading order this way.
   */
  content?: true;
  /** The element identifier (/ID), by which a Reference finds its Note. */
  id?: string;
  /** A bookmark to where the element starts (headings of multi-page documents). */
  outline?: { title: string; level: number };
  /** A Link: its text is also a link annotation to this named destination. */
  link?: { destination: string; contents: string };
  /** A named destination is set where the element's text starts (a footnote, for its references). */
  destination?: string;
}

export type DrawOp =
  | { kind: 'text'; x: number; y: number; line: Line; struct: StructNode | null; fragmentStructs?: ReadonlyArray<StructNode | null> }
  | { kind: 'rule'; x1: number; x2: number; y: number; width: number; color: RGB };

export interface Box {
  height: number;
  spaceBefore: number;
  keepWithNext: boolean;
  ops: DrawOp[];
  footnotes: number[];
  /** Starts a new page (the template asked for one), unless the page is still empty. */
  breakBefore?: boolean;
  /** Drawn first when this box opens a page: a table's header row again, as an artifact. */
  repeat?: { height: number; ops: DrawOp[] };
}

export function node(type: string, parent: StructNode, scope?: StructNode['scope']): StructNode {
  const created: StructNode = { type, children: [], ...(scope ? { scope } : {}) };
  parent.children.push(created);
  return created;
}

/** A run of the parent's own text, placed after the children it has so far (see StructNode.content). */
export function contentRun(parent: StructNode): StructNode {
  const created: StructNode = { type: parent.type, children: [], content: true };
  parent.children.push(created);
  return created;
}

/** The runs of inline content: strong/em switch the variant, sup.fnref marks a footnote reference. */
export function inlineRuns(nodes: readonly Node[], base: TextStyle): Run[] {
  const runs: Run[] = [];
  const walk = (items: readonly Node[], bold: boolean, italic: boolean) => {
    for (const item of items) {
      const variant = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : base.variant;
      if (typeof item === 'string') runs.push({ text: item, style: { ...base, variant } });
      else if (item.tag === 'sup') {
        const number = Number.parseInt(textOf(item), 10);
        runs.push({ text: textOf(item), style: superscript({ ...base, variant }), ...(hasClass(item, 'fnref') && number > 0 ? { footnote: number } : {}) });
      } else walk(item.children, bold || item.tag === 'strong', italic || item.tag === 'em');
    }
  };
  const baseBold = base.variant === 'bold' || base.variant === 'boldItalic';
  const baseItalic = base.variant === 'italic' || base.variant === 'boldItalic';
  walk(nodes, baseBold, baseItalic);
  // Leading and trailing spaces of a block are not content (the template's line breaks).
  if (runs.length) {
    runs[0] = { ...runs[0], text: runs[0].text.replace(/^ +/, '') };
    runs[runs.length - 1] = { ...runs[runs.length - 1], text: runs[runs.length - 1].text.replace(/ +$/, '') };
  }
  return runs.filter((run) => run.text.length > 0);
}

export function lineOp(line: Line, x: number, blockStyle: BlockStyle, struct: StructNode | null, fragmentStructs?: ReadonlyArray<StructNode | null>): DrawOp {
  return { kind: 'text', x, y: baselineOffset(blockStyle.text.size, blockStyle.leading, blockStyle.text.variant), line, struct, ...(fragmentStructs ? { fragmentStructs } : {}) };
}

/** The same drawing, outside the structure tree (a repeated header row is not content a second time). */
export function asArtifact(ops: DrawOp[]): DrawOp[] {
  return ops.map((op) => (op.kind === 'text' ? { ...op, struct: null, fragmentStructs: undefined } : op));
}

export function shift(ops: DrawOp[], dx: number, dy = 0): DrawOp[] {
  return ops.map((op) => (op.kind === 'text' ? { ...op, x: op.x + dx, y: op.y + dy } : { ...op, x1: op.x1 + dx, x2: op.x2 + dx, y: op.y + dy }));
}

