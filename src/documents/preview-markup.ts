import { escapeHtml } from '../shared/html-text';
import { paragraphDirection } from './bidi-lines';
import { hasClass, textOf, type Element, type Node } from './html-subset';

/**
 * The parsed document as the HTML preview's markup: toHtml's subset, plus what only a screen
 * needs. Footnote references (sup.fnref) link to their note and each note (ol.footnotes > li)
 * links back, in reading order, as the PDF numbers them. Only the ids and fragment links made
 * here, and dir/lang on right-to-left paragraphs, are added; nothing from a template or a user
 * becomes an attribute.
 */
export function previewMarkup(root: Element): string {
  let references = 0;
  const children = (element: Element) => element.children.map(write).join('');
  const note = (item: Node, index: number) => {
    if (typeof item === 'string' || item.tag !== 'li') return write(item);
    const n = index + 1;
    return `<li id="fn-${n}"${directionAttributes(item)}>${children(item)} <a href="#fnref-${n}" class="fnback" aria-label="Tillbaka till hänvisningen till fotnot ${n}">↩</a></li>`;
  };
  function write(node: Node): string {
    if (typeof node === 'string') return escapeHtml(node);
    if (node.tag === 'sup' && hasClass(node, 'fnref')) {
      const n = ++references;
      const label = escapeHtml(textOf(node));
      return `<sup class="fnref"><a id="fnref-${n}" href="#fn-${n}" aria-label="Fotnot ${label}">${label}</a></sup>`;
    }
    const inner = node.tag === 'ol' && hasClass(node, 'footnotes') ? node.children.map(note).join('') : children(node);
    if (node.tag === '#root') return inner;
    const className = node.className ? ` class="${escapeHtml(node.className)}"` : '';
    return `<${node.tag}${className}${TEXT_BLOCKS.has(node.tag) ? directionAttributes(node) : ''}>${inner}</${node.tag}>`;
  }
  return write(root);
}

const TEXT_BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'li', 'td', 'th']);

/** A right-to-left paragraph says so (WCAG 1.3.2, 3.1.2): the browser then orders and aligns it as the PDF does. */
function directionAttributes(element: Element): string {
  const direction = paragraphDirection(textOf(element));
  if (!direction) return '';
  return ` dir="rtl"${direction.lang ? ` lang="${direction.lang}"` : ''}`;
}
