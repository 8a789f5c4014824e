import { layoutDocument } from './block-layout';
import type { PdfOptions, StatementDocumentModel } from './document-model';
import { documentTemplate, previewPage } from './document-templates';
import { parseHtmlSubset } from './html-subset';
import { pageFrame } from './page-frame';
import { paginate, type PageLayout } from './pagination';
import { writePdf } from './pdf-writer';
import { statementView } from './statement-view';

/**
 * The tjänsteutlåtande as a document. One template, two outputs: the markup is the HTML preview
 * (with a stylesheet) and, parsed back, the input of the PDF layout. Pure functions of the model:
 * no database, no clock, so they run in worker threads and give the same bytes for the same input.
 */
export function statementMarkup(model: StatementDocumentModel): string {
  return documentTemplate('statement')(statementView(model));
}

export function renderStatementHtml(model: StatementDocumentModel): string {
  return previewPage(model.title, statementMarkup(model));
}

export interface StatementLayout {
  pages: PageLayout[];
  render(onData: (chunk: Buffer) => void, options?: PdfOptions): Promise<void>;
}

/** Lays the statement out (all pages, before drawing any); render() then writes the PDF. */
export function layoutStatement(model: StatementDocumentModel): StatementLayout {
  const laidOut = layoutDocument(parseHtmlSubset(statementMarkup(model)));
  const pages = paginate(laidOut);
  const frame = pageFrame(laidOut.letterhead, laidOut.footer);
  return {
    pages,
    render: (onData, options = {}) =>
      writePdf(pages, frame, laidOut.structure, {
        title: model.title,
        author: model.administration.name,
        subject: `Dnr ${model.caseNumber}`,
        keywords: ['Tjänsteutlåtande', 'Remissvar', model.remissCaseNumber, model.consultation.sender].filter(Boolean).join(', '),
        creationDate: options.creationDate ?? defaultCreationDate(model),
      }, onData),
  };
}

/** Without an explicit date, the statement's last change or its date: the document never depends on the clock. */
function defaultCreationDate(model: StatementDocumentModel): Date {
  const parsed = new Date(model.lastModified ?? `${model.date}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

/** Streams the PDF: onData receives it in order, a page or so at a time. */
export function writeStatementPdf(model: StatementDocumentModel, options: PdfOptions, onData: (chunk: Buffer) => void): Promise<void> {
  return layoutStatement(model).render(onData, options);
}

export async function renderStatementPdf(model: StatementDocumentModel, options: PdfOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeStatementPdf(model, options, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
