import type { Line, TextStyle } from './line-breaking';
import type { FontVariant } from './fonts';
import { fonts } from './fonts';

/**
 * The house style in numbers (points; A4 is 595.28 × 841.89). Modelled on the city's
 * tjänsteutlåtanden: a header band with "Stockholms stad" and the förvaltning on the left and the
 * document type, Dnr and page on the right; a text column of about 150 mm; a thin rule and the
 * förvaltning's address at the foot.
 */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  /** The text column. */
  left: 85,
  right: 510,
  /** First baseline band below the header, and the last point text may reach above the footer. */
  top: 122,
  bottom: 768,
  /** The header and footer reach wider than the text column. */
  frameLeft: 57,
  frameRight: 538,
} as const;

export type RGB = readonly [number, number, number];
export const BLACK: RGB = [0, 0, 0];
export const GREY: RGB = [0.3, 0.3, 0.3];
export const LIGHT_GREY: RGB = [0.7, 0.7, 0.7];

export interface BlockStyle {
  text: TextStyle;
  leading: number;
  spaceBefore: number;
  spaceAfter: number;
  justify: boolean;
}

const style = (variant: FontVariant, size: number, leading: number, spaceBefore: number, spaceAfter: number, justify = false, color: RGB = BLACK): BlockStyle => ({
  text: { variant, size, rise: 0, color },
  leading,
  spaceBefore,
  spaceAfter,
  justify,
});

export const STYLES = {
  // Ragged-right, as the seeds: justified lines without hyphenation leave rivers and odd short lines.
  body: style('regular', 11, 15, 0, 8),
  h1: style('bold', 16, 20, 0, 6),
  h2: style('bold', 12.5, 16, 14, 4),
  h3: style('bold', 11, 15, 10, 3),
  /** The sammanställning's sub-headings inside an answer (under the organisation's h3). */
  h4: style('boldItalic', 11, 15, 8, 2),
  subtitle: style('regular', 12, 16, 0, 14),
  stance: style('italic', 11, 15, 0, 6),
  listItem: style('regular', 11, 15, 0, 3),
  tableCell: style('regular', 10, 13, 0, 0),
  tableHead: style('bold', 10, 13, 0, 0),
  /** The sammanställning's status table: one line per remissinstans, fifty and more rows. */
  compactCell: style('regular', 8.5, 11, 0, 0),
  compactHead: style('bold', 8.5, 11, 0, 0),
  note: style('italic', 9, 12, 0, 8, false, GREY),
  meta: style('regular', 10, 13, 0, 0),
  metaLabel: style('bold', 10, 13, 0, 0),
  signature: style('regular', 11, 15, 0, 0),
  footnote: style('regular', 8, 10, 0, 2),
  headerCity: style('bold', 14, 17, 0, 0),
  headerDocType: style('bold', 11, 14, 0, 0),
  /** "UTKAST" on every page of a draft: the document type's weight, in a red that prints dark. */
  headerDraft: style('bold', 11, 14, 0, 0, false, [0.7, 0.1, 0.1]),
  headerSmall: style('regular', 9, 12, 0, 0),
  footer: style('regular', 7.5, 10, 0, 0, false, GREY),
  footerStrong: style('bold', 7.5, 10, 0, 0, false, GREY),
} satisfies Record<string, BlockStyle>;

/** Footnote reference marks: small and raised, in the style of the surrounding text. */
export function superscript(base: TextStyle): TextStyle {
  return { ...base, size: Math.round(base.size * 0.65 * 10) / 10, rise: base.size * 0.35 };
}

export const LIST_INDENT = 18;
export const FOOTNOTE_INDENT = 12;
export const FOOTNOTE_SEPARATOR = 10;

/** Where the baseline sits in a line box of the given leading: the text's extent centred in it. */
export function baselineOffset(size: number, leading: number, variant: FontVariant = 'regular'): number {
  const f = fonts()[variant];
  const ascent = (f.ascender / 1000) * size;
  const descent = (-f.descender / 1000) * size;
  return (leading - ascent - descent) / 2 + ascent;
}

/** A line of one fragment, for labels, header fields and page numbers. */
export function singleLine(text: string, textStyle: TextStyle, width: number): Line {
  return { fragments: [{ text, style: textStyle, width }], width, maxWidth: width, justify: false, footnotes: [] };
}
