import { layoutDocument } from './block-layout';
import { parseHtmlSubset, textOf } from './html-subset';
import { unprintableCharacters, unprintableMessage } from './printable-text';
import { paginate } from './pagination';
import { documentMarkup } from './render-document';
import { SAMPLE_DOCUMENTS } from './sample-documents';
import { DOCUMENT_NAMES, isDocumentName, TemplateSet, templateSyntaxErrors } from './template-set';

/**
 * Whether a set of templates (the overrides in effect plus a candidate for `name`) can be saved:
 * the candidate compiles (syntax, known helpers, no unescaped output), and every document that
 * uses it renders the sample documents into markup the HTML-subset parser and the layout engine
 * accept, with no text the fonts cannot print (printable-text.ts). A partial can appear in any
 * document, so a partial is checked with all of them.
 * Answers the problems, each naming its document; none means the set is good.
 */
export function validateTemplates(overrides: Record<string, string>, name: string): string[] {
  const syntax = templateSyntaxErrors(overrides[name] ?? '');
  if (syntax.length) return syntax;
  const set = new TemplateSet(overrides);
  const errors: string[] = [];
  for (const document of isDocumentName(name) ? [name] : DOCUMENT_NAMES) {
    for (const sample of SAMPLE_DOCUMENTS[document]) {
      try {
        const root = parseHtmlSubset(documentMarkup(sample, set));
        paginate(layoutDocument(root));
        // The samples print, so anything that cannot is the template's own text.
        const characters = unprintableCharacters(textOf(root));
        if (characters.length) throw new Error(`its text ${unprintableMessage(characters)}`);
      } catch (error) {
        errors.push(`${document}: ${error instanceof Error ? error.message : String(error)}`);
        break; // one problem per document is enough to refuse it
      }
    }
  }
  return errors;
}
