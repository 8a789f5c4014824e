import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/**
 * The Handlebars side of documents. The files in templates/documents are the defaults; an admin may
 * replace any of them at run time (document_templates, see document-templates.service.ts). A
 * TemplateSet is one consistent set of sources, defaults with overrides on top, in its own private
 * Handlebars instance: no helpers from elsewhere leak in, and two sets never share partials, so a
 * worker can hold the set before and after an admin's change side by side while jobs drain.
 */
function findDocumentTemplatesDir(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'templates', 'documents', 'statement.hbs'))) return path.join(dir, 'templates', 'documents');
  }
  throw new Error(`No templates/documents folder above ${from}`);
}

export const DOCUMENT_TEMPLATES_DIR = findDocumentTemplatesDir(__dirname);

/** The documents a template renders from scratch; everything else is a partial they include. */
export const DOCUMENT_NAMES = ['statement', 'cover-letter', 'answer-letter', 'extension-letter', 'compilation'] as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[number];

const PARTIALS_DIR = path.join(DOCUMENT_TEMPLATES_DIR, 'partials');
export const PARTIAL_NAMES: readonly string[] = readdirSync(PARTIALS_DIR)
  .filter((name) => name.endsWith('.hbs'))
  .map((name) => path.basename(name, '.hbs'))
  .sort();

const defaults = new Map<string, string>([
  ...DOCUMENT_NAMES.map((name) => [name, readFileSync(path.join(DOCUMENT_TEMPLATES_DIR, `${name}.hbs`), 'utf8')] as const),
  ...PARTIAL_NAMES.map((name) => [name, readFileSync(path.join(PARTIALS_DIR, `${name}.hbs`), 'utf8')] as const),
]);

export const isDocumentName = (name: string): name is DocumentName => (DOCUMENT_NAMES as readonly string[]).includes(name);

/** The file default of a template or partial; undefined for a name that is neither. */
export function defaultTemplateSource(name: string): string | undefined {
  return defaults.get(name);
}

export const TEMPLATE_NAMES: readonly string[] = [...DOCUMENT_NAMES, ...PARTIAL_NAMES];

// Only the built-in block helpers: a template cannot call anything that was not meant for it.
const COMPILE_OPTIONS = { strict: false, knownHelpersOnly: true, knownHelpers: { if: true, unless: true, each: true, with: true } } as const;

/**
 * The overrides in effect, as they travel to a worker with each job: key names the exact content
 * (template name and row version, which only ever grows), so a worker compiles each set once.
 */
export interface TemplateBundle {
  key: string;
  sources: Record<string, string>;
}

export const DEFAULT_TEMPLATES: TemplateBundle = { key: 'defaults', sources: {} };

export class TemplateSet {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<DocumentName, HandlebarsTemplateDelegate>();

  constructor(private readonly overrides: Readonly<Record<string, string>> = {}) {
    for (const name of PARTIAL_NAMES) this.handlebars.registerPartial(name, this.handlebars.compile(this.source(name), COMPILE_OPTIONS));
  }

  private source(name: string): string {
    return Object.hasOwn(this.overrides, name) ? this.overrides[name] : defaults.get(name)!;
  }

  /** The document's markup in the HTML subset. Throws Handlebars' own error for a broken template. */
  render(name: DocumentName, view: object): string {
    let template = this.compiled.get(name);
    if (!template) {
      template = this.handlebars.compile(this.source(name), COMPILE_OPTIONS);
      this.compiled.set(name, template);
    }
    return template(view);
  }
}

/** Sets by bundle key. A handful is plenty: overrides change rarely, and only in-flight jobs hold an old one. */
const MAX_SETS = 4;
const sets = new Map<string, TemplateSet>();

export function templateSetFor(bundle: TemplateBundle = DEFAULT_TEMPLATES): TemplateSet {
  let set = sets.get(bundle.key);
  if (set) {
    sets.delete(bundle.key); // re-insert: the map's order is the recency order
  } else {
    set = new TemplateSet(bundle.sources);
    if (sets.size >= MAX_SETS) sets.delete(sets.keys().next().value!);
  }
  sets.set(bundle.key, set);
  return set;
}

/**
 * Problems of a template source found without running it: Handlebars syntax, helpers that do not
 * exist here, and unescaped output ({{{…}}} or {{&…}}), which would let user text become markup.
 */
export function templateSyntaxErrors(source: string): string[] {
  let program: hbs.AST.Program;
  try {
    Handlebars.precompile(source, COMPILE_OPTIONS);
    program = Handlebars.parse(source);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const errors: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const statement = node as { type?: string; escaped?: boolean; loc?: { start: { line: number; column: number } } };
    if (statement.type === 'MustacheStatement' && statement.escaped === false) {
      errors.push(`Unescaped output ({{{…}}} or {{&…}}) at line ${statement.loc?.start.line ?? '?'}, column ${statement.loc?.start.column ?? '?'}: every value must be escaped`);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && key !== 'strip') visit(value);
  };
  visit(program);
  return errors;
}
