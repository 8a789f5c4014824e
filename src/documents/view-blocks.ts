import type { Block, Inline } from '../statements/statement-body';

/**
 * Section bodies (typed JSON, src/statements/statement-body.ts) as template context: paragraphs and
 * lists nested once, footnote references numbered in reading order across the whole document, as
 * the seeds number them. Templates stay logic-free, so an admin-edited template cannot get the
 * numbering wrong.
 */
export type ViewInline = { text: string; bold: boolean; italic: boolean } | { footnote: number };
export interface ViewList {
  ordered: boolean;
  items: Array<{ content: ViewInline[]; children: ViewList | null }>;
}
export type ViewBlock = { paragraph: ViewInline[] } | { list: ViewList };

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
  blocks(body: readonly Block[]): ViewBlock[] {
    return body.map((block) =>
      block.type === 'paragraph'
        ? { paragraph: this.inlines(block.content) }
        : {
            list: {
              ordered: block.type === 'numbered_list',
              items: block.items.map((item) => ({
                content: this.inlines(item.content),
                children: item.children ? { ordered: item.children.type === 'numbered_list', items: item.children.items.map((child) => ({ content: this.inlines(child.content), children: null })) } : null,
              })),
            },
          },
    );
  }
}
