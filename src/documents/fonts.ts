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
  /** PDFKit's layout cache for this font, shared across documents (see pdf-writer.ts and sharedLayoutCache). */
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

/**
 * Caches are bounded: a process renders many documents, and users write many distinct words (a
 * statement saved with a new number or date is a new word in every later PDF of it). A width is
 * a number, about 100 bytes with its key.
 */
const MAX_CACHED = 200_000;

/**
 * PDFKit's shaping cache keeps a whole fontkit GlyphRun per word, a GlyphPosition of five numbers
 * per glyph: about 3.5 KB for a 16-character word. Bounded as tightly as the widths, a worker
 * would hold hundreds of MB of them before the first reset; a few thousand words hold the
 * vocabulary of the documents rendered lately, and a word missing is shaped again in microseconds.
 */
export const MAX_SHAPED_WORDS = 2_000;

/**
 * The shaping cache a new document attaches to its font (pdf-writer.ts). Past the bound it starts
 * over: documents still being written keep the old object until they end, so nothing changes under them.
 */
export function sharedLayoutCache(variant: FontVariant): Record<string, unknown> {
  const f = fonts()[variant];
  // Counting the keys costs well under a millisecond at the bound, once per font per document.
  if (Object.keys(f.layoutCache).length >= MAX_SHAPED_WORDS) f.layoutCache = Object.create(null) as Record<string, unknown>;
  return f.layoutCache;
}

/** Advance width of a piece of text in points: shaped (kerning included) exactly as PDFKit shapes it. */
export function textWidth(variant: FontVariant, text: string, size: number): number {
  const f = fonts()[variant];
  let units = f.widths.get(text);
  if (units === undefined) {
    units = f.font.layout(text).advanceWidth;
    if (f.widths.size >= MAX_CACHED) f.widths.clear();
    f.widths.set(text, units);
  }
  return (units * size) / f.unitsPerEm;
}

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

/** "U+2713": how a character is named where it cannot be shown (the save-time refusal, the stand-in below). */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A stretch of text as the PDF draws it. With `actual`, it stands in for characters the font has
 * no glyph for: `text` is their code points, visible on the page ("[U+2713]"), and `actual` the
 * characters themselves, which the PDF keeps as the stretch's /ActualText (copying, search and
 * screen readers get them).
 */
export interface DrawnText {
  text: string;
  actual?: string;
}

/**
 * Text as the font can draw it: normalised to composed form (so "a" + ring is "å"), invisible
 * characters dropped, and each run of characters the font lacks drawn as their code points.
 * Saving refuses such text (printable-text.ts), so only text stored before that rule gets here;
 * it must never print as an empty box (nor .notdef, which PDF/A forbids) with nothing preserved.
 * The HTML preview keeps the original text; this is only what the PDF shows.
 */
export function drawableRuns(text: string): DrawnText[] {
  if (/^[\x20-\x7e]*$/.test(text)) return text ? [{ text }] : [];
  const out: DrawnText[] = [];
  let plain = '';
  let missing: { names: string[]; actual: string } | null = null;
  const close = () => {
    if (!missing) return;
    // No-break spaces: the stand-in is one word, never broken at a space between its code points.
    out.push({ text: `[${missing.names.join('\u00a0')}]`, actual: missing.actual });
    missing = null;
  };
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!;
    if (isInvisible(char)) {
      // A joiner or variation selector inside a run of missing characters is part of what was written (👨‍👩‍👧).
      if (missing) missing.actual += char;
    } else if (codePoint < 0x7f || canPrint(codePoint)) {
      close();
      plain += char;
    } else {
      if (plain) out.push({ text: plain });
      plain = '';
      missing ??= { names: [], actual: '' };
      missing.names.push(codePointName(char));
      missing.actual += char;
    }
  }
  close();
  if (plain) out.push({ text: plain });
  return out;
}
