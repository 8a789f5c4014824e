import { layoutDocument } from './block-layout';
import { compilationView } from './compilation-view';
import type { DocumentSpec, PdfOptions } from './document-model';
import { previewPage } from './document-templates';
import { parseHtmlSubset } from './html-subset';
import { answerLetterView, coverLetterView, extensionLetterView } from './letter-views';
import { pageFrame } from './page-frame';
import { previewMarkup } from './preview-markup';
import { paginate, type PageLayout } from './pagination';
import { writePdf, type PdfMetadata, type PdfPart } from './pdf-writer';
import type { StructNode } from './layout-primitives';
import { statementView } from './statement-view';
import { templateSetFor, type TemplateSet } from './template-set';

/**
 * Every document the same way: a view of the model, its template (defaults or an admin's
 * override) to the HTML subset, which is the HTML preview as it stands and, parsed back, the
 * input of the one layout engine and the PDF writer. Pure functions of the model and the
 * templates: no database, no clock, so they run in worker threads and give the same bytes for the
 * same input.
 */
type Described = {
  markup: string;
  meta: Omit<PdfMetadata, 'creationDate'>;
  lastModified: string | null;
  fallbackDate: string;
  /** A batch of letters: each one's markup, laid out on its own (own letterhead, own "Sida 1 (2)"), with its bookmark. */
  parts?: Array<{ markup: string; bookmark: string }>;
};

function describe(spec: DocumentSpec, templates: TemplateSet): Described {
  switch (spec.kind) {
    case 'statement': {
      const m = spec.model;
      return {
        markup: templates.render('statement', statementView(m)),
        // A draft says so in its metadata too: the title (Info and XMP dc:title) and a keyword.
        meta: {
          title: m.draft ? `UTKAST: ${m.title}` : m.title,
          author: m.administration.name,
          subject: m.caseNumber ? `Dnr ${m.caseNumber}` : `Svar på remiss, Dnr ${m.remissCaseNumber}`,
          keywords: keywords(m.draft ? 'Utkast' : null, 'Tjänsteutlåtande', 'Remissvar', m.remissCaseNumber, m.consultation.sender),
        },
        lastModified: m.lastModified,
        fallbackDate: m.date,
      };
    }
    case 'cover-letter': {
      const m = spec.model;
      return {
        markup: templates.render('cover-letter', coverLetterView(m)),
        meta: { title: `Remiss: ${m.consultation.title}`, author: m.administration.name, subject: `Dnr ${m.consultation.caseNumber}`, keywords: keywords('Remissbrev', 'Remiss', m.consultation.caseNumber, m.sender, m.recipient.name) },
        lastModified: m.lastModified,
        fallbackDate: m.date,
      };
    }
    case 'cover-letters': {
      const m = spec.model;
      // The preview and the markup: the letters one after the other (the PDF lays each out on its own).
      const letters = m.letters.map((model) => describe({ kind: 'cover-letter', model }, templates));
      return {
        markup: letters.map((letter) => letter.markup).join('\n'),
        meta: { title: `Remissbrev att skicka med post: ${m.consultation.title}`, author: m.administration, subject: `Dnr ${m.consultation.caseNumber}`, keywords: keywords('Remissbrev', 'Remiss', m.consultation.caseNumber, ...m.letters.map((l) => l.recipient.name)) },
        lastModified: latestOf(letters.map((letter) => letter.lastModified)),
        fallbackDate: letters[0]?.fallbackDate ?? '1970-01-01',
        parts: letters.map((letter, index) => ({ markup: letter.markup, bookmark: m.letters[index].recipient.name })),
      };
    }
    case 'answer-letter': {
      const m = spec.model;
      return {
        markup: templates.render('answer-letter', answerLetterView(m)),
        meta: { title: `Svar på remiss: ${m.consultation.title}`, author: m.organisation, subject: `Dnr ${m.consultation.caseNumber}`, keywords: keywords('Remissvar', m.answer === 'declined' ? 'Avstår' : 'Inga synpunkter', m.consultation.caseNumber, m.consultation.sender) },
        lastModified: m.lastModified,
        fallbackDate: m.date,
      };
    }
    case 'extension-letter': {
      const m = spec.model;
      return {
        markup: templates.render('extension-letter', extensionLetterView(m)),
        meta: { title: `Beslut om anstånd: ${m.consultation.title}`, author: m.administration.name, subject: `Dnr ${m.consultation.caseNumber}`, keywords: keywords('Beslut om anstånd', 'Remiss', m.consultation.caseNumber, m.sender, m.recipient.name) },
        lastModified: m.lastModified,
        fallbackDate: m.date,
      };
    }
    case 'compilation': {
      const m = spec.model;
      return {
        markup: templates.render('compilation', compilationView(m)),
        meta: { title: `Sammanställning av remissvar: ${m.consultation.title}`, author: m.coordinator.name, subject: `Dnr ${m.consultation.caseNumber}`, keywords: keywords('Sammanställning', 'Remissvar', m.consultation.caseNumber, m.consultation.sender) },
        lastModified: m.lastModified,
        fallbackDate: m.date,
      };
    }
  }
}

const keywords = (...words: Array<string | null | undefined>) => words.filter(Boolean).join(', ');

const latestOf = (instants: Array<string | null>): string | null => instants.reduce<string | null>((max, at) => (at && (!max || at > max) ? at : max), null);

/** The document's markup in the HTML subset (what the PDF is laid out from). */
export function documentMarkup(spec: DocumentSpec, templates: TemplateSet = templateSetFor()): string {
  return describe(spec, templates).markup;
}

/**
 * The HTML preview: the same markup as the PDF, in a page with the preview stylesheet. Parsed and
 * serialised again (with footnote links, previewMarkup), so the browser gets exactly what the PDF is laid out from and nothing a
 * template might slip past the parser (a browser and our parser may read odd markup differently).
 */
export function renderDocumentHtml(spec: DocumentSpec, templates: TemplateSet = templateSetFor()): string {
  const { markup, meta } = describe(spec, templates);
  return previewPage(meta.title, previewMarkup(parseHtmlSubset(markup)));
}

export interface DocumentLayout {
  pages: PageLayout[];
  render(onData: (chunk: Buffer) => void, options?: PdfOptions): Promise<void>;
}

/** Lays the document out (all pages, before drawing any, so "Sida X (Y)" is known); render() then writes the PDF. */
export function layoutDocumentSpec(spec: DocumentSpec, templates: TemplateSet = templateSetFor()): DocumentLayout {
  const { markup, meta, lastModified, fallbackDate, parts: batch } = describe(spec, templates);
  // A batch of letters: each laid out on its own (its own letterhead and page count) under one
  // Document, each a Part with a bookmark naming its addressee.
  const parts = batch ? batch.map((part, index) => ({ ...layoutPart(part.markup, `brev-${index + 1}-`), bookmark: part.bookmark })) : [layoutPart(markup)];
  if (batch) for (const part of parts) part.structure.type = 'Part';
  const structure: StructNode = batch ? { type: 'Document', children: parts.map((part) => part.structure) } : parts[0].structure;
  return {
    pages: parts.flatMap((part) => part.pages),
    render: (onData, options = {}) => writePdf(parts, structure, { ...meta, creationDate: options.creationDate ?? defaultCreationDate(lastModified, fallbackDate) }, onData),
  };
}

/** prefix: for the element ids and link destinations (footnotes) of one part, unique in the whole PDF. */
function layoutPart(markup: string, prefix = ''): PdfPart & { structure: StructNode } {
  const laidOut = layoutDocument(parseHtmlSubset(markup));
  if (prefix) prefixIds(laidOut.structure, prefix);
  return { pages: paginate(laidOut), frame: pageFrame(laidOut.letterhead, laidOut.footer, laidOut.letterheadTags), structure: laidOut.structure };
}

/** In place: the drawing operations refer to these same nodes. */
function prefixIds(node: StructNode, prefix: string): void {
  if (node.id) node.id = prefix + node.id;
  if (node.destination) node.destination = prefix + node.destination;
  if (node.link) node.link = { ...node.link, destination: prefix + node.link.destination };
  for (const child of node.children) prefixIds(child, prefix);
}

/** Without an explicit date, the content's last change or its date at noon: a document never depends on the clock. */
function defaultCreationDate(lastModified: string | null, date: string): Date {
  const parsed = new Date(lastModified ?? `${date}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

/** Streams the PDF: onData receives it in order, a page or so at a time. */
export function writeDocumentPdf(spec: DocumentSpec, options: PdfOptions, templates: TemplateSet, onData: (chunk: Buffer) => void): Promise<void> {
  return layoutDocumentSpec(spec, templates).render(onData, options);
}

export async function renderDocumentPdf(spec: DocumentSpec, options: PdfOptions = {}, templates: TemplateSet = templateSetFor()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeDocumentPdf(spec, options, templates, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
