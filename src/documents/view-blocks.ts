import type { Block, Inline } from '../statements/statement-body';

/**
 * Section bodies (typed JSON, src/statements/statement-body.ts) as template context: paragraphs,
 * sub-headings and lists nested once, footnote references numbered in reading order across the whole document, as
 * the seeds number them. Templates stay logic-free, so an admin-edited template cannot get the
 * numbering wrong.
 */
export type ViewInline = { text: string; bold: boolean; italic: boolean } | { footnote: number };
export interface ViewList {
  ordered: boolean;
  items: Array<{ content: ViewInline[]; children: ViewList | null }>;
}
/**
 * A sub-heading one level below the heading its section is printed under: h3 in a
 * tjänsteutlåtande (sections are h2), h4 in the sammanställning (sections h2, each answer h3), so
 * the tag tree and the bookmarks nest as the reader sees them.
 */
export type ViewBlock = { paragraph: ViewInline[] } | { list: ViewList } | { subheading: { text: string; h3: boolean; h4: boolean } };
export type SubheadingLevel = 3 | 4;

export class FootnoteNumbering {
  /** Every note met so far; a document prints them (or the PDF lays them out at the foot of their page). */
  readonly footnotes: Array<{ number: number; text: string }> = [];

  inlines(content: readonly Inline[]): ViewInline[] {
    return content.map((inline) => {
      if ('footnote' in inline) {
        this.footnotes.push({ number: this.footnotes.length + 1, text: inline.footnote });
        return { footnote: this.footnotes.length };
      }
      return { text: inline.text, bold: !!inline.bold, italic: !!inline.italic };
    });
  }

  /** Call in reading order: numbers follow the order of the calls. */
  blocks(body: readonly Block[], subheadingLevel: SubheadingLevel = 3): ViewBlock[] {
    return body.map((block): ViewBlock => {
      if (block.type === 'paragraph') return { paragraph: this.inlines(block.content) };
      if (block.type === 'subheading') return { subheading: { text: block.text, h3: subheadingLevel === 3, h4: subheadingLevel === 4 } };
      return {
        list: {
          ordered: block.type === 'numbered_list',
          items: block.items.map((item) => ({
            content: this.inlines(item.content),
            children: item.children ? { ordered: item.children.type === 'numbered_list', items: item.children.items.map((child) => ({ content: this.inlines(child.content), children: null })) } : null,
          })),
        },
      };
    });
  }
}
