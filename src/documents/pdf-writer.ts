import PDFDocument from 'pdfkit';
import { fonts, type FontVariant } from './fonts';
import type { Fragment, Line } from './line-breaking';
import { PAGE } from './layout-styles';
import type { DrawOp, StructNode } from './layout-primitives';
import type { PageLayout } from './pagination';
import type { PageFrame } from './page-frame';

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
}
interface DocumentInternals {
  _font: EmbeddedFontInternals;
  page: { fonts: Record<string, unknown> };
  addContent(data: string): void;
  _addInfo(): void;
  info: Record<string, string | Date>;
}

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (value: number) => (Math.round(value * 1000) / 1000).toString();

/** PDFKit writes Info strings into the XMP unescaped; a title with "<" would break the packet. */
function addEscapedXmpInfo(this: DocumentInternals & PDFKit.PDFDocument): void {
  const info = this.info as Record<string, string> & { CreationDate: Date; ModDate: Date };
  const date = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  this.appendXML(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${date(info.CreationDate)}</xmp:CreateDate>
<xmp:ModifyDate>${date(info.ModDate)}</xmp:ModifyDate>
<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${xml(info.Producer)}</pdf:Producer>
<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>
</rdf:Description>`);
}

class Writer {
  private readonly embedded = new Map<FontVariant, EmbeddedFontInternals>();
  private readonly elements = new Map<StructNode, PDFKit.PDFStructureElement>();
  private readonly internals: DocumentInternals;

  constructor(private readonly doc: PDFKit.PDFDocument, structure: StructNode) {
    this.internals = doc as unknown as DocumentInternals;
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.elements.set(structure, root);
    this.createElements(structure, root);
  }

  /** The tag tree is built up front in reading order; content is attached to it as pages are drawn. */
  private createElements(parent: StructNode, parentElement: PDFKit.PDFStructureElement): void {
    for (const child of parent.children) {
      const options = child.scope ? ({ scope: child.scope } as PDFKit.Mixins.StructureElementOptions) : {};
      const element = this.doc.struct(child.type, options);
      parentElement.add(element);
      this.elements.set(child, element);
      this.createElements(child, element);
    }
  }

  /** The document's own font objects, sharing the process-wide shaping cache. */
  private font(variant: FontVariant): EmbeddedFontInternals {
    let font = this.embedded.get(variant);
    if (!font) {
      this.doc.font(variant);
      font = this.internals._font;
      // Shaping a word is the expensive part of PDFKit text; results depend only on the font.
      font.layoutCache = fonts()[variant].layoutCache;
      this.embedded.set(variant, font);
    }
    if (!this.internals.page.fonts[font.id]) this.internals.page.fonts[font.id] = font.ref();
    return font;
  }

  page(layout: PageLayout, frameOps: DrawOp[]): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.doc.markContent('Artifact', { type: 'Pagination' });
    this.internals.addContent(frameOps.map((op) => this.op(op)).join('\n'));
    this.doc.endMarkedContent();
    // Consecutive lines of one element become one marked-content sequence.
    const ops = [...layout.content, ...layout.footnotes];
    for (let i = 0; i < ops.length; ) {
      const struct = ops[i].kind === 'text' ? (ops[i] as { struct: StructNode | null }).struct : null;
      let j = i + 1;
      while (j < ops.length && ops[j].kind === 'text' && (ops[j] as { struct: StructNode | null }).struct === struct) j++;
      const element = struct ? this.elements.get(struct) : undefined;
      if (element) {
        const content = this.doc.markStructureContent(struct!.type);
        this.internals.addContent(ops.slice(i, j).map((op) => this.op(op)).join('\n'));
        this.doc.endMarkedContent();
        element.add(content);
      } else {
        this.doc.markContent('Artifact', { type: 'Layout' });
        this.internals.addContent(ops.slice(i, j).map((op) => this.op(op)).join('\n'));
        this.doc.endMarkedContent();
      }
      i = j;
    }
  }

  /** One operation as PDF content, in unflipped page space (PDFKit's pages start flipped to top-down). */
  private op(op: DrawOp): string {
    const flip = `q 1 0 0 -1 0 ${num(PAGE.height)} cm`;
    if (op.kind === 'rule') {
      const [r, g, b] = op.color;
      const y = num(PAGE.height - op.y);
      return `${flip} ${num(op.width)} w ${num(r)} ${num(g)} ${num(b)} RG ${num(op.x1)} ${y} m ${num(op.x2)} ${y} l S Q`;
    }
    return `${flip} BT ${this.line(op.line, op.x, op.y)} ET Q`;
  }

  private line(line: Line, x: number, baseline: number): string {
    const encoded = line.fragments.map((fragment) => this.encode(fragment));
    const natural = encoded.reduce((sum, e) => sum + e.width, 0);
    const spaces = encoded.reduce((sum, e) => sum + e.spaces, 0);
    const extra = line.justify && spaces ? Math.max(0, (line.maxWidth - natural) / spaces) : 0;
    const parts: string[] = [];
    let cursor = x;
    line.fragments.forEach((fragment, index) => {
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
      parts.push(`${num(color[0])} ${num(color[1])} ${num(color[2])} rg /${font.id} ${num(size)} Tf 1 0 0 1 ${num(cursor)} ${num(PAGE.height - baseline + rise)} Tm [${tj.join(' ')}] TJ`);
      cursor += width + extra * fragmentSpaces;
    });
    return parts.join(' ');
  }

  private encode(fragment: Fragment): { font: EmbeddedFontInternals; glyphs: Array<{ hex: string; kern: number; space: boolean }>; width: number; spaces: number } {
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
      const [hexes, positions] = font.encode(word);
      hexes.forEach((hex, i) => {
        glyphs.push({ hex, kern: -(positions[i].xAdvance - positions[i].advanceWidth), space: false });
        advance += positions[i].xAdvance;
      });
    });
    return { font, glyphs, width: (advance * fragment.style.size) / 1000, spaces };
  }
}

/** Writes the pages; chunks go to onData as PDFKit produces them (a page at a time). */
export function writePdf(pages: PageLayout[], frame: PageFrame, structure: StructNode, meta: PdfMetadata, onData: (chunk: Buffer) => void): Promise<void> {
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
  const writer = new Writer(doc, structure);
  pages.forEach((page, index) => writer.page(page, frame.opsFor(index + 1, pages.length)));
  doc.end();
  return done;
}
