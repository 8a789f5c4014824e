import fc from 'fast-check';
import type { Block, Inline } from '../../src/statements/statement-body';

/**
 * Arbitrary valid section bodies (statement-body.ts): texts with what trips up converters —
 * line breaks, markup characters, leading and trailing spaces, non-breaking spaces, Swedish and
 * Sámi letters — and runs with marks set, unset or explicitly false.
 */
const characters = [...'abcåäöÅÄÖéŋ019 *_#<>&"\'-\n\u00a0'];
const textOf = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...characters), minLength: min, maxLength: max });

const mark = fc.constantFrom(undefined, false, true);

const textRun: fc.Arbitrary<Inline> = fc.record({ text: textOf(1, 12), bold: mark, italic: mark }).map(({ text, bold, italic }) => ({
  text,
  ...(bold === undefined ? {} : { bold }),
  ...(italic === undefined ? {} : { italic }),
}));

/** Trimmed and non-empty, as the body schema stores footnotes and sub-headings. */
const trimmedText = (oneLine: boolean) =>
  textOf(1, 20)
    .map((text) => (oneLine ? text.replace(/\n/g, ' ') : text).trim())
    .filter((text) => text.length > 0);

const footnote: fc.Arbitrary<Inline> = trimmedText(false).map((text) => ({ footnote: text }));

export const inlinesArbitrary = fc.array(fc.oneof({ arbitrary: textRun, weight: 4 }, { arbitrary: footnote, weight: 1 }), { minLength: 1, maxLength: 6 });

const listType = fc.constantFrom('bullet_list' as const, 'numbered_list' as const);

const listItem = fc.record({
  content: inlinesArbitrary,
  children: fc.option(fc.record({ type: listType, items: fc.array(fc.record({ content: inlinesArbitrary }), { minLength: 1, maxLength: 3 }) }), { nil: undefined }),
}).map(({ content, children }) => (children ? { content, children } : { content }));

export const blockArbitrary: fc.Arbitrary<Block> = fc.oneof(
  inlinesArbitrary.map((content): Block => ({ type: 'paragraph', content })),
  trimmedText(true).map((text): Block => ({ type: 'subheading', text })),
  fc.record({ type: listType, items: fc.array(listItem, { minLength: 1, maxLength: 4 }) }).map((list): Block => list),
);

export const bodyArbitrary = fc.array(blockArbitrary, { maxLength: 8 });
