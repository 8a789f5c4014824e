import { Fragment, type Node as PMNode } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { editorSchema } from './schema';

/**
 * The editor's structural commands (lists, indent, sub-heading) work on a flat view of the
 * document: one line per paragraph, sub-heading and list item, each with its kind, its level (0,
 * or 1 for an inner list's item) and the list it belongs to. A command changes lines; the
 * document is then rebuilt from them. Rebuilding can only produce what the schema holds (an inner
 * item without an item above it becomes an item of its own list; a third level cannot be
 * expressed), so no command needs its own rules for keeping lists valid, and the lines are the
 * same before and after, which keeps the cursor where it was.
 */

export type LineKind = 'paragraph' | 'subheading' | 'bullet' | 'numbered';
export type ListKind = 'bullet' | 'numbered';

export interface Line {
  kind: LineKind;
  level: 0 | 1;
  /** Which top-level list the line is an item of (−1 outside lists): adjacent lists stay apart. */
  group: number;
  content: Fragment;
  /** Where the line's text starts and ends in the document. */
  start: number;
  end: number;
}

const { nodes: n } = editorSchema;
const LIST_NODE: Record<ListKind, string> = { bullet: 'bullet_list', numbered: 'numbered_list' };
const SUBLIST_NODE: Record<ListKind, string> = { bullet: 'bullet_sublist', numbered: 'numbered_sublist' };
const KIND_OF_NODE: Record<string, ListKind> = { bullet_list: 'bullet', numbered_list: 'numbered', bullet_sublist: 'bullet', numbered_sublist: 'numbered' };

export const isListLine = (line: Line): line is Line & { kind: ListKind } => line.kind === 'bullet' || line.kind === 'numbered';

export function toLines(doc: PMNode): Line[] {
  const lines: Line[] = [];
  const push = (kind: LineKind, level: 0 | 1, group: number, textblock: PMNode, pos: number) =>
    lines.push({ kind, level, group, content: textblock.content, start: pos + 1, end: pos + 1 + textblock.content.size });
  let groups = 0;
  doc.forEach((block, blockPos) => {
    if (block.isTextblock) return void push(block.type.name as LineKind, 0, -1, block, blockPos);
    const group = groups++;
    block.forEach((item, itemOffset) => {
      const paragraphPos = blockPos + 1 + itemOffset + 1;
      push(KIND_OF_NODE[block.type.name], 0, group, item.firstChild!, paragraphPos);
      if (item.childCount < 2) return;
      const sublist = item.child(1);
      const sublistPos = paragraphPos + item.firstChild!.nodeSize;
      sublist.forEach((subitem, subOffset) => push(KIND_OF_NODE[sublist.type.name], 1, group, subitem.firstChild!, sublistPos + 1 + subOffset + 1));
    });
  });
  return lines;
}

/** A sub-heading holds plain text on one line: marks go, footnotes cannot be there (see toggleSubheading). */
function subheadingContent(content: Fragment): Fragment {
  const text = content.textBetween(0, content.size).replace(/[\r\n\u2028\u2029]+/g, ' ');
  return text ? Fragment.from(editorSchema.text(text)) : Fragment.empty;
}

export function fromLines(lines: readonly Line[]): PMNode[] {
  const blocks: PMNode[] = [];
  let list: { kind: ListKind; group: number; items: Array<{ content: Fragment; sublistKind?: ListKind; subitems: Fragment[] }> } | undefined;
  const closeList = () => {
    if (!list) return;
    const items = list.items.map((item) => {
      const paragraph = n.paragraph.create(null, item.content);
      if (!item.subitems.length) return n.list_item.create(null, paragraph);
      const subitems = item.subitems.map((content) => n.sublist_item.create(null, n.paragraph.create(null, content)));
      return n.list_item.create(null, [paragraph, n[SUBLIST_NODE[item.sublistKind!]].create(null, subitems)]);
    });
    blocks.push(n[LIST_NODE[list.kind]].create(null, items));
    list = undefined;
  };
  for (const line of lines) {
    if (!isListLine(line)) {
      closeList();
      blocks.push(line.kind === 'subheading' ? n.subheading.create(null, subheadingContent(line.content)) : n.paragraph.create(null, line.content));
    } else if (line.level === 1 && list) {
      const parent = list.items[list.items.length - 1];
      parent.sublistKind ??= line.kind;
      parent.subitems.push(line.content);
    } else {
      if (list && (list.kind !== line.kind || list.group !== line.group)) closeList();
      list ??= { kind: line.kind, group: line.group, items: [] };
      list.items.push({ content: line.content, subitems: [] });
    }
  }
  closeList();
  return blocks;
}

/** The lines the selection touches, as indices [first, last]. */
export function selectedLines(lines: readonly Line[], state: EditorState): [number, number] | undefined {
  const { from, to } = state.selection;
  let first = -1;
  let last = -1;
  lines.forEach((line, index) => {
    if (line.start <= to && line.end >= from) {
      if (first < 0) first = index;
      last = index;
    }
  });
  return first < 0 ? undefined : [first, last];
}

/** Where a position is in terms of lines, so that it can be found again after a rebuild. */
function lineOffset(lines: readonly Line[], pos: number, preferLast: boolean): { index: number; offset: number } {
  const inside = lines.findIndex((line) => line.start <= pos && pos <= line.end);
  if (inside >= 0) return { index: inside, offset: pos - lines[inside].start };
  // Between blocks (a whole list selected): the nearest line on the selection's side.
  if (preferLast) {
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].end <= pos) return { index: i, offset: lines[i].end - lines[i].start };
  } else {
    const after = lines.findIndex((line) => line.start >= pos);
    if (after >= 0) return { index: after, offset: 0 };
  }
  return { index: preferLast ? lines.length - 1 : 0, offset: 0 };
}

type LinesChange = (lines: Line[], first: number, last: number) => Line[] | null;

/**
 * A command from a change of lines: null means the command does not apply (its button is then
 * shown as unavailable). Only the top-level blocks that differ are replaced, as one undoable step.
 */
export function linesCommand(change: LinesChange): Command {
  return (state, dispatch) => {
    const lines = toLines(state.doc);
    const range = selectedLines(lines, state);
    if (!range) return false;
    const changed = change(lines.map((line) => ({ ...line })), range[0], range[1]);
    if (!changed) return false;
    if (!dispatch) return true;
    const before: PMNode[] = [];
    state.doc.forEach((block) => before.push(block));
    const after = fromLines(changed);
    let start = 0;
    while (start < before.length && start < after.length && before[start].eq(after[start])) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1].eq(after[endAfter - 1])) {
      endBefore--;
      endAfter--;
    }
    if (start === endBefore && start === endAfter) return true;
    const sizeOf = (blocks: PMNode[]) => blocks.reduce((sum, block) => sum + block.nodeSize, 0);
    const from = sizeOf(before.slice(0, start));
    const tr = state.tr.replaceWith(from, from + sizeOf(before.slice(start, endBefore)), after.slice(start, endAfter));
    const anchor = lineOffset(lines, state.selection.from, false);
    const head = lineOffset(lines, state.selection.to, true);
    const newLines = toLines(tr.doc);
    const position = ({ index, offset }: { index: number; offset: number }) => {
      const line = newLines[index];
      return Math.min(line.start + offset, line.end);
    };
    tr.setSelection(TextSelection.create(tr.doc, position(anchor), position(head)));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/** The item a level-1 line hangs under. */
function parentOf(lines: readonly Line[], index: number): number {
  let i = index;
  while (i > 0 && lines[i].level === 1) i--;
  return i;
}

/** The kind of the list a line is in, at its own level. */
const listKindAt = (lines: readonly Line[], index: number): LineKind => lines[index].kind;

/** Every line of the same list at the same level as lines[index] (an inner list: its siblings under one item). */
function siblings(lines: readonly Line[], index: number): number[] {
  const line = lines[index];
  if (line.level === 0) return lines.flatMap((other, i) => (other.group === line.group && other.level === 0 ? [i] : []));
  let first = index;
  while (first > 0 && lines[first - 1].level === 1) first--;
  let last = index;
  while (last + 1 < lines.length && lines[last + 1].level === 1) last++;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const unusedGroup = (lines: readonly Line[]) => Math.max(-1, ...lines.map((line) => line.group)) + 1;

/**
 * Punktlista / Numrerad lista. Lines all in lists of that kind leave them (become paragraphs);
 * lines all in lists of the other kind change the kind of the list they are in (at their level);
 * otherwise the lines become items, joining a list of that kind just before or after them.
 */
export function toggleList(kind: ListKind): Command {
  return linesCommand((lines, first, last) => {
    const chosen = lines.slice(first, last + 1);
    if (chosen.every((line) => line.kind === kind)) {
      for (let i = first; i <= last; i++) Object.assign(lines[i], { kind: 'paragraph', level: 0, group: -1 });
      return lines;
    }
    if (chosen.every(isListLine)) {
      for (let i = first; i <= last; i++) for (const sibling of siblings(lines, i)) lines[sibling].kind = kind;
      return lines;
    }
    const previous = first > 0 ? lines[first - 1] : undefined;
    const joinsPrevious = previous && isListLine(previous) && listKindAt(lines, parentOf(lines, first - 1)) === kind;
    const group = joinsPrevious ? previous.group : unusedGroup(lines);
    for (let i = first; i <= last; i++) {
      if (isListLine(lines[i]) && lines[i].level === 1) lines[i].kind = kind;
      else Object.assign(lines[i], { kind, level: 0, group });
    }
    const next = lines[last + 1];
    if (next && next.level === 0 && next.kind === kind && next.group !== group) {
      const joining = next.group;
      for (const line of lines) if (line.group === joining) line.group = group;
    }
    return lines;
  });
}

export const hasFootnote = (content: Fragment) => {
  let found = false;
  content.forEach((node) => {
    if (node.type === n.footnote) found = true;
  });
  return found;
};

/**
 * Underrubrik: the lines become sub-headings (plain text: bold and italic go), or back to
 * paragraphs when they all are. A line with a footnote cannot become one: the footnote would be lost.
 */
export const toggleSubheading: Command = linesCommand((lines, first, last) => {
  const chosen = lines.slice(first, last + 1);
  if (chosen.every((line) => line.kind === 'subheading')) {
    for (let i = first; i <= last; i++) lines[i].kind = 'paragraph';
    return lines;
  }
  if (chosen.some((line) => hasFootnote(line.content))) return null;
  for (let i = first; i <= last; i++) Object.assign(lines[i], { kind: 'subheading', level: 0, group: -1 });
  return lines;
});

/**
 * Öka indrag: list items become items of the inner list of the item above them (joining its
 * inner list if it has one). The first item of a list has no item above it; an inner item cannot
 * go deeper, and its own inner items (if it had some) become its siblings.
 */
export const indent: Command = linesCommand((lines, first, last) => {
  let changed = false;
  for (let i = first; i <= last; i++) {
    const line = lines[i];
    if (!isListLine(line) || line.level === 1) continue;
    const above = lines[i - 1];
    if (!above || !isListLine(above) || above.group !== line.group) {
      if (i === first) return null;
      continue;
    }
    line.level = 1;
    if (above.level === 1) line.kind = above.kind;
    changed = true;
  }
  return changed ? lines : null;
});

/**
 * Minska indrag: an inner item becomes an item of the outer list (the inner items after it
 * become its own); an item of an outer list becomes a paragraph.
 */
export const outdent: Command = linesCommand((lines, first, last) => {
  const original = lines.map((line) => ({ ...line }));
  let changed = false;
  for (let i = first; i <= last; i++) {
    const line = lines[i];
    if (!isListLine(line)) continue;
    if (line.level === 1) Object.assign(line, { level: 0, kind: original[parentOf(original, i)].kind });
    else Object.assign(line, { kind: 'paragraph', group: -1 });
    changed = true;
  }
  return changed ? lines : null;
});

/** Whether every line the selection touches is of this kind (a toolbar button's pressed state). */
export function allLinesAre(state: EditorState, kind: LineKind): boolean {
  const lines = toLines(state.doc);
  const range = selectedLines(lines, state);
  return !!range && lines.slice(range[0], range[1] + 1).every((line) => line.kind === kind);
}

/** Enter in an empty list item, or Backspace at the start of one: one step out (as outdent). */
export const outdentAtStartOfItem: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset > 0 || $from.depth < 2) return false;
  const item = $from.node(-1).type;
  if (item !== n.list_item && item !== n.sublist_item) return false;
  return outdent(state, dispatch);
};
