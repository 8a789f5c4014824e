/**
 * A parser for the small HTML subset the document templates produce (DESIGN.md §4), not for HTML
 * at large. Templates are ours and every user value in them is escaped by Handlebars, so the input
 * is well-formed by construction; anything outside the subset is a template bug and throws, rather
 * than being guessed at, so a broken (or admin-edited) template fails loudly instead of printing
 * half a document.
 */
export interface Element {
  tag: string;
  className: string | null;
  children: Node[];
}
export type Node = Element | string;

const BLOCK_TAGS = new Set(['div', 'h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th']);
const INLINE_TAGS = new Set(['strong', 'em', 'sup']);
/** Elements whose whitespace-only text is layout of the template source, not content. */
const CONTAINERS = new Set(['#root', 'div', 'ul', 'ol', 'table', 'tr']);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // Lone surrogates and out-of-range values cannot become a string: keep the text as written.
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TOKEN = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|([^<]+)|(<)/gi;
const ATTRIBUTE = /\s+([a-z-]+)="([^"<>]*)"/gi;

/**
 * Parses a document's markup (a fragment: the preview page around it is ours) into a tree. No
 * comments, doctype or page-level elements: an admin-edited template gets exactly the subset, and
 * the preview shows the tree serialised again (previewMarkup), never the template's own text.
 */
export function parseHtmlSubset(source: string): Element {
  const root: Element = { tag: '#root', className: null, children: [] };
  const stack: Element[] = [root];
  for (const match of source.matchAll(TOKEN)) {
    const [, closing, rawTag, attributes, text, strayLt] = match;
    if (strayLt) {
      const hint = source.startsWith('<!', match.index) ? ' (HTML comments and doctypes are not part of the subset; use {{!-- … --}} for comments)' : '';
      throw new Error(`Unescaped "<" in document markup at ${match.index}${hint}`);
    }
    const parent = stack[stack.length - 1];
    if (text !== undefined) {
      parent.children.push(decodeEntities(text));
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (!BLOCK_TAGS.has(tag) && !INLINE_TAGS.has(tag)) throw new Error(`<${tag}> is not part of the document HTML subset`);
    if (closing) {
      if (parent.tag !== tag) throw new Error(`</${tag}> closes <${parent.tag}>`);
      stack.pop();
      continue;
    }
    let className: string | null = null;
    for (const [, name, value] of (attributes ?? '').matchAll(ATTRIBUTE)) {
      if (name.toLowerCase() === 'class') className = value.trim() || null;
      else throw new Error(`Attribute ${name} is not part of the document HTML subset`);
    }
    const element: Element = { tag, className, children: [] };
    parent.children.push(element);
    stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].tag}> is never closed`);
  return normaliseWhitespace(root);
}

/**
 * HTML whitespace rules, simplified for the subset: runs of spaces, tabs and newlines become one
 * space; whitespace between blocks is dropped; inside a block, leading and trailing space goes.
 * No-break spaces are content and survive.
 */
function normaliseWhitespace(element: Element): Element {
  const children: Node[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') {
      const collapsed = child.replace(/[ \t\n\r\f]+/g, ' ');
      if (collapsed === ' ' && CONTAINERS.has(element.tag)) continue;
      if (collapsed) children.push(collapsed);
    } else {
      children.push(normaliseWhitespace(child));
    }
  }
  element.children = children;
  return element;
}

export function hasClass(element: Element, name: string): boolean {
  return !!element.className && element.className.split(/\s+/).includes(name);
}

export function isInlineNode(node: Node): boolean {
  return typeof node === 'string' || INLINE_TAGS.has(node.tag);
}

/** The text content of a node, for labels and alt texts. */
export function textOf(node: Node): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
