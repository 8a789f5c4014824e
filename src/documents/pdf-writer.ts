import type * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { fonts, sharedLayoutCache, type FontVariant } from './fonts';
import type { Fragment, Island, Line } from './line-breaking';
import { PAGE } from './layout-styles';
import type { DrawOp, StructNode } from './layout-primitives';
import type { PageLayout } from './pagination';
import type { PageFrame } from './page-frame';
import { TagTree, type ElementInternals } from './tag-tree';
import { addEscapedXmpInfo, pdfString, utf16Hex } from './pdf-strings';

/**
 * Writes laid-out pages with PDFKit as PDF/A-2a: tagged (every piece of text is marked content of
 * a structure element, the page frame is an artifact), Lang sv-SE, the font embedded as a subset,
 * XMP metadata matching the Info dictionary. PDFKit's text layout is not used: lines are final
 * here, so they are written as text operators directly, with real space glyphs (text extraction
 * and screen readers see words) that are widened for justification.
 *
 * Deterministic: CreationDate and ModDate come from the caller, and PDFKit derives the file /ID
 * from the Info dictionary alone (an MD5 of its entries), so equal inputs give equal bytes.
 */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creationDate: Date;
}

/** The parts of PDFKit's internals this writer relies on (pinned PDFKit 0.20). */
interface EmbeddedFontInternals {
  id: string;
  layoutCache?: Record<string, unknown>;
  ref(): unknown;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number }>];
  font: fontkit.Font;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}
interface DocumentInternals {
  _font: EmbeddedFontInternals;
  page: { fonts: Record<string, unknown>; dictionary: unknown };
  addContent(data: string): void;
  _addInfo(): void;
  info: Record<string, string | Date>;
}

const num = (value: number) => (Math.round(value * 1000) / 1000).toString();

/** One marked-content sequence to be: a run of drawing for one node (null: an artifact). */
interface Segment {
  struct: StructNode | null;
  artifact: 'Pagination' | 'Layout';
  content: string;
  /** A right-to-left stretch of a line in visual order (bidi-lines.ts), tagged as a Span of its own. */
  island: Island | null;
  /** The coordinate flip to wrap around the marked content, when content does not hold it (a tagged stand-in). */
  flip?: string;
  /** Where the run's first text starts (top-down): for links, destinations and bookmarks. */
  box: { x: number; top: number; width: number; height: number } | null;
}

class Writer {
  private readonly embedded = new Map<FontVariant, EmbeddedFontInternals>();
  private readonly tags: TagTree;
  private readonly destinations = new Set<string>();
  private readonly outlined = new Set<StructNode>();
  /** The open bookmark of each level, so an H2 is filed under its H1. */
  private outlineLevels: Array<{ level: number; item: PDFKit.PDFOutline }> = [];
  private readonly internals: DocumentInternals;

  constructor(private readonly doc: PDFKit.PDFDocument, private readonly bookmarks: boolean) {
    this.internals = doc as unknown as DocumentInternals;
    this.tags = new TagTree(doc);
  }

  finish(structure: StructNode): void {
    this.tags.finish(structure);
  }

  /** The document's own font objects, sharing the process-wide shaping cache. */
  private font(variant: FontVariant): EmbeddedFontInternals {
    let font = this.embedded.get(variant);
    if (!font) {
      this.doc.font(variant);
      font = this.internals._font;
      // Shaping a word is the expensive part of PDFKit text; results depend only on the font.
      font.layoutCache = sharedLayoutCache(variant);
      this.embedded.set(variant, font);
    }
    if (!this.internals.page.fonts[font.id]) this.internals.page.fonts[font.id] = font.ref();
    return font;
  }

  page(layout: PageLayout, frameOps: DrawOp[], bookmark?: string): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    if (bookmark) this.doc.outline.addItem(bookmark, { top: 0, left: PAGE.width } as never);
    const segments = [...this.segments(frameOps, 'Pagination'), ...this.segments([...layout.content, ...layout.footnotes], 'Layout')];
    // Consecutive runs of one node (the lines of a paragraph) become one marked-content sequence.
    for (let i = 0; i < segments.length; ) {
      const { struct, artifact } = segments[i];
      let j = i + 1;
      const island = (k: number) => Boolean(struct && segments[k].island);
      while (j < segments.length && segments[j].struct === struct && (struct || segments[j].artifact === artifact) && !island(i) && !island(j)) j++;
      const content = segments
        .slice(i, j)
        .map((s) => s.content)
        .join('\n');
      if (struct && segments[i].island && !struct.link) this.taggedIsland(struct, content, segments[i].island!, segments[i].flip);
      else if (struct) this.tagged(struct, content, segments[i].box);
      else {
        this.doc.markContent('Artifact', { type: artifact });
        this.internals.addContent(content);
        this.doc.endMarkedContent();
      }
      i = j;
    }
  }

  /**
   * A right-to-left stretch of a line (bidi-lines.ts) as a Span of its own among its element's
   * content: /Lang he on the Span and on its marked content, its logical text as the Span's
   * /ActualText, which a screen reader reads through the tags. The glyphs stay in visual order
   * with no marked-content /ActualText, as other producers write right-to-left text: extractors
   * reading the page (pdftotext, pdf.js) turn visual order into logical themselves, and poppler
   * would turn a logical marked-content /ActualText backwards.
   *
   * A stand-in for characters the font lacks (fonts.ts drawableRuns) is a Span too: the page shows
   * their code points, and the Span and its marked content say the characters as /ActualText
   * (ISO 32000-1 §14.9.4), so the tags, copying and pdftotext get what was written. A Span of its
   * own rather than marked content nested in the paragraph's: poppler ends a tagged sequence at
   * the first EMC, nested or not, and would lose the rest of the paragraph.
   */
  private taggedIsland(struct: StructNode, content: string, island: Island, flip?: string): void {
    const lang = island.lang ?? undefined;
    const actual = pdfString(island.actualText);
    const span = this.doc.struct('Span', { ...(lang ? { lang } : {}), actual } as PDFKit.Mixins.StructureElementOptions);
    if (flip) this.internals.addContent(flip);
    const marked = this.doc.markStructureContent('Span', { ...(lang ? { lang } : {}), ...(island.standIn ? { actual } : {}) } as PDFKit.Mixins.MarkingOptions);
    this.internals.addContent(content);
    this.doc.endMarkedContent();
    if (flip) this.internals.addContent('Q');
    span.add(marked);
    this.tags.record(struct, span);
  }

  private tagged(struct: StructNode, content: string, box: Segment['box']): void {
    if (box && struct.destination && !this.destinations.has(struct.destination)) {
      this.destinations.add(struct.destination);
      this.doc.addNamedDestination(struct.destination, 'XYZ', box.x, box.top, null);
    }
    if (box && struct.outline && this.bookmarks && !this.outlined.has(struct)) {
      this.outlined.add(struct);
      this.bookmark(struct.outline, box.top);
    }
    const marked = this.doc.markStructureContent(struct.type);
    this.internals.addContent(content);
    this.doc.endMarkedContent();
    if (!struct.link) {
      this.tags.record(struct, marked);
      return;
    }
    // A Link holds its text and its annotation (an OBJR naming the page it is on, ISO 32000-1 §14.7.4.3).
    let element = this.tags.prebuilt.get(struct);
    if (!element) {
      element = this.doc.struct('Link');
      this.tags.prebuilt.set(struct, element);
      const internals = element as unknown as ElementInternals;
      const flushChild = internals._flushChild.bind(internals);
      const pageRef = this.internals.page.dictionary;
      internals._flushChild = (child) => {
        if (child && typeof child === 'object' && 'annotationRef' in child) (internals.dictionary.data.K as unknown[]).push({ Type: 'OBJR', Obj: child.annotationRef, Pg: pageRef });
        else flushChild(child);
      };
    }
    element.add(marked);
    if (box) this.doc.goTo(box.x, box.top, box.width, box.height, struct.link.destination, { Contents: new String(struct.link.contents), structParent: element } as unknown as PDFKit.Mixins.AnnotationOption);
  }

  private bookmark(entry: { title: string; level: number }, top: number): void {
    while (this.outlineLevels.length && this.outlineLevels[this.outlineLevels.length - 1].level >= entry.level) this.outlineLevels.pop();
    const parent = this.outlineLevels.length ? this.outlineLevels[this.outlineLevels.length - 1].item : this.doc.outline;
    // PDFKit measures the destination's left from the right edge: the page width puts it at the left.
    const item = parent.addItem(entry.title, { top, left: PAGE.width } as never);
    this.outlineLevels.push({ level: entry.level, item });
  }

  /** Operations as content runs, a text line split where its fragments belong to different nodes. */
  private segments(ops: DrawOp[], artifact: Segment['artifact']): Segment[] {
    const segments: Segment[] = [];
    const flip = `q 1 0 0 -1 0 ${num(PAGE.height)} cm`;
    for (const op of ops) {
      if (op.kind === 'rule') {
        const [r, g, b] = op.color;
        const y = num(PAGE.height - op.y);
        segments.push({ struct: null, artifact, island: null, content: `${flip} ${num(op.width)} w ${num(r)} ${num(g)} ${num(b)} RG ${num(op.x1)} ${y} m ${num(op.x2)} ${y} l S Q`, box: null });
        continue;
      }
      const parts = this.line(op.line, op.x, op.y);
      const structOf = (index: number) => op.fragmentStructs?.[index] ?? op.struct;
      const islands = op.line.islands ?? [];
      const islandOf = (index: number) => islands.find((island) => island.first <= index && index <= island.last) ?? null;
      for (let i = 0; i < parts.length; ) {
        let j = i + 1;
        while (j < parts.length && structOf(j) === structOf(i) && islandOf(j) === islandOf(i)) j++;
        const struct = structOf(i);
        const island = islandOf(i);
        // In an artifact (a repeated letterhead) there are no tags: the stand-in's marked content says its characters.
        const artifactStandIn = !struct && island?.standIn;
        const run = parts.slice(i, j).map((p) => (artifactStandIn ? { ...p, content: `/Span <</ActualText ${utf16Hex(island.actualText)}>> BDC ${p.content} EMC` } : p));
        const size = op.line.fragments[i].style.size;
        const top = op.y - op.line.fragments[i].style.rise - size;
        const text = `BT ${run.map((p) => p.content).join(' ')} ET`;
        // A tagged stand-in's marked content goes inside the flip: poppler places its /ActualText with the matrix at EMC.
        const content = struct && !struct.link && island?.standIn ? { content: text, flip } : { content: `${flip} ${text} Q` };
        segments.push({ struct, artifact, island, ...content, box: { x: run[0].x, top, width: run.reduce((sum, p) => sum + p.width, 0), height: size * 1.25 } });
        i = j;
      }
    }
    return segments;
  }

  private line(line: Line, x: number, baseline: number): Array<{ content: string; x: number; width: number }> {
    const last = line.fragments.length - 1;
    const encoded = line.fragments.map((fragment, index) => this.encode(fragment, Boolean(line.softBreak) && index === last));
    const natural = encoded.reduce((sum, e) => sum + e.width, 0);
    const spaces = encoded.reduce((sum, e) => sum + e.spaces, 0);
    const extra = line.justify && spaces ? Math.max(0, (line.maxWidth - natural) / spaces) : 0;
    // A right-to-left paragraph is set flush right, like its HTML preview (dir="rtl").
    let cursor = line.rtl && !line.justify ? x + Math.max(0, line.maxWidth - natural) : x;
    return line.fragments.map((fragment, index) => {
      const { font, glyphs, width, spaces: fragmentSpaces } = encoded[index];
      const { size, rise, color } = fragment.style;
      const spaceAdjust = -(extra * 1000) / size;
      const tj: string[] = [];
      let run = '';
      for (const glyph of glyphs) {
        run += glyph.hex;
        const adjust = glyph.kern + (glyph.space ? spaceAdjust : 0);
        if (adjust !== 0) {
          tj.push(`<${run}> ${num(adjust)}`);
          run = '';
        }
      }
      if (run) tj.push(`<${run}>`);
      const start = cursor;
      const advance = width + extra * fragmentSpaces;
      cursor += advance;
      const text = `${num(color[0])} ${num(color[1])} ${num(color[2])} rg /${font.id} ${num(size)} Tf 1 0 0 1 ${num(start)} ${num(PAGE.height - baseline + rise)} Tm [${tj.join(' ')}] TJ`;
      return { content: text, x: start, width: advance };
    });
  }

  /**
   * The glyphs of a fragment. trailingSpace: the line was broken at a space; it is written after
   * the last glyph (invisible past the ragged edge) so the text reads "sitt remissvar", not "sittremissvar".
   */
  private encode(fragment: Fragment, trailingSpace: boolean): { font: EmbeddedFontInternals; glyphs: Array<{ hex: string; kern: number; space: boolean }>; width: number; spaces: number } {
    const font = this.font(fragment.style.variant);
    const glyphs: Array<{ hex: string; kern: number; space: boolean }> = [];
    let advance = 0;
    let spaces = 0;
    const words = fragment.text.split(' ');
    words.forEach((word, index) => {
      if (index > 0) {
        const [[hex], [position]] = font.encode(' ');
        glyphs.push({ hex, kern: -(position.xAdvance - position.advanceWidth), space: true });
        advance += position.xAdvance;
        spaces++;
      }
      if (!word) return;
      const [hexes, positions] = fragment.visual ? encodeVisual(font, word) : font.encode(word);
      hexes.forEach((hex, i) => {
        glyphs.push({ hex, kern: -(positions[i].xAdvance - positions[i].advanceWidth), space: false });
        advance += positions[i].xAdvance;
      });
    });
    if (trailingSpace && !fragment.text.endsWith(' ')) glyphs.push({ hex: font.encode(' ')[0][0], kern: 0, space: false });
    return { font, glyphs, width: (advance * fragment.style.size) / 1000, spaces };
  }
}

/**
 * PDFKit's encode for text already in visual order: shaped left to right as given. PDFKit lets
 * fontkit pick the direction from the script, which would reverse Hebrew a second time.
 */
function encodeVisual(font: EmbeddedFontInternals, text: string): [string[], Array<{ xAdvance: number; advanceWidth: number }>] {
  const run = font.font.layout(text, [], undefined, undefined, 'ltr');
  const hexes: string[] = [];
  const positions = run.glyphs.map((glyph, i) => {
    const gid = font.subset.includeGlyph(glyph.id);
    hexes.push(gid.toString(16).padStart(4, '0'));
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    return { xAdvance: run.positions[i].xAdvance * font.scale, advanceWidth: glyph.advanceWidth * font.scale };
  });
  return [hexes, positions];
}

/** Pages with their frame; a document of several (a batch of letters) numbers each one's pages on its own. */
export interface PdfPart {
  pages: PageLayout[];
  frame: PageFrame;
  /** A bookmark to the part's first page (the addressee of a letter in a batch). */
  bookmark?: string;
}

/** Writes the pages; chunks go to onData as PDFKit produces them (a page at a time). */
export function writePdf(parts: PdfPart[], structure: StructNode, meta: PdfMetadata, onData: (chunk: Buffer) => void): Promise<void> {
  const shared = fonts();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    // The default would be Helvetica, which is not embedded (and PDF/A needs every font embedded).
    font: shared.regular.font as unknown as string,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Keywords: meta.keywords, Creator: 'remiss, Stockholms stad', Producer: 'PDFKit', CreationDate: meta.creationDate, ModDate: meta.creationDate },
  });
  for (const variant of Object.keys(shared) as FontVariant[]) doc.registerFont(variant, shared[variant].font as unknown as string);
  (doc as unknown as DocumentInternals)._addInfo = addEscapedXmpInfo;
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', onData);
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const pageCount = parts.reduce((sum, part) => sum + part.pages.length, 0);
  // Headings become bookmarks in a document of more than one page; in a batch, its parts do instead
  // (every letter has the same headings).
  const writer = new Writer(doc, pageCount > 1 && !parts.some((part) => part.bookmark));
  for (const { pages, frame, bookmark } of parts) {
    pages.forEach((page, index) => writer.page(page, frame.opsFor(index + 1, pages.length), index === 0 ? bookmark : undefined));
  }
  writer.finish(structure);
  doc.end();
  return done;
}
