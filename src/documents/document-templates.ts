import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/**
 * The Handlebars side of documents: one private instance (no helpers from elsewhere leak in),
 * partials from templates/documents/partials, templates compiled once per process (and so once per
 * worker thread). Escaping stays on: every value a template prints is user text.
 */
function findDocumentTemplatesDir(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'templates', 'documents', 'statement.hbs'))) return path.join(dir, 'templates', 'documents');
  }
  throw new Error(`No templates/documents folder above ${from}`);
}

export const DOCUMENT_TEMPLATES_DIR = findDocumentTemplatesDir(__dirname);

const handlebars = Handlebars.create();

// Only the built-in block helpers: a template cannot call anything that was not meant for it.
const COMPILE_OPTIONS = { strict: false, knownHelpersOnly: true, knownHelpers: { if: true, unless: true, each: true, with: true } } as const;

const partialsDir = path.join(DOCUMENT_TEMPLATES_DIR, 'partials');
for (const file of readdirSync(partialsDir).filter((name) => name.endsWith('.hbs')).sort()) {
  handlebars.registerPartial(path.basename(file, '.hbs'), handlebars.compile(readFileSync(path.join(partialsDir, file), 'utf8'), COMPILE_OPTIONS));
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** A template of templates/documents by name ("statement"), compiled on first use. */
export function documentTemplate(name: string): HandlebarsTemplateDelegate {
  let template = compiled.get(name);
  if (!template) {
    if (!/^[a-z-]+$/.test(name)) throw new Error(`Not a template name: ${name}`);
    template = handlebars.compile(readFileSync(path.join(DOCUMENT_TEMPLATES_DIR, `${name}.hbs`), 'utf8'), COMPILE_OPTIONS);
    compiled.set(name, template);
  }
  return template;
}

let previewCss: string | undefined;

/** A whole HTML page around a document's markup, with the preview stylesheet inlined (no extra request, works offline). */
export function previewPage(title: string, markup: string): string {
  previewCss ??= readFileSync(path.join(DOCUMENT_TEMPLATES_DIR, 'preview.css'), 'utf8');
  return documentTemplate('preview')({ title, css: previewCss, body: markup });
}
