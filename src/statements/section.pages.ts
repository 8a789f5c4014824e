import { diffWords } from 'diff';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { notFound } from '../http/problem';
import { STANCE_OPTIONS } from '../shared/swedish-labels';
import { ifMatchFromForm, pageId, formEtag } from '../web/etag-field';
import { FormRejection } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { bodyToMarkup, markupToBody } from './body-markup';
import { MARKUP_HELP } from './body-markup-help';
import { FootnoteNumbering } from '../documents/view-blocks';
import { sectionBodySchema, type Block } from './statement-body';
import { sectionHref, statementContext, statementCrumbs } from './statement-page-data';
import { putSectionBody } from './statements.schemas';
import { StatementsService, type EditorView } from './statements.service';
import { ReviewCommentsService } from '../review-comments/review-comments.service';
import { presentThreadForPage } from '../review-comments/review-comment-view';

registerNotices({ 'avsnitt-sparat': 'Avsnittet är sparat.' });

const OWN_SECTION = /^egen-/;

const sectionFields = z.object({
  etag: z.string().optional(),
  heading: z.string().optional(),
  stance: z.string().optional().transform((value) => value || null),
  body: z.string().max(200_000, 'Texten är för lång.').optional().default(''),
  // Filled by the rich-text editor (src/web/scripts/statement-editor.ts); empty without JavaScript.
  bodyJson: z.string().max(2_000_000, 'Texten är för lång.').optional().default(''),
});
type SectionFields = z.infer<typeof sectionFields>;

/** The body the user sent: the editor's JSON when there is some, else the textarea's markup. */
function postedBody(fields: Pick<SectionFields, 'body' | 'bodyJson'>): Block[] {
  if (fields.bodyJson.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(fields.bodyJson);
    } catch {
      throw new FormRejection([{ field: 'body', message: 'Texten kom inte fram hel. Försök igen.' }]);
    }
    return parseForService(sectionBodySchema, json, () => 'body');
  }
  const parsed = markupToBody(fields.body);
  if ('errors' in parsed) throw new FormRejection([{ field: 'body', message: parsed.errors.map((e) => e.message).join(' ') }]);
  return parsed.body;
}

/** The editor's JSON as it was posted, even when the schema refuses it (it is still the user's text). */
function rawEditorBody(values: Record<string, unknown>): Block[] | undefined {
  try {
    const json: unknown = JSON.parse(String(values.bodyJson ?? ''));
    return Array.isArray(json) ? (json as Block[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the user sent: as markup for the textarea (and the conflict view), and as the body the
 * rich-text editor starts from where it can be read (null: the markup itself is wrong). Refused text
 * is kept too: the editor's JSON as it came, since the hidden textarea still holds what the page
 * was opened with.
 */
function posted(values: Record<string, unknown>): { markup: string; body: Block[] | null } {
  try {
    const body = postedBody({ body: String(values.body ?? ''), bodyJson: String(values.bodyJson ?? '') });
    return { markup: bodyToMarkup(body), body };
  } catch {
    const raw = rawEditorBody(values);
    try {
      if (raw) return { markup: bodyToMarkup(raw), body: raw };
    } catch {
      // Not even shaped like a body: the textarea's text is all there is.
    }
    return { markup: String(values.body ?? ''), body: null };
  }
}

/** The section as read, not edited: paragraphs, sub-headings, lists and its footnotes numbered from 1. */
function readOnly(body: Block[]) {
  const numbering = new FootnoteNumbering();
  return { blocks: numbering.blocks(body), footnotes: numbering.footnotes };
}

function sectionOf(view: EditorView, key: string) {
  const section = view.sections.find((s) => s.key === key);
  if (!section) throw notFound(`The section ${key}`);
  return section;
}

/** Theirs beside mine, word by word: removed words marked in theirs, added ones in mine. */
function wordDiff(theirs: string, mine: string) {
  const parts = diffWords(theirs, mine);
  return {
    theirs: parts.filter((p) => !p.added).map((p) => ({ text: p.value, changed: p.removed })),
    mine: parts.filter((p) => !p.removed).map((p) => ({ text: p.value, changed: p.added })),
  };
}

/**
 * One section of the tjänsteutlåtande: its text (a rich-text editor with JavaScript, the documented
 * markup in a textarea without), its own stance, an own section's heading; saved on its own with the
 * section's ETag (StatementsService.putSection, as PUT …/sections/{key}), so two people on two
 * sections both succeed. A stale save keeps both texts: theirs beside mine with the words that
 * differ marked, mine still in the form, to keep, merge by hand, or drop for theirs.
 */
/**
 * The section page as it shows (also after a refused comment, review-comment.pages.ts): the text,
 * and beside it the review comments on the section for those inside the organisation.
 */
export function sectionPage(statements: StatementsService, comments: ReviewCommentsService) {
  return async ({ params, actor }: PageInput, state: FormState) => {
    const view = await statements.forEditor(pageId(params, 'Tjänsteutlåtandet'), actor);
    const section = sectionOf(view, params.key);
    const stored = { heading: section.heading, stance: section.stance ?? '', body: bodyToMarkup(section.body) };
    const mine = state.values && !state.values.commentForm ? posted(state.values) : undefined;
    const values = state.values && mine ? { ...state.values, body: mine.markup, bodyJson: '' } : { ...stored, ...(state.values?.commentForm ? state.values : {}) };
    const editorBody = mine ? mine.body : section.body;
    // The rich-text editor only where the user may save; it needs the body as JSON to start from.
    // (A flag of its own: Handlebars counts an empty body, [], as false.)
    const richEditor = view.editable && editorBody !== null;
    const href = sectionHref(view.scope.response.id, section.key);
    const { access, threads } = await comments.forPage(view.scope, actor, section.key);
    return {
      view: 'statements/section-form',
      title: `${section.heading} – ${view.scope.consultation.caseNumber}`,
      breadcrumbs: statementCrumbs(view, { text: section.heading }),
      assets: richEditor ? ['statement-editor.css', 'statement-editor.js'] : [],
      data: {
        ...statementContext(view),
        section: { ...section, markup: stored.body },
        href,
        own: OWN_SECTION.test(section.key),
        errors: state.errors,
        // A save refused for its text keeps the version it was read at (a colleague's save meanwhile
        // is then still a conflict); only the conflict view moves it on, to save mine over theirs.
        values: { ...values, etag: formEtag(state, section.version) },
        editorBody,
        richEditor,
        stanceOptions: STANCE_OPTIONS,
        help: MARKUP_HELP,
        conflict: state.conflict && !state.values?.commentForm ? { diff: wordDiff(stored.body, String(values.body)), theirsHref: href } : undefined,
        readOnlyBody: view.editable ? null : readOnly(section.body),
        review: access.read && (threads.length || access.comment) ? { access, threads: threads.map(presentThreadForPage), commentsHref: `${href}/kommentarer` } : null,
      },
    };
  };
}

export function registerSectionPages(pages: Pages, dataSource: DataSource): void {
  const statements = new StatementsService(dataSource);

  const show = sectionPage(statements, new ReviewCommentsService(dataSource));

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key',
    access: 'user',
    fields: sectionFields,
    show,
    async save({ params, actor, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const section = sectionOf(view, params.key);
      const body = postedBody(fields);
      const heading = OWN_SECTION.test(section.key) ? fields.heading?.trim() : undefined;
      if (OWN_SECTION.test(section.key) && !heading) throw new FormRejection([{ field: 'heading', message: 'Skriv avsnittets rubrik.' }]);
      // The API's own schema: the heading's limits and printable characters as PUT …/sections/{key} checks them.
      const input = parseForService(putSectionBody, { ...(heading ? { heading } : {}), body, stance: fields.stance }, (path) => String(path[0]));
      await statements.putSection(id, section.key, ifMatchFromForm(fields.etag), input, context);
      return withNotice(sectionHref(id, section.key), 'avsnitt-sparat');
    },
  });
}
