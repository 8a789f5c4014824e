import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../config';
import { fileSize } from '../consultations/consultation.pages';
import { etagFor } from '../http/etag';
import { STANCE_LABELS } from '../shared/swedish-labels';
import { ifMatchFromForm, pageId } from '../web/etag-field';
import { notFound } from '../http/problem';
import { ResponseFilesService, type BilagorView } from '../responses/response-files.service';
import { createFileStore } from '../storage/create-file-store';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, PageView, Pages } from '../web/pages';
import { registerStatementBilagaPages } from './statement-bilagor.pages';
import { bilagaHref, bilagorHref, sectionHref, statementContext, statementCrumbs, statementHref } from './statement-page-data';
import { addCatalogueSection, addOwnSection, moveSection, removeSection, wholeStatement } from './statement-structure';
import { StatementsService, type EditorView } from './statements.service';
import { ReviewCommentsService } from '../review-comments/review-comments.service';

const EDITORS = ['handlaggare', 'admin'] as const;

registerNotices({
  'avsnitt-flyttat': 'Avsnittet är flyttat.',
  'avsnitt-borttaget': 'Avsnittet är borttaget.',
  'avsnitt-tillagt': 'Avsnittet är tillagt. Skriv dess text här.',
});

const structureFields = z.discriminatedUnion('atgard', [
  z.object({ atgard: z.enum(['upp', 'ned', 'lagg-till-katalog']), avsnitt: z.string().min(1), etag: z.string().optional() }),
  z.object({
    atgard: z.literal('lagg-till'),
    heading: z.string().trim().min(1, 'Skriv en rubrik för det nya avsnittet.').max(200, 'Rubriken får vara högst 200 tecken.'),
    etag: z.string().optional(),
  }),
], { error: () => 'Välj vad som ska göras.' });

/** A structural save found the statement changed since the page was read (412): nothing was written. */
const STALE = [{ message: 'Någon annan har sparat i utlåtandet sedan du öppnade sidan. Inget har ändrats; sidan visar nu det som är sparat. Gör om ändringen.' }];
const errorsOf = (state: FormState) => (state.conflict ? STALE : state.errors);

/**
 * The tjänsteutlåtande of one answer: its header in short, its sections in order (edit each, move,
 * remove own ones, add an own one), its bilagor (upload, download, remove) and the UTKAST PDF.
 * Structural changes are whole statement saves (the same StatementsService.put as PUT
 * …/statement) with the statement's ETag.
 */
export function registerStatementPages(pages: Pages, { dataSource, config }: { dataSource: DataSource; config: Pick<Config, 'storageDir' | 'attachmentMaxBytes'> }): void {
  const statements = new StatementsService(dataSource);
  const files = new ResponseFilesService(dataSource, createFileStore(config));
  const comments = new ReviewCommentsService(dataSource);

  /** The page, also with the errors of a failed upload of a bilaga (its form is on this page). */
  const showStatement = async ({ params, actor }: PageInput, state: FormState): Promise<PageView> => {
    const id = pageId(params, 'Tjänsteutlåtandet');
    const view = await statements.forEditor(id, actor);
    const bilagor = await files.bilagor(id, actor);
    // Open review comments per section, for those inside the organisation (others read none).
    const openComments = new Map<string, number>();
    for (const { comment } of (await comments.forPage(view.scope, actor)).threads) if (!comment.resolvedAt) openComments.set(comment.sectionKey, (openComments.get(comment.sectionKey) ?? 0) + 1);
    const page = overview(view);
    return {
      view: 'statements/statement',
      title: `Tjänsteutlåtande – ${view.scope.consultation.caseNumber}`,
      breadcrumbs: statementCrumbs(view),
      data: { ...statementContext(view), ...page, sections: page.sections.map((section) => ({ ...section, openComments: openComments.get(section.key) ?? 0 })), bilagor: presentBilagor(id, bilagor, config.attachmentMaxBytes), errors: errorsOf(state), values: state.errors.length ? (state.values ?? {}) : {} },
    };
  };

  registerStatementBilagaPages(pages, { files, statements, config, showStatement });

  pages.form({
    path: '/svar/:id/utlatande',
    access: 'user',
    fields: structureFields,
    show: showStatement,
    async save({ params, actor, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const ifMatch = ifMatchFromForm(fields.etag);
      const input = wholeStatement(view);
      if (fields.atgard === 'lagg-till') {
        const added = addOwnSection(input, fields.heading);
        await statements.put(id, ifMatch, added.input, context);
        return withNotice(sectionHref(id, added.key), 'avsnitt-tillagt');
      }
      if (fields.atgard === 'lagg-till-katalog') {
        const missing = view.missingRequired.find((section) => section.key === fields.avsnitt);
        if (!missing) throw notFound(`The missing section ${fields.avsnitt}`);
        await statements.put(id, ifMatch, addCatalogueSection(input, missing, view.cataloguePositions), context);
        return withNotice(sectionHref(id, missing.key), 'avsnitt-tillagt');
      }
      await statements.put(id, ifMatch, moveSection(input, fields.avsnitt, fields.atgard === 'upp' ? 'up' : 'down'), context);
      return `${withNotice(statementHref(id), 'avsnitt-flyttat')}#avsnitt-${fields.avsnitt}`;
    },
  });

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key/ta-bort',
    access: EDITORS,
    fields: z.object({ etag: z.string().optional() }),
    async show({ params, actor }, state) {
      const view = await statements.forEditor(pageId(params, 'Tjänsteutlåtandet'), actor);
      const section = removableSection(view, params.key);
      return {
        view: 'statements/confirm-remove-section',
        title: `Ta bort avsnittet ${section.heading}`,
        breadcrumbs: statementCrumbs(view, { text: 'Ta bort avsnitt' }),
        data: { ...statementContext(view), section, etag: etagFor(view.statement.version), errors: errorsOf(state) },
      };
    },
    async save({ params, actor, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      removableSection(view, params.key);
      await statements.put(id, ifMatchFromForm(fields.etag), removeSection(wholeStatement(view), params.key), context);
      return withNotice(statementHref(id), 'avsnitt-borttaget');
    },
  });
}

/** A section the page offers to remove: one of this statement's, not required by the catalogue (the service refuses those too). */
function removableSection(view: EditorView, key: string) {
  const section = view.sections.find((s) => s.key === key);
  if (!section || view.requiredKeys.has(key)) throw notFound('A section that may be removed');
  return section;
}

function overview(view: EditorView) {
  const { statement, sections } = view;
  const header = statement.header;
  const last = sections.length - 1;
  return {
    etag: etagFor(statement.version),
    missingRequired: view.missingRequired,
    headerHref: `${statementHref(view.scope.response.id)}/uppgifter`,
    header: [
      ['Förvaltning', header.administration],
      ['Avdelning', header.department],
      ['Handläggare', [header.officer.name, header.officer.phone, header.officer.email].filter(Boolean).join(', ')],
      ['Till', header.to],
      ['Datum', header.date],
      ['Eget Dnr', header.ownCaseNumber],
      ['Remissens Dnr', header.remissCaseNumber],
      ['Rubrik', header.title],
      ['Underrubrik', header.subtitle],
      ['Ställningstagande', statement.stance ? STANCE_LABELS[statement.stance] : null],
      ['Undertecknare', statement.signatories.map((s) => [s.name, s.title].filter(Boolean).join(', ')).join('; ')],
      ['Bilagor', statement.enclosures.map((e) => e.title).join('; ')],
    ].map(([label, value]) => ({ label, value: value || '–', date: label === 'Datum' })),
    sections: sections.map((section, index) => ({
      key: section.key,
      heading: section.heading,
      href: sectionHref(view.scope.response.id, section.key),
      stance: section.stance ? STANCE_LABELS[section.stance] : null,
      empty: section.body.length === 0,
      required: view.requiredKeys.has(section.key),
      first: index === 0,
      last: index === last,
    })),
  };
}

function presentBilagor(responseId: string, view: BilagorView, maxBytes: number) {
  return {
    items: view.bilagor.map(({ attachment, uploaderName }) => ({
      id: attachment.id,
      fileName: attachment.fileName,
      description: attachment.description,
      href: bilagaHref(responseId, attachment.id),
      size: fileSize(Number(attachment.sizeBytes)),
      uploadedAt: attachment.uploadedAt,
      uploaderName,
    })),
    mayUpload: view.mayUpload,
    mayRemove: view.mayRemove,
    uploadHref: bilagorHref(responseId),
    maxSize: fileSize(maxBytes),
  };
}
