import type { Block, Inline } from './statement-body';
import { EMPTY_LINE, LOOKS_LIKE_BULLET, LOOKS_LIKE_HEADING, LOOKS_LIKE_NUMBERED, isEscapable, isLineSpace } from './body-markup-syntax';

/** A character of text (inside a footnote or not) or a piece of markup the writer added. */
type Piece = { char: string; footnote: null | { balanced: boolean } } | { mark: string };
type Marks = { bold: boolean; italic: boolean };
type ListBlock = Extract<Block, { type: 'bullet_list' | 'numbered_list' }>;

/**
 * A body as the editing format (body-markup-syntax.ts): escaped just where the reader would
 * otherwise take text for markup, so a body reads back as itself (canonicalBody) and a user's own
 * text comes back as they typed it where it can.
 */
export function writeBody(blocks: readonly Block[]): string {
  return blocks.map(writeBlock).join('\n\n');
}

function writeBlock(block: Block): string {
  switch (block.type) {
    case 'subheading':
      return `## ${block.text}`;
    case 'paragraph':
      return writeLines(block.content, '', '').join('\n');
    case 'bullet_list':
    case 'numbered_list':
      return writeList(block, '').join('\n');
  }
}

function writeList(list: Pick<ListBlock, 'type' | 'items'> & { items: ReadonlyArray<{ content: Inline[]; children?: Pick<ListBlock, 'type' | 'items'> }> }, indentation: string): string[] {
  return list.items.flatMap((item, index) => {
    const marker = list.type === 'bullet_list' ? '- ' : `${index + 1}. `;
    const lines = writeLines(item.content, indentation + marker, indentation + ' '.repeat(marker.length));
    return item.children ? [...lines, ...writeList(item.children, indentation + '  ')] : lines;
  });
}

/**
 * An item's or paragraph's lines: the first after firstPrefix (a list marker takes the whole
 * line, so its text needs no escaping of its start), the others after continuationPrefix.
 */
function writeLines(content: readonly Inline[], firstPrefix: string, continuationPrefix: string): string[] {
  const isItem = firstPrefix !== '';
  return splitLines(pieces(content)).map((line, index) => {
    const text = escapeLine(line);
    if (index === 0) return firstPrefix + (isItem ? text || EMPTY_LINE : escapeLineStart(text));
    return continuationPrefix + escapeLineStart(text);
  });
}

function pieces(content: readonly Inline[]): Piece[] {
  const result: Piece[] = [];
  let state: Marks = { bold: false, italic: false };
  const switchTo = (marks: Marks) => {
    if (marks.bold !== state.bold) result.push({ mark: '**' });
    if (marks.italic !== state.italic) result.push({ mark: '*' });
    state = marks;
  };
  content.forEach((inline, index) => {
    if ('footnote' in inline) {
      const footnote = { balanced: bracketsPair(inline.footnote) };
      result.push({ mark: '^[' }, ...[...inline.footnote].map((char) => ({ char, footnote })), { mark: ']' });
      return;
    }
    switchTo(marksOf(inline));
    for (const char of inline.text) result.push({ char, footnote: null });
    // Marks end right after their run, before a footnote that follows it, unless the next run keeps them.
    const next = content.slice(index + 1).find((later) => 'text' in later);
    switchTo(next ? marksOf(next) : { bold: false, italic: false });
  });
  return result;
}

function marksOf(inline: Inline): Marks {
  return 'text' in inline ? { bold: !!inline.bold, italic: !!inline.italic } : { bold: false, italic: false };
}

function bracketsPair(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '[') depth += 1;
    if (char === ']' && --depth < 0) return false;
  }
  return depth === 0;
}

function splitLines(all: Piece[]): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const piece of all) {
    if ('char' in piece && piece.char === '\n') lines.push([]);
    else lines[lines.length - 1].push(piece);
  }
  return lines;
}

const isSpace = (piece: Piece) => 'char' in piece && isLineSpace(piece.char);

/** One line's pieces as text, escaped where the reader would take them for markup or layout. */
function escapeLine(line: Piece[]): string {
  let first = 0;
  while (first < line.length && isSpace(line[first])) first += 1;
  let last = line.length - 1;
  while (last >= 0 && isSpace(line[last])) last -= 1;

  return line
    .map((piece, index) => {
      if ('mark' in piece) return piece.mark;
      const next = line[index + 1];
      const nextChar = next === undefined ? undefined : 'mark' in next ? next.mark[0] : next.char;
      return needsEscape(piece, nextChar, index < first || index > last) ? `\\${piece.char}` : piece.char;
    })
    .join('');
}

function needsEscape(piece: Extract<Piece, { char: string }>, nextChar: string | undefined, atLineEdge: boolean): boolean {
  const { char, footnote } = piece;
  // Spaces at a line's ends are layout to the reader.
  if (atLineEdge) return true;
  // Before the line's end, punctuation or markup a backslash would escape something.
  if (char === '\\') return nextChar === undefined || isEscapable(nextChar);
  if (footnote) return (char === '[' || char === ']') && !footnote.balanced;
  return char === '*' || (char === '^' && nextChar === '[');
}

/** A line that would start a sub-heading or a list item, escaped so it stays text. */
function escapeLineStart(text: string): string {
  if (text === '') return EMPTY_LINE;
  if (LOOKS_LIKE_HEADING.test(text) || LOOKS_LIKE_BULLET.test(text)) return `\\${text}`;
  const numbered = LOOKS_LIKE_NUMBERED.exec(text);
  return numbered ? `${numbered[1]}\\${text.slice(numbered[1].length)}` : text;
}
