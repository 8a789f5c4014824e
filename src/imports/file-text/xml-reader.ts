import { decodeEntities } from '../../documents/html-subset';

/**
 * A small reader for the well-formed XML an ODT's content.xml and styles.xml hold: elements,
 * attributes, text, the five named entities and character references. No DTD is read (a
 * DOCTYPE is refused: an office document has none, and entity expansion is how XML bombs work),
 * so no entity can expand and nothing is fetched. The project had no XML parser of its own; this
 * is small enough to read whole, and the reader of the tree (odt.ts) tolerates anything unknown.
 * Entities are decoded as the document templates' HTML subset decodes them (html-subset.ts).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!([^>]*)>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  for (const match of source.matchAll(TOKEN)) {
    const [, cdata, declaration, closing, name, attributeText, selfClosing, text, stray] = match;
    const parent = stack[stack.length - 1];
    if (stray !== undefined) throw new XmlError('a "<" that opens no tag');
    if (declaration !== undefined) {
      if (/^DOCTYPE/i.test(declaration)) throw new XmlError('a DOCTYPE');
      continue;
    }
    if (cdata !== undefined) parent.children.push(cdata);
    else if (text !== undefined) parent.children.push(decodeEntities(text));
    else if (name !== undefined) {
      if (closing) {
        if (parent.name !== name || stack.length === 1) throw new XmlError(`</${name}> closes <${parent.name}>`);
        stack.pop();
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const attribute of (attributeText ?? '').matchAll(ATTRIBUTE)) attributes[attribute[1]] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
      const element: XmlElement = { name, attributes, children: [] };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new XmlError(`<${stack[stack.length - 1].name}> is never closed`);
  return root;
}

export const elements = (node: XmlElement): XmlElement[] => node.children.filter((child): child is XmlElement => typeof child !== 'string');

/** Every element of the name below the node, in document order. */
export function descendants(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    for (const child of elements(element)) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}
