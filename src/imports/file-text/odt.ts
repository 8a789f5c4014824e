import type { ImportLimits } from './import-file-error';
import { ImportFileError, refuse } from './import-file-error';
import type { StyledParagraph, StyledRun } from './styled-paragraphs';
import { headingOfStyle, textOf } from './styled-paragraphs';
import { descendants, elements, parseXml, type XmlElement } from './xml-reader';
import { checkArchive } from './zip-entries';

/**
 * An OpenDocument text (LibreOffice, and Word's "Spara som .odt"): content.xml's text:h (with its
 * outline level) and text:p, lists with their list styles (numbered or bulleted, nested), footnotes
 * (text:note), and bold and size from the automatic and named styles, into the styled paragraphs
 * that DOCX gives too.
 */
interface TextStyle {
  bold?: boolean;
  size?: number;
  parent?: string;
  /** The heading level a paragraph style stands for ("Heading 1", "Rubrik 2"). */
  outline?: number;
  title?: boolean;
}

interface Styles {
  text: Map<string, TextStyle>;
  /** List style name → per level (1-based): numbered? */
  lists: Map<string, Map<number, boolean>>;
  defaultSize: number;
}

/** content.xml this large is not a statement (the archive limits bound it far higher). */
const MAX_XML_CHARACTERS = 30_000_000;

export async function odtText(buffer: Buffer, limits: ImportLimits): Promise<{ text: string; cued: boolean }> {
  const { names, texts: entries } = await checkArchive(buffer, limits.zip, ['content.xml', 'styles.xml']);
  if (!names.includes('content.xml')) throw refuse.unsupported();
  const content = entries.get('content.xml');
  if (!content) throw refuse.broken('OpenDocument-filen');
  if (content.length + (entries.get('styles.xml')?.length ?? 0) > MAX_XML_CHARACTERS) throw refuse.tooMuchText();
  try {
    const contentTree = parseXml(content);
    const styles = stylesOf([parseXml(entries.get('styles.xml') ?? ''), contentTree]);
    const body = descendants(contentTree, 'office:text')[0];
    if (!body) throw refuse.broken('OpenDocument-filen');
    const paragraphs: StyledParagraph[] = [];
    readBlocks(body, styles, paragraphs, null);
    return textOf(paragraphs, styles.defaultSize);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw refuse.broken('OpenDocument-filen');
  }
}

const points = (value: string | undefined): number | undefined => {
  const match = /^([\d.]+)(pt|cm|mm|in)?$/.exec(value ?? '');
  if (!match) return undefined;
  const factor = { pt: 1, cm: 28.35, mm: 2.835, in: 72 }[match[2] ?? 'pt'] ?? 1;
  return Number(match[1]) * factor;
};

function stylesOf(trees: readonly XmlElement[]): Styles {
  const styles: Styles = { text: new Map(), lists: new Map(), defaultSize: 12 };
  for (const tree of trees) {
    for (const style of [...descendants(tree, 'style:style'), ...descendants(tree, 'style:default-style')]) {
      const properties = elements(style).find((e) => e.name === 'style:text-properties')?.attributes ?? {};
      const entry: TextStyle = {
        bold: properties['fo:font-weight'] ? /^(bold|[6-9]00)$/.test(properties['fo:font-weight']) : undefined,
        size: points(properties['fo:font-size']),
        parent: style.attributes['style:parent-style-name'],
      };
      const name = style.attributes['style:name'];
      const display = style.attributes['style:display-name'] ?? name ?? '';
      // Names spell a space "_20_": "Heading_20_1".
      const heading = headingOfStyle(display.replace(/_20_/g, ' '));
      if (heading === 'title') entry.title = true;
      else if (heading !== null) entry.outline = heading;
      if (style.attributes['style:default-outline-level']) entry.outline ??= Number(style.attributes['style:default-outline-level']);
      if (name) styles.text.set(name, entry);
      else if (style.name === 'style:default-style' && style.attributes['style:family'] === 'paragraph' && entry.size) styles.defaultSize = entry.size;
    }
    for (const list of descendants(tree, 'text:list-style')) {
      const levels = new Map<number, boolean>();
      for (const level of elements(list)) levels.set(Number(level.attributes['text:level'] ?? '1'), level.name === 'text:list-level-style-number');
      styles.lists.set(list.attributes['style:name'] ?? '', levels);
    }
  }
  return styles;
}

/** A style's property, from the style or the styles it is based on. */
function resolved<K extends keyof TextStyle>(styles: Styles, name: string | undefined, key: K): TextStyle[K] {
  for (let depth = 0; name && depth < 20; depth++) {
    const style = styles.text.get(name);
    if (!style) return undefined;
    if (style[key] !== undefined) return style[key];
    name = style.parent;
  }
  return undefined;
}

interface ListContext {
  style: string | undefined;
  level: number;
}

function readBlocks(container: XmlElement, styles: Styles, out: StyledParagraph[], list: ListContext | null): void {
  for (const element of elements(container)) {
    switch (element.name) {
      case 'text:h':
      case 'text:p':
        out.push(paragraphOf(element, styles, list));
        break;
      case 'text:list': {
        const style = element.attributes['text:style-name'] ?? list?.style;
        for (const item of elements(element)) readBlocks(item, styles, out, { style, level: list ? list.level + 1 : 0 });
        break;
      }
      case 'text:list-item':
      case 'text:list-header':
      case 'text:section':
      case 'table:table':
      case 'table:table-row':
      case 'table:table-cell':
      case 'table:table-header-rows':
      case 'table:table-rows':
        readBlocks(element, styles, out, list);
        break;
      default:
      // Frames, drawings, tracked changes' removed text and the rest: not the statement's text.
    }
  }
}

function paragraphOf(element: XmlElement, styles: Styles, list: ListContext | null): StyledParagraph {
  const styleName = element.attributes['text:style-name'];
  const outline = element.name === 'text:h' ? Number(element.attributes['text:outline-level'] ?? resolved(styles, styleName, 'outline') ?? 1) : resolved(styles, styleName, 'outline');
  const heading = outline === 1 ? 1 : outline && outline > 1 ? 2 : resolved(styles, styleName, 'title') ? 'title' : null;
  const runs: StyledRun[] = [];
  const base = { bold: resolved(styles, styleName, 'bold') ?? false, size: resolved(styles, styleName, 'size') ?? null };
  const walk = (node: XmlElement, bold: boolean, size: number | null) => {
    for (const child of node.children) {
      if (typeof child === 'string') {
        runs.push({ text: child.replace(/\s+/g, ' '), bold, size });
        continue;
      }
      switch (child.name) {
        case 'text:s':
          runs.push({ text: ' '.repeat(Math.min(Number(child.attributes['text:c'] ?? '1') || 1, 10)), bold, size });
          break;
        case 'text:tab':
          runs.push({ text: ' ', bold, size });
          break;
        case 'text:line-break':
          runs.push({ text: '\n', bold, size });
          break;
        case 'text:note': {
          const body = elements(child).find((e) => e.name === 'text:note-body');
          runs.push({ text: '', bold: false, size, footnote: body ? plainText(body) : '' });
          break;
        }
        case 'text:span': {
          const span = child.attributes['text:style-name'];
          walk(child, resolved(styles, span, 'bold') ?? bold, resolved(styles, span, 'size') ?? size);
          break;
        }
        case 'text:bookmark':
        case 'text:bookmark-start':
        case 'text:bookmark-end':
        case 'office:annotation':
        case 'text:tracked-changes':
          break;
        default:
          walk(child, bold, size);
      }
    }
  };
  walk(element, base.bold, base.size);
  const ordered = list ? (styles.lists.get(list.style ?? '')?.get(list.level + 1) ?? false) : false;
  return { runs, heading, list: list && heading === null ? { ordered, level: Math.min(list.level, 3) } : null };
}

function plainText(node: XmlElement): string {
  return node.children.map((child) => (typeof child === 'string' ? child : child.name === 'text:s' || child.name === 'text:tab' ? ' ' : `${plainText(child)}${child.name === 'text:p' ? ' ' : ''}`)).join('');
}
