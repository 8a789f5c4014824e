import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DOCUMENT_TEMPLATES_DIR } from './template-set';

/**
 * The HTML preview page around a document's markup. Not admin-replaceable: it is the only
 * template that inserts markup unescaped (the document, already escaped by its own template) and
 * carries the stylesheet, so it stays a file reviewed with the code.
 */
let page: HandlebarsTemplateDelegate | undefined;
let previewCss: string | undefined;

/** A whole HTML page around a document's markup, with the preview stylesheet inlined (no extra request, works offline). */
export function previewPage(title: string, markup: string): string {
  previewCss ??= readFileSync(path.join(DOCUMENT_TEMPLATES_DIR, 'preview.css'), 'utf8');
  page ??= Handlebars.create().compile(readFileSync(path.join(DOCUMENT_TEMPLATES_DIR, 'preview.hbs'), 'utf8'), { knownHelpersOnly: true });
  return page({ title, css: previewCss, body: markup });
}
