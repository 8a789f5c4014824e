import type { Block, Inline } from '../statement-body';

/**
 * The one spelling of a body that the editor gives back: adjacent text runs with the same marks
 * are one run, and `bold: false` / `italic: false` are left out (they mean the same as absent).
 * Two bodies that print the same are equal in this form, which is what the editor's round trip
 * (body → editor → body) preserves.
 */
export function canonicalRuns(inlines: readonly Inline[]): Inline[] {
  const runs: Inline[] = [];
  for (const inline of inlines) {
    if ('footnote' in inline) {
      runs.push({ footnote: inline.footnote });
      continue;
    }
    const bold = !!inline.bold;
    const italic = !!inline.italic;
    const previous = runs[runs.length - 1];
    if (previous && 'text' in previous && !!previous.bold === bold && !!previous.italic === italic) {
      runs[runs.length - 1] = textRun(previous.text + inline.text, bold, italic);
    } else runs.push(textRun(inline.text, bold, italic));
  }
  return runs;
}

/** A text run with only the marks it has. */
export function textRun(text: string, bold: boolean, italic: boolean): Inline {
  return { text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
}

/** canonicalRuns applied to every paragraph and list item of a body. */
export function canonicalBlocks(blocks: readonly Block[]): Block[] {
  return mapContent(blocks, canonicalRuns);
}

/**
 * A copy of the body with each paragraph's and list item's inlines replaced by `change`, and each
 * sub-heading's text by `heading`: the one walk both canonical forms (the editor's here, the
 * markup's in body-markup.ts) are written with.
 */
export function mapContent(blocks: readonly Block[], change: (inlines: readonly Inline[]) => Inline[], heading: (text: string) => string = (text) => text): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
        return { type: 'paragraph', content: change(block.content) };
      case 'subheading':
        return { type: 'subheading', text: heading(block.text) };
      default:
        return {
          type: block.type,
          items: block.items.map((item) => ({
            content: change(item.content),
            ...(item.children ? { children: { type: item.children.type, items: item.children.items.map((child) => ({ content: change(child.content) })) } } : {}),
          })),
        };
    }
  });
}
