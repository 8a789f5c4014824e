import { Schema, type Mark, type MarkSpec, type Node as PMNode, type NodeSpec } from 'prosemirror-model';
import type { Block, Inline } from '../statement-body';
import { canonicalRuns, textRun } from './canonical';

/**
 * The rich-text editor's document model (ProseMirror), shaped so that it can hold exactly what a
 * section body can (statement-body.ts) and nothing more: the browser's editor and the tests in
 * Node share it.
 *
 *   doc            block+
 *   paragraph      inline*            (text with bold/italic, footnotes)
 *   subheading     text*, no marks    (shown as h3, one level below the section heading)
 *   bullet_list / numbered_list       list_item+
 *   list_item      paragraph sublist? (an item holds at most one list of its own…)
 *   bullet_sublist / numbered_sublist sublist_item+
 *   sublist_item   paragraph          (…whose items hold none: lists nest one level only)
 *   footnote       inline atom, its text an attribute (numbered only when the body is printed)
 *
 * Separate node types for the inner lists make a third level impossible rather than merely
 * refused: no edit, paste or command can build one.
 */

/** A `ul`/`ol`/`li` inside another list item is an inner list: decided from the pasted DOM itself. */
const insideListItem = (dom: HTMLElement) => !!dom.parentElement?.closest('li');

const paragraph: NodeSpec = { group: 'block', content: 'inline*', parseDOM: [{ tag: 'p' }], toDOM: () => ['p', 0] };

const subheading: NodeSpec = {
  group: 'block',
  content: 'text*',
  marks: '',
  defining: true,
  parseDOM: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => ({ tag })),
  toDOM: () => ['h3', { class: 'remiss-editor__subheading' }, 0],
};

function outerList(tag: 'ul' | 'ol'): NodeSpec {
  return { group: 'block', content: 'list_item+', parseDOM: [{ tag }], toDOM: () => [tag, 0] };
}

function innerList(tag: 'ul' | 'ol'): NodeSpec {
  return {
    group: 'sublist',
    content: 'sublist_item+',
    parseDOM: [{ tag, priority: 60, getAttrs: (dom) => (insideListItem(dom) ? null : false) }],
    toDOM: () => [tag, 0],
  };
}

const footnote: NodeSpec = {
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  attrs: { text: { validate: 'string' } },
  parseDOM: [{ tag: 'span[data-footnote]', getAttrs: (dom) => ({ text: dom.getAttribute('data-footnote') ?? '' }) }],
  // Shown in the running text, its text readable: the number is given only when the body is printed.
  toDOM: (node) => ['span', { class: 'remiss-editor__footnote', 'data-footnote': node.attrs.text }, `Fotnot: ${node.attrs.text}`],
};

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  // The first of the block group is the default block (a new line after a sub-heading is a paragraph).
  paragraph,
  subheading,
  bullet_list: outerList('ul'),
  numbered_list: outerList('ol'),
  list_item: { content: 'paragraph sublist?', defining: true, parseDOM: [{ tag: 'li' }], toDOM: () => ['li', 0] },
  bullet_sublist: innerList('ul'),
  numbered_sublist: innerList('ol'),
  sublist_item: {
    content: 'paragraph',
    defining: true,
    parseDOM: [{ tag: 'li', priority: 60, getAttrs: (dom) => (insideListItem(dom) ? null : false) }],
    toDOM: () => ['li', 0],
  },
  text: { group: 'inline' },
  footnote,
};

// As prosemirror-schema-basic's strong and em: what browsers, Word and Google Docs put on the clipboard.
const marks: Record<string, MarkSpec> = {
  bold: {
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps a whole paste in <b style="font-weight:normal">.
      { tag: 'b', getAttrs: (dom) => dom.style.fontWeight !== 'normal' && null },
      { style: 'font-weight=400', clearMark: (mark) => mark.type.name === 'bold' },
      { style: 'font-weight', getAttrs: (value) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
    ],
    toDOM: () => ['strong', 0],
  },
  italic: {
    parseDOM: [
      { tag: 'i' },
      { tag: 'em' },
      { style: 'font-style=italic' },
      { style: 'font-style=normal', clearMark: (mark) => mark.type.name === 'italic' },
    ],
    toDOM: () => ['em', 0],
  },
};

export const editorSchema = new Schema({ nodes, marks });

type ListKind = 'bullet_list' | 'numbered_list';
const SUBLIST_OF: Record<ListKind, string> = { bullet_list: 'bullet_sublist', numbered_list: 'numbered_sublist' };
const KIND_OF_SUBLIST: Record<string, ListKind> = { bullet_sublist: 'bullet_list', numbered_sublist: 'numbered_list' };

function inlineNodes(inlines: readonly Inline[]): PMNode[] {
  return inlines.flatMap((inline) => {
    if ('footnote' in inline) return [editorSchema.nodes.footnote.create({ text: inline.footnote })];
    if (!inline.text) return [];
    const marks: Mark[] = [];
    if (inline.bold) marks.push(editorSchema.marks.bold.create());
    if (inline.italic) marks.push(editorSchema.marks.italic.create());
    return [editorSchema.text(inline.text, marks)];
  });
}

const paragraphOf = (inlines: readonly Inline[]) => editorSchema.nodes.paragraph.create(null, inlineNodes(inlines));

/** A section body as the editor's document (an empty body is one empty paragraph to type in). */
export function bodyToDoc(blocks: readonly Block[]): PMNode {
  const { nodes: n } = editorSchema;
  const content = blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return paragraphOf(block.content);
      case 'subheading':
        return n.subheading.create(null, block.text ? editorSchema.text(block.text) : null);
      default:
        return n[block.type].create(
          null,
          block.items.map((item) => {
            const children = item.children
              ? [n[SUBLIST_OF[item.children.type]].create(null, item.children.items.map((child) => n.sublist_item.create(null, paragraphOf(child.content))))]
              : [];
            return n.list_item.create(null, [paragraphOf(item.content), ...children]);
          }),
        );
    }
  });
  const doc = n.doc.create(null, content.length ? content : n.paragraph.create());
  doc.check();
  return doc;
}

/** The runs of a paragraph: text with its marks, footnotes with their (trimmed) text; empty footnotes are dropped. */
export function inlinesOf(textblock: PMNode): Inline[] {
  const inlines: Inline[] = [];
  textblock.forEach((node) => {
    if (node.isText) {
      const has = (name: string) => node.marks.some((mark) => mark.type.name === name);
      inlines.push(textRun(node.text ?? '', has('bold'), has('italic')));
    } else if (node.type.name === 'footnote') {
      const text = String(node.attrs.text).trim();
      if (text) inlines.push({ footnote: text });
    }
  });
  return canonicalRuns(inlines);
}

/** A sub-heading is one line of text: line breaks become spaces, the ends are trimmed. */
export function subheadingText(node: PMNode): string {
  return node.textContent.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

type ListItem = { content: Inline[]; children?: { type: ListKind; items: Array<{ content: Inline[] }> } };

/**
 * The editor's document as a section body. What a body cannot hold is left out rather than
 * refused: empty paragraphs, sub-headings and list items (an emptied item's own items move up
 * into its list), and a list left with no items.
 */
export function docToBody(doc: PMNode): Block[] {
  const blocks: Block[] = [];
  doc.forEach((node) => {
    const type = node.type.name;
    if (type === 'paragraph') {
      const content = inlinesOf(node);
      if (content.length) blocks.push({ type: 'paragraph', content });
    } else if (type === 'subheading') {
      const text = subheadingText(node);
      if (text) blocks.push({ type: 'subheading', text });
    } else if (type === 'bullet_list' || type === 'numbered_list') {
      const items = listItems(node);
      if (items.length) blocks.push({ type, items });
    }
  });
  return blocks;
}

function listItems(list: PMNode): ListItem[] {
  const items: ListItem[] = [];
  list.forEach((item) => {
    const content = inlinesOf(item.firstChild!);
    const sublist = item.childCount > 1 ? item.child(1) : undefined;
    const children: Array<{ content: Inline[] }> = [];
    sublist?.forEach((child) => {
      const childContent = inlinesOf(child.firstChild!);
      if (childContent.length) children.push({ content: childContent });
    });
    if (!content.length) {
      items.push(...children);
      return;
    }
    items.push(children.length ? { content, children: { type: KIND_OF_SUBLIST[sublist!.type.name], items: children } } : { content });
  });
  return items;
}
