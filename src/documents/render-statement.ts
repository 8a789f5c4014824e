import type { PdfOptions, StatementDocumentModel } from './document-model';
import { documentMarkup, layoutDocumentSpec, renderDocumentHtml, renderDocumentPdf, writeDocumentPdf, type DocumentLayout } from './render-document';
import { templateSetFor, type TemplateSet } from './template-set';

/**
 * The tjänsteutlåtande as a document (render-document.ts does the work for every kind). One
 * template, two outputs: the markup is the HTML preview and, parsed back, the input of the PDF layout.
 */
export const statementMarkup = (model: StatementDocumentModel, templates?: TemplateSet): string => documentMarkup({ kind: 'statement', model }, templates);

export const renderStatementHtml = (model: StatementDocumentModel, templates?: TemplateSet): string => renderDocumentHtml({ kind: 'statement', model }, templates);

export type StatementLayout = DocumentLayout;

/** Lays the statement out (all pages, before drawing any); render() then writes the PDF. */
export const layoutStatement = (model: StatementDocumentModel, templates?: TemplateSet): StatementLayout => layoutDocumentSpec({ kind: 'statement', model }, templates);

/** Streams the PDF: onData receives it in order, a page or so at a time. */
export const writeStatementPdf = (model: StatementDocumentModel, options: PdfOptions, onData: (chunk: Buffer) => void, templates: TemplateSet = templateSetFor()): Promise<void> =>
  writeDocumentPdf({ kind: 'statement', model }, options, templates, onData);

export const renderStatementPdf = (model: StatementDocumentModel, options: PdfOptions = {}, templates?: TemplateSet): Promise<Buffer> => renderDocumentPdf({ kind: 'statement', model }, options, templates);
