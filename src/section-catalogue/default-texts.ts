import Handlebars from 'handlebars';
import { inRunningText } from '../shared/swedish-text';
import { paragraphsFromText, type Block } from '../statements/statement-body';

/**
 * Default section texts are Handlebars sources producing plain text (turned into paragraphs, never
 * HTML), so they are compiled without HTML escaping. Their own helper set keeps them small.
 */
const handlebars = Handlebars.create();

handlebars.registerHelper('inRunningText', (name: unknown) => inRunningText(String(name ?? '')));

/** "Södermalms stadsdelsnämnd" → "Stadsdelsnämnden"; other nämnder are named as they are. */
handlebars.registerHelper('namndForm', (name: unknown) => {
  const text = String(name ?? '');
  return /stadsdelsnämnd$/i.test(text) ? 'Stadsdelsnämnden' : text;
});

export interface DefaultTextContext {
  recipient: { name: string; kind: string };
  sender: { name: string };
  administration: { name: string };
  consultation: { caseNumber: string; title: string; dueDate: string | null };
}

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Compiles eagerly so a broken template is refused with Handlebars' own message. */
export function compileDefaultText(source: string): HandlebarsTemplateDelegate {
  let template = cache.get(source);
  if (!template) {
    template = handlebars.compile(source, { noEscape: true, strict: false, knownHelpersOnly: true, knownHelpers: { inRunningText: true, namndForm: true, if: true, unless: true } });
    template({ recipient: {}, sender: {}, administration: {}, consultation: {} });
    cache.set(source, template);
  }
  return template;
}

/** The source for an organisation kind: its own, else the catch-all '*'. */
export function defaultSourceFor(defaults: Record<string, string>, kind: string): string | undefined {
  return defaults[kind] ?? defaults['*'];
}

export function renderDefaultText(source: string | undefined, context: DefaultTextContext): Block[] {
  return source ? paragraphsFromText(compileDefaultText(source)(context)) : [];
}
