import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The document font: Liberation Sans (SIL OFL 1.1, assets/fonts/OFL.txt), metric-compatible with
 * Arial, the city's fallback for its own typeface, with every Swedish glyph.
 *
 * Fonts are read and parsed once per process (each worker thread is one), never per document:
 * parsing, glyph lookups and OpenType shaping were most of the time of a naive PDFKit document.
 * The shaped width of a word is cached here too, shared by every document the process renders.
 */
export type FontVariant = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontVariant, string> = {
  regular: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italic: 'LiberationSans-Italic.ttf',
  boldItalic: 'LiberationSans-BoldItalic.ttf',
};

function findFontDir(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'assets', 'fonts', FILES.regular))) return path.join(dir, 'assets', 'fonts');
  }
  throw new Error(`No assets/fonts folder with ${FILES.regular} above ${from}`);
}

export interface LoadedFont {
  variant: FontVariant;
  font: fontkit.Font;
  unitsPerEm: number;
  /** Ascent and descent in font units per 1000 em, as PDFKit reports them. */
  ascender: number;
  descender: number;
  /** PDFKit's layout cache for this font, shared across documents (see pdf-writer.ts). */
  layoutCache: Record<string, unknown>;
  widths: Map<string, number>;
  coverage: Map<number, boolean>;
}

let loaded: Record<FontVariant, LoadedFont> | undefined;

export function fonts(): Record<FontVariant, LoadedFont> {
  if (!loaded) {
    const dir = findFontDir(__dirname);
    const load = (variant: FontVariant): LoadedFont => {
      const font = fontkit.create(readFileSync(path.join(dir, FILES[variant]))) as fontkit.Font;
      claimCodePoints(font);
      return {
        variant,
        font,
        unitsPerEm: font.unitsPerEm,
        ascender: (font.ascent * 1000) / font.unitsPerEm,
        descender: (font.descent * 1000) / font.unitsPerEm,
        layoutCache: Object.create(null) as Record<string, unknown>,
        widths: new Map(),
        coverage: new Map(),
      };
    };
    loaded = { regular: load('regular'), bold: load('bold'), italic: load('italic'), boldItalic: load('boldItalic') };
  }
  return loaded;
}

/**
 * fontkit caches one glyph object per glyph id, with the code points of its first request, and
 * PDFKit's ToUnicode map (how text is copied and read aloud) comes from those. Subsetting asks
 * for the components of composite glyphs without code points ("O" inside "Ö"), so with a font
 * shared across documents "O" would later map to nothing. Asking for every mapped character
 * first, lowest code point first (space before no-break space), pins the right mapping.
 */
function claimCodePoints(font: fontkit.Font): void {
  for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) font.glyphForCodePoint(codePoint);
}

export function variantOf(bold: boolean, italic: boolean): FontVariant {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** Caches are bounded: a process renders many documents, and users write many distinct words. */
const MAX_CACHED = 200_000;

/** Advance width of a piece of text in points: shaped (kerning included) exactly as PDFKit shapes it. */
export function textWidth(variant: FontVariant, text: string, size: number): number {
  const f = fonts()[variant];
  let units = f.widths.get(text);
  if (units === undefined) {
    units = f.font.layout(text).advanceWidth;
    if (f.widths.size >= MAX_CACHED) {
      // PDFKit's shaping cache holds the same words, unbounded: let it start over with this one
      // (documents pick up the new object when they next attach the font).
      f.widths.clear();
      f.layoutCache = Object.create(null) as Record<string, unknown>;
    }
    f.widths.set(text, units);
  }
  return (units * size) / f.unitsPerEm;
}

/**
 * Shown for characters the font lacks. Saving refuses such text (printable-text.ts), so only text
 * stored before that rule can reach it; PDF/A forbids drawing .notdef.
 */
export const MISSING_GLYPH = '\u25a1';

// Invisible format characters (bidi marks and overrides, zero-width joiners, soft hyphens),
// variation selectors and control characters have no business in a printed line.
const INVISIBLE = /[\p{Cf}\p{Cc}\u{fe00}-\u{fe0f}\u{e0100}-\u{e01ef}]/gu;
const INVISIBLE_CHAR = new RegExp(INVISIBLE.source, 'u');

export const isInvisible = (char: string): boolean => INVISIBLE_CHAR.test(char);

/** Whether every variant of the document font has a glyph for the code point (they cover the same 2,328). */
export function canPrint(codePoint: number): boolean {
  const f = fonts().regular;
  let has = f.coverage.get(codePoint);
  if (has === undefined) {
    has = Object.values(fonts()).every((variant) => variant.font.hasGlyphForCodePoint(codePoint));
    f.coverage.set(codePoint, has);
  }
  return has;
}

/**
 * Text as the font can draw it: normalised to composed form (so "a" + ring is "å"), invisible
 * characters dropped, anything the font has no glyph for shown as a white square. The HTML preview
 * keeps the original text; this is only what the PDF shows.
 */
export function drawableText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(INVISIBLE, '')) {
    const cp = char.codePointAt(0)!;
    out += cp < 0x7f || canPrint(cp) ? char : MISSING_GLYPH;
  }
  return out;
}
