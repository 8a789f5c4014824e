import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PROJECT_ROOT } from '../shared/project-root';
import { registerViewHelpers } from './view-helpers';

const SRC = path.join(PROJECT_ROOT, 'src');

function hbsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.hbs'))
    .map((name) => path.join(dir, name));
}

/**
 * The pages' Handlebars: a private instance (the documents have their own), compiled once at start.
 * Views live beside their feature's routes, in src/<feature>/views/ (named "<feature>/<file>"),
 * partials in src/web/views/partials/ (by file name) and src/<feature>/views/partials/ ("<feature>/<file>").
 * Handlebars escapes every {{value}}; {{{…}}} is used only for HTML the app itself produced.
 */
export class Views {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    registerViewHelpers(this.handlebars);
    for (const feature of readdirSync(SRC)) {
      const viewsDir = path.join(SRC, feature, 'views');
      for (const file of hbsFiles(viewsDir)) {
        const relative = path.relative(viewsDir, file).replace(/\\/g, '/').replace(/\.hbs$/, '');
        const source = readFileSync(file, 'utf8');
        if (relative.startsWith('partials/')) {
          const name = relative.slice('partials/'.length);
          this.handlebars.registerPartial(feature === 'web' ? name : `${feature}/${name}`, source);
        } else {
          // preventIndent: a partial on an indented line must not indent a multi-line value (a textarea's text) too.
          this.templates.set(`${feature}/${relative}`, this.handlebars.compile(source, { strict: false, preventIndent: true }));
        }
      }
    }
    this.layout = this.template('web/layout');
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** One page: the view's HTML inside the layout, which gets the same data plus the body. */
  render(name: string, data: Record<string, unknown>): string {
    const body = this.template(name)(data);
    return this.layout({ ...data, body });
  }

  private template(name: string): Handlebars.TemplateDelegate {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No view named ${name}`);
    return template;
  }
}
