import { printable } from '../documents/printable-text';
import { z } from '../http/zod-openapi';

/**
 * Section bodies are typed data, never HTML: a small document model that every renderer (PDF,
 * HTML preview, compilation, search) walks the same way.
 *
 *   Block  = paragraph | bullet_list | numbered_list | subheading
 *   Inline = text run (bold/italic) | footnote (its text; numbered when rendered)
 *   Lists nest once: an item may hold one list of its own.
 *   A subheading is plain text one level below the section heading (seed 003's Ärendet has four,
 *   seed 004's synpunkter are headed by the questions they answer): printed as H3.
 */
export const MAX_SECTION_CHARACTERS = 50_000;
export const MAX_BLOCKS = 500;
/** As a section heading may be long (statements.schemas.ts); a question as sub-heading needs room. */
export const MAX_SUBHEADING_CHARACTERS = 200;

const text = z.string().max(10_000);

export const inlineSchema = z.union([
  z.strictObject({ text: text.min(1, 'must not be empty').superRefine(printable), bold: z.boolean().optional(), italic: z.boolean().optional() }),
  z.strictObject({ footnote: z.string().trim().min(1, 'must not be empty').max(2_000).superRefine(printable) }),
]);

const inlines = z.array(inlineSchema).min(1, 'needs some text').max(200);

const innerList = z.strictObject({
  type: z.enum(['bullet_list', 'numbered_list']),
  items: z.array(z.strictObject({ content: inlines })).min(1).max(100),
});

const listItem = z.strictObject({ content: inlines, children: innerList.optional() });

// One line of plain text: a line break inside a heading would be lost on the page, so it is refused rather than folded.
const subheadingText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_SUBHEADING_CHARACTERS, `may hold at most ${MAX_SUBHEADING_CHARACTERS} characters`)
  .regex(/^[^\n\r\u2028\u2029]*$/, 'must be one line: a sub-heading cannot hold a line break')
  .superRefine(printable);

export const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('paragraph'), content: inlines }),
  z.strictObject({ type: z.literal('subheading'), text: subheadingText }),
  z.strictObject({ type: z.literal('bullet_list'), items: z.array(listItem).min(1).max(200) }),
  z.strictObject({ type: z.literal('numbered_list'), items: z.array(listItem).min(1).max(200) }),
]);

export type Inline = z.infer<typeof inlineSchema>;
export type Block = z.infer<typeof blockSchema>;

export const sectionBodySchema = z
  .array(blockSchema)
  .max(MAX_BLOCKS, `may hold at most ${MAX_BLOCKS} blocks`)
  .superRefine((blocks, ctx) => {
    const length = plainText(blocks).length;
    if (length > MAX_SECTION_CHARACTERS) {
      ctx.addIssue({ code: 'custom', message: `is ${length} characters long; a section may hold at most ${MAX_SECTION_CHARACTERS}` });
    }
  })
  .openapi('SectionBody', {
    description:
      'Blocks: {type:"paragraph", content:[…]}, {type:"bullet_list"|"numbered_list", items:[{content:[…], children?:{type, items}}]}, {type:"subheading", text} (plain text on one line, at most 200 characters, one level below the section heading: H3 in the PDF). Inline: {text, bold?, italic?} or {footnote}.',
  });

function inlineText(inline: Inline): string {
  return 'text' in inline ? inline.text : '';
}

/**
 * The text of a body without formatting or footnotes, a line per paragraph, list item and
 * sub-heading: for diffs, limits, search and the compilation's text columns. Without sub-headings
 * (subheadings: false) it is the running text, where a first sentence can be found.
 */
export function plainText(blocks: readonly Block[], { subheadings = true } = {}): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') lines.push(block.content.map(inlineText).join(''));
    else if (block.type === 'subheading') {
      if (subheadings) lines.push(block.text);
    } else {
      for (const item of block.items) {
        lines.push(item.content.map(inlineText).join(''));
        for (const child of item.children?.items ?? []) lines.push(child.content.map(inlineText).join(''));
      }
    }
  }
  return lines.join('\n');
}

/** Whether a body says anything: sub-headings alone are an outline, not text (required sections must hold text). */
export function holdsText(blocks: readonly Block[]): boolean {
  return blocks.some((block) => block.type !== 'subheading');
}

/** A body from plain text: blank lines separate paragraphs. Used for default texts. */
export function paragraphsFromText(source: string): Block[] {
  return source
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => ({ type: 'paragraph' as const, content: [{ text: paragraph }] }));
}
