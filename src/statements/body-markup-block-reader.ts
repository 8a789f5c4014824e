import { BLANK_LINE, EMPTY_LINE, HEADING_LINE, ITEM_LINE, indentationWidth, isLineSpace } from './body-markup-syntax';
import type { MarkupError, SourceLine } from './body-markup-inline-reader';

type ListType = 'bullet_list' | 'numbered_list';

export interface ItemDraft {
  line: number;
  lines: SourceLine[];
  children?: { type: ListType; indentation: number; line: number; items: Array<{ line: number; lines: SourceLine[] }> };
}

export type BlockDraft =
  | { kind: 'paragraph'; line: number; lines: SourceLine[] }
  | { kind: 'subheading'; line: number; text: string }
  | { kind: 'list'; line: number; type: ListType; indentation: number; items: ItemDraft[] };

/**
 * The first pass: splits the markup into blocks by its lines. A blank line ends a block; a
 * sub-heading is one line; a list item line starts an item (of a new list, of the open one, or of
 * the item's own list when indented further); any other line continues the open paragraph or the
 * last item, or starts a paragraph. Inline markup is read afterwards, per paragraph and item.
 */
export function readBlocks(markup: string): { drafts: BlockDraft[]; errors: MarkupError[] } {
  const drafts: BlockDraft[] = [];
  const errors: MarkupError[] = [];
  let open: BlockDraft | null = null;
  // Where ordinary lines go: the open paragraph's or the last item's lines.
  let continuation: SourceLine[] | null = null;

  // A browser sends a textarea's line breaks as CRLF.
  const rawLines = markup.replace(/\r\n?/g, '\n').split('\n');
  rawLines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = withoutLineEnd(raw);
    if (BLANK_LINE.test(trimmed)) {
      open = null;
      continuation = null;
      return;
    }
    const heading = HEADING_LINE.exec(trimmed);
    if (heading) {
      drafts.push({ kind: 'subheading', line, text: (heading[1] ?? '').trim() });
      open = null;
      continuation = null;
      return;
    }
    const item = ITEM_LINE.exec(trimmed);
    if (item) {
      const [, indentationText, marker, rest] = item;
      const type: ListType = marker === '-' ? 'bullet_list' : 'numbered_list';
      const lines: SourceLine[] = [];
      continuation = lines;
      if (rest === undefined || rest === '') {
        errors.push({ line, message: `Rad ${line}: punkten är tom. Skriv punktens text efter ${marker} på samma rad.` });
      } else {
        lines.push(contentLine(rest, line));
      }
      const indentation = indentationWidth(indentationText);
      const list: BlockDraft | null = open;
      if (list?.kind === 'list' && indentation > list.indentation) {
        const problem = addChild(list, { type, indentation, line, lines });
        if (problem) errors.push({ line, message: `Rad ${line}: ${problem}` });
      } else if (list?.kind === 'list' && list.type === type) {
        list.items.push({ line, lines });
      } else {
        open = { kind: 'list', line, type, indentation, items: [{ line, lines }] };
        drafts.push(open);
      }
      return;
    }
    if (continuation) {
      continuation.push(contentLine(trimmed.replace(/^[ \t]+/, ''), line));
      return;
    }
    const paragraph: BlockDraft = { kind: 'paragraph', line, lines: [contentLine(trimmed.replace(/^[ \t]+/, ''), line)] };
    drafts.push(paragraph);
    open = paragraph;
    continuation = paragraph.lines;
  });
  return { drafts, errors };
}

/** An item indented past its list's items: one of the last item's own list, if the model allows it. */
function addChild(list: Extract<BlockDraft, { kind: 'list' }>, child: { type: ListType; indentation: number; line: number; lines: SourceLine[] }): string | null {
  const parent = list.items[list.items.length - 1];
  if (!parent.children) {
    parent.children = { type: child.type, indentation: child.indentation, line: child.line, items: [{ line: child.line, lines: child.lines }] };
    return null;
  }
  // A space too many is a slip of the thumb, two or more are a level of their own.
  if (child.indentation >= parent.children.indentation + 2) return 'en lista kan bara ha en nivå av underpunkter.';
  if (child.type !== parent.children.type) return 'underpunkterna under en punkt måste vara av samma slag: alla med - eller alla numrerade.';
  parent.children.items.push({ line: child.line, lines: child.lines });
  return null;
}

function contentLine(text: string, line: number): SourceLine {
  return { text: text === EMPTY_LINE ? '' : text, line };
}

/**
 * The line without the spaces and tabs at its end, which are layout: an escaped one (`\ `) is
 * text and stays. Backslashes pair up from the left, so an odd run of them escapes the space.
 */
export function withoutLineEnd(raw: string): string {
  let end = raw.length;
  while (end > 0 && isLineSpace(raw[end - 1])) end -= 1;
  if (end === raw.length) return raw;
  let backslashes = 0;
  while (end - backslashes - 1 >= 0 && raw[end - backslashes - 1] === '\\') backslashes += 1;
  return raw.slice(0, backslashes % 2 === 1 ? end + 1 : end);
}
