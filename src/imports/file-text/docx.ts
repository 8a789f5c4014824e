import mammoth from 'mammoth';
import type { ImportLimits } from './import-file-error';
import { refuse } from './import-file-error';
import type { StyledParagraph, StyledRun } from './styled-paragraphs';
import { headingOfStyle, textOf } from './styled-paragraphs';
import { checkArchive } from './zip-entries';

/**
 * A Word document through mammoth's reading of it (styles resolved to names, numbering to list
 * levels, footnotes and endnotes to notes). The document tree is taken from mammoth's
 * transformDocument hook rather than its HTML: the tree keeps each run's bold and size, which
 * the headings written with direct formatting only are known by, and no HTML has to be parsed back.
 */
interface Element {
  type: string;
  children?: Element[];
  styleName?: string | null;
  numbering?: { level: string | number; isOrdered: boolean } | null;
  isBold?: boolean;
  fontSize?: number | null;
  value?: string;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  body?: Element[];
  notes?: { resolve(reference: Element): Element | null };
}

export async function docxText(buffer: Buffer, limits: ImportLimits): Promise<{ text: string; cued: boolean }> {
  const { names, texts } = await checkArchive(buffer, limits.zip, ['word/styles.xml']);
  if (!names.includes('word/document.xml')) throw refuse.unsupported();
  let tree: Element | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        // The tree is all the import needs: an empty body is handed on, so no HTML (nor any image) is made.
        transformDocument: (document: Element) => {
          tree = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch {
    throw refuse.broken('Word-dokumentet');
  }
  if (!tree) throw refuse.broken('Word-dokumentet');
  const document: Element = tree;
  const styles = texts.get('word/styles.xml') ?? '';
  const paragraphs: StyledParagraph[] = [];
  collectParagraphs(document.children ?? [], document, paragraphs);
  return textOf(paragraphs, defaultSizeOf(styles));
}

function collectParagraphs(elements: readonly Element[], document: Element, out: StyledParagraph[]): void {
  for (const element of elements) {
    if (element.type === 'paragraph') out.push(paragraphOf(element, document));
    // Tables (and their rows and cells): each cell's paragraphs in reading order.
    else if (element.children) collectParagraphs(element.children, document, out);
  }
}

function paragraphOf(paragraph: Element, document: Element): StyledParagraph {
  const heading = headingOfStyle(paragraph.styleName ?? '');
  const runs: StyledRun[] = [];
  const walk = (element: Element, bold: boolean, size: number | null) => {
    switch (element.type) {
      case 'run':
        for (const child of element.children ?? []) walk(child, !!element.isBold, element.fontSize ?? null);
        return;
      case 'text':
        runs.push({ text: element.value ?? '', bold, size });
        return;
      case 'tab':
        runs.push({ text: ' ', bold, size });
        return;
      case 'break':
        runs.push({ text: element.breakType === 'line' ? '\n' : ' ', bold, size });
        return;
      case 'noteReference': {
        const note = document.notes?.resolve(element);
        if (note) runs.push({ text: '', bold: false, size, footnote: plainTextOf(note.body ?? []) });
        return;
      }
      default:
        for (const child of element.children ?? []) walk(child, bold, size);
    }
  };
  for (const child of paragraph.children ?? []) walk(child, false, null);
  const numbering = paragraph.numbering;
  return { runs, heading, list: numbering ? { ordered: numbering.isOrdered, level: Math.min(Number(numbering.level) || 0, 3) } : null };
}

function plainTextOf(elements: readonly Element[]): string {
  return elements
    .map((element) => (element.type === 'text' ? (element.value ?? '') : element.type === 'tab' || element.type === 'break' ? ' ' : plainTextOf(element.children ?? []) + (element.type === 'paragraph' ? ' ' : '')))
    .join('');
}

/** The document's default run size (w:docDefaults, half-points); Word's own default is 11 pt. */
function defaultSizeOf(styles: string): number {
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
  const halfPoints = /<w:sz\s+w:val="(\d+)"/.exec(defaults)?.[1];
  return halfPoints ? Number(halfPoints) / 2 : 11;
}
