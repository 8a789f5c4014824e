import type { StructNode } from './layout-primitives';

/**
 * The PDF's tag tree, built after the pages are drawn from the logical structure (StructNode) and
 * the marked content each node received. Building it last lets an element hold its own text and
 * its child elements in reading order (a paragraph around a footnote Reference, a list item's text
 * before its sub-list), which PDFKit's structure elements cannot reorder once content is added.
 */

/** The parts of PDFKit's structure elements this relies on (pinned PDFKit 0.20). */
export interface ElementInternals {
  dictionary: { data: Record<string, unknown> };
  _flushChild(child: unknown): void;
}

/** Marked content, or a Span element holding some (a right-to-left stretch of a line, see pdf-writer.ts). */
type Content = PDFKit.PDFStructureContent | PDFKit.PDFStructureElement;

export class TagTree {
  /** Marked-content sequences per node, in drawing order. */
  readonly contents = new Map<StructNode, Content[]>();
  /** Link elements are made where they are drawn: their annotation must name its own page. */
  readonly prebuilt = new Map<StructNode, PDFKit.PDFStructureElement>();
  private readonly ids: Array<[string, unknown]> = [];

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  record(node: StructNode, content: Content): void {
    const list = this.contents.get(node);
    if (list) list.push(content);
    else this.contents.set(node, [content]);
  }

  /** Attaches the whole tree to the document; call once, after the last page. */
  finish(root: StructNode): void {
    const element = this.element(root);
    this.doc.addStructure(element);
    if (this.ids.length) {
      // ISO 32000-1 §14.7.2: elements with an /ID are found through the IDTree (a name tree, keys sorted).
      const names = [...this.ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([id, dictionary]) => [new String(id), dictionary]);
      const tree = this.doc.ref({ Names: names });
      (this.doc as unknown as { getStructTreeRoot(): { data: Record<string, unknown> } }).getStructTreeRoot().data.IDTree = tree;
      (tree as unknown as { end(): void }).end();
    }
  }

  private element(node: StructNode): PDFKit.PDFStructureElement {
    const options = node.scope ? ({ scope: node.scope } as PDFKit.Mixins.StructureElementOptions) : {};
    const element = this.prebuilt.get(node) ?? this.doc.struct(node.type, options);
    const internals = element as unknown as ElementInternals;
    if (node.id) {
      internals.dictionary.data.ID = new String(node.id);
      this.ids.push([node.id, internals.dictionary]);
    }
    for (const child of node.children) {
      if (child.content) for (const content of this.contents.get(child) ?? []) element.add(content);
      else element.add(this.element(child));
    }
    // Text tagged to the element itself (cells, labels, single-run blocks) follows its children.
    for (const content of this.contents.get(node) ?? []) element.add(content);
    return element;
  }
}
