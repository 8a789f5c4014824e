import { canonicalBlocks, mapContent } from './editor/canonical';
import { readBlocks, type BlockDraft, type ItemDraft } from './body-markup-block-reader';
import { readInlines, type MarkupError, type SourceLine } from './body-markup-inline-reader';
import { schemaErrors, type SourceMap } from './body-markup-errors';
import { writeBody } from './body-markup-writer';
import { sectionBodySchema, type Block, type Inline } from './statement-body';

export type { MarkupError } from './body-markup-inline-reader';
export { MARKUP_HELP } from './body-markup-help';

/**
 * The statement editor without JavaScript: a section body as text in a textarea, in a small
 * format of our own (body-markup-syntax.ts; for users docs/redigeringsformat.md), and back.
 * markupToBody(bodyToMarkup(body)) is canonicalBody(body) for every valid body.
 */
export function bodyToMarkup(blocks: readonly Block[]): string {
  // Written in its canonical form: a lone CR would otherwise start a line the writer did not escape.
  return writeBody(canonicalBody(blocks));
}

/** At most this many errors are listed: a pasted document full of stars should not bury the page. */
const MAX_ERRORS = 20;

/**
 * The body the markup describes, validated by the same schema as the API (so limits and the
 * printable-text rule hold), or what is wrong with it, in Swedish, each naming its line.
 */
export function markupToBody(markup: string): { body: Block[] } | { errors: MarkupError[] } {
  const { drafts, errors } = readBlocks(markup);
  const sourceMap: SourceMap = new Map();
  const blocks: Block[] = [];
  drafts.forEach((draft, index) => {
    const block = toBlock(draft, [index], sourceMap, errors);
    if (block) blocks.push(block);
  });
  if (errors.length) return { errors: byLine(errors).slice(0, MAX_ERRORS) };

  const parsed = sectionBodySchema.safeParse(blocks);
  if (!parsed.success) return { errors: byLine(schemaErrors(parsed.error.issues, blocks, sourceMap)).slice(0, MAX_ERRORS) };
  return { body: parsed.data };
}

function byLine(errors: MarkupError[]): MarkupError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

type Path = Array<string | number>;

function toBlock(draft: BlockDraft, path: Path, sourceMap: SourceMap, errors: MarkupError[]): Block | null {
  sourceMap.set(path.join('.'), draft.line);
  if (draft.kind === 'subheading') return { type: 'subheading', text: draft.text };
  if (draft.kind === 'paragraph') {
    const content = toContent(draft.lines, [...path, 'content'], sourceMap, errors);
    return content && { type: 'paragraph', content };
  }
  const items = draft.items.map((item, index) => toItem(item, [...path, 'items', index], sourceMap, errors));
  if (items.some((item) => !item)) return null;
  return { type: draft.type, items: items as Array<NonNullable<(typeof items)[number]>> };
}

function toItem(draft: ItemDraft, path: Path, sourceMap: SourceMap, errors: MarkupError[]) {
  sourceMap.set(path.join('.'), draft.line);
  const content = toContent(draft.lines, [...path, 'content'], sourceMap, errors);
  if (!draft.children) return content && { content };
  const childrenPath = [...path, 'children'];
  sourceMap.set(childrenPath.join('.'), draft.children.line);
  const children = draft.children.items.map((child, index) => {
    const childPath = [...childrenPath, 'items', index];
    sourceMap.set(childPath.join('.'), child.line);
    const childContent = toContent(child.lines, [...childPath, 'content'], sourceMap, errors);
    return childContent && { content: childContent };
  });
  if (!content || children.some((child) => !child)) return null;
  return { content, children: { type: draft.children.type, items: children as Array<{ content: Inline[] }> } };
}

function toContent(lines: SourceLine[], path: Path, sourceMap: SourceMap, errors: MarkupError[]): Inline[] | null {
  // An item whose marker line was empty has no lines; its error is already reported.
  if (!lines.length) return null;
  sourceMap.set(path.join('.'), lines[0].line);
  const result = readInlines(lines);
  if ('error' in result) {
    errors.push(result.error);
    return null;
  }
  result.lines.forEach((line, index) => sourceMap.set([...path, index].join('.'), line));
  return result.inlines;
}

/**
 * The one form of a body that the markup can express: adjacent text runs with the same marks
 * merged (a run boundary without a change of marks is invisible), `bold: false` and
 * `italic: false` dropped, and as the schema stores them, footnotes and sub-headings trimmed.
 * Line breaks become "\n": a browser turns a lone CR in a textarea into a line break anyway, and
 * the documents print every line break alike.
 */
export function canonicalBody(blocks: readonly Block[]): Block[] {
  // Runs merged first (the editor's canonical form), then a CR ending one run and a LF starting the next are one line break.
  return mapContent(
    canonicalBlocks(blocks),
    (inlines) => inlines.map((inline) => ('footnote' in inline ? { footnote: lineBreaks(inline.footnote).trim() } : { ...inline, text: lineBreaks(inline.text) })),
    (text) => text.trim(),
  );
}

function lineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
