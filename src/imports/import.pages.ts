import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import { notFound } from '../http/problem';
import { STANCE_OPTIONS } from '../shared/swedish-labels';
import { markupToBody } from '../statements/body-markup';
import { MARKUP_HELP } from '../statements/body-markup-help';
import { headerFieldFor, headerFieldShape, headerInput, SIGNATORY_ROWS, type HeaderFields } from '../statements/header-form-fields';
import { answerHref, statementContext, statementCrumbs, statementHref } from '../statements/statement-page-data';
import { putStatementBody, type PutStatementInput } from '../statements/statements.schemas';
import { StatementsService } from '../statements/statements.service';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { FormRejection, type FormError } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { PageInput, PageView, Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { isCorrectableUpload, uploadErrors } from '../web/upload-errors';
import { IMPORT_LIMITS } from './file-text';
import { statementFromProposal } from './statement-from-proposal';
import { lowConfidenceFlags, proposalFormValues, sectionField, sectionRows, sourceLines } from './import-page-data';
import { ImportsService } from './imports.service';
import type { StatementImport } from './statement-import.entity';

registerNotices({
  importerat: 'Förslaget är sparat som utkast. Läs igenom avsnitten innan utlåtandet skickas till granskning.',
  'import-kastad': 'Importen är borttagen. Utkastet är oförändrat.',
  'rattelse-angrad': 'Ändringen är ångrad. Förslaget är uppdaterat.',
  'rattelse-aterstalld': 'Ändringen är gjord igen. Förslaget är uppdaterat.',
});

const EDITORS = ['handlaggare', 'admin'] as const;
const noFields = z.strictObject({});
const importHref = (responseId: string, importId?: string) => `${answerHref(responseId)}/importera${importId ? `/${importId}` : ''}`;
const megabytes = Math.round(IMPORT_LIMITS.maxBytes / (1024 * 1024));

const acceptFields = z.looseObject({
  etag: z.string().optional(),
  importVersion: z.string().optional(),
  keepFile: z.string().optional(),
  ...headerFieldShape,
});

/**
 * Importera från fil: a Word, ODT, PDF or text file → the proposal beside the text it was read
 * from, doubtful fields flagged, OCR repairs listed with undo, everything editable, then accepted as
 * the draft. The same ImportsService as /api/responses/:id/imports.
 */
export function registerImportPages(pages: Pages, { dataSource, config }: { dataSource: DataSource; config: Pick<Config, 'storageDir'> }): void {
  const imports = new ImportsService(dataSource, createFileStore(config));
  const statements = new StatementsService(dataSource);
  const spoolDir = uploadSpoolDir(config);

  async function showStart(input: PageInput, errors: FormError[] = []): Promise<PageView> {
    const id = pageId(input.params, 'Tjänsteutlåtandet');
    const view = await statements.forEditor(id, input.actor);
    const open = view.editable ? await imports.open(id, input.actor) : [];
    return {
      view: 'imports/start',
      title: `Importera från fil – ${view.scope.consultation.caseNumber}`,
      breadcrumbs: statementCrumbs(view, { text: 'Importera från fil' }),
      data: {
        ...statementContext(view),
        uploadHref: importHref(id),
        megabytes,
        errors,
        open: open.map((found) => ({ ...found, href: importHref(id, found.id), state: stateLabel(found) })),
      },
    };
  }

  pages.get('/svar/:id/importera', EDITORS, (input) => showStart(input));

  pages.post('/svar/:id/importera', EDITORS, async (input) => {
    const { req, res, params, context } = input;
    const id = pageId(params, 'Tjänsteutlåtandet');
    try {
      const created = await imports.create(id, { ...context, log: req.log }, () => receiveUpload(req, res, { file: 'file', fields: noFields, maxBytes: IMPORT_LIMITS.maxBytes }, spoolDir));
      return { redirect: importHref(id, created.id) };
    } catch (error) {
      if (!isCorrectableUpload(error)) throw error;
      return { ...(await showStart(input, uploadErrors(error))), status: error.status === 409 ? 409 : 400 };
    }
  });

  pages.form({
    path: '/svar/:id/importera/:importId',
    access: EDITORS,
    fields: acceptFields,
    async show(input, state) {
      const { id, importId } = ids(input.params);
      const found = await imports.get(id, importId, input.actor);
      const view = await statements.forEditor(id, input.actor);
      const base = { ...statementContext(view), import: found, href: importHref(id, importId), discardHref: `${importHref(id, importId)}/kasta`, startHref: importHref(id), state: stateLabel(found) };
      const page = { title: `Importera ${found.fileName} – ${view.scope.consultation.caseNumber}`, breadcrumbs: statementCrumbs(view, { href: importHref(id), text: 'Importera från fil' }, { text: found.fileName }) };
      if (found.status !== 'ready' || !found.proposal || !view.editable) {
        // Used already, or the answer has gone on from drafting: nothing here to accept any more.
        const closed = found.status === 'accepted' ? 'accepted' : !view.editable ? 'not-drafting' : null;
        return { ...page, view: 'imports/progress', data: { ...base, closed } };
      }
      const proposal = found.proposal;
      // The draft and the catalogue are in the editor's view already: the proposal is fitted into them here, without reading them again.
      const proposed = statementFromProposal(proposal, view);
      const undone = new Set(found.undone);
      const stale = state.conflict ? [{ message: 'Någon har sparat utkastet sedan du öppnade förslaget. Om du använder förslaget nu ersätts det som sparades. Jämför under Versioner först.' }] : [];
      // The user's edits are kept after an error, unless the proposal itself changed meanwhile (a
      // repair undone in another tab): then it is shown afresh, and the error says why.
      const posted = state.values && state.values.importVersion === String(found.version) ? state.values : undefined;
      const fileDnr = proposal.header.remissCaseNumber.value;
      const flags = lowConfidenceFlags(proposal);
      return {
        ...page,
        view: 'imports/proposal',
        data: {
          ...base,
          errors: [...stale, ...state.errors],
          values: { ...proposalFormValues(proposed), ...(posted ?? { keepFile: 'ja' }), etag: formEtag(state, view.statement.version), importVersion: String(found.version) },
          flags,
          lowCount: Object.keys(flags).length,
          sections: sectionRows(proposed, proposal),
          remissCaseNumber: proposed.header.remissCaseNumber,
          // A file of another remiss's answer is easily chosen by mistake: said before it is accepted.
          fileDnr: fileDnr && fileDnr !== proposed.header.remissCaseNumber ? fileDnr : null,
          stanceOptions: STANCE_OPTIONS,
          signatoryRows: Array.from({ length: SIGNATORY_ROWS }, (_, n) => ({ number: n + 1, name: `signatory${n + 1}Name`, title: `signatory${n + 1}Title` })),
          source: sourceLines(found.sourceText ?? '', found.repairs, undone, found.cued),
          repairs: found.repairs.map((r) => ({ ...r, undone: undone.has(r.id), href: `${importHref(id, importId)}/rattelser/${r.id}/${undone.has(r.id) ? 'gor-om' : 'angra'}` })),
          // The form has SIGNATORY_ROWS rows (as Uppgifter i huvudet): more are said, not silently dropped.
          extraSignatories: proposal.signatories.slice(SIGNATORY_ROWS).map((s) => [s.name, s.title].filter(Boolean).join(', ')),
          unprintable: proposal.unprintable,
          removed: proposal.removed,
          approvals: proposal.approvals,
          help: MARKUP_HELP,
        },
      };
    },
    async save({ params, actor, context }, fields) {
      const { id, importId } = ids(params);
      const proposed = await imports.proposedStatementFor(id, importId, actor);
      const input = statementFromForm(fields as Record<string, unknown>, proposed);
      const importVersion = Number(fields.importVersion) || undefined;
      await imports.accept(id, importId, ifMatchFromForm(fields.etag), { keepFile: fields.keepFile === 'ja', statement: input, importVersion }, context);
      return withNotice(statementHref(id), 'importerat');
    },
  });

  for (const [path, undone, notice] of [
    ['angra', true, 'rattelse-angrad'],
    ['gor-om', false, 'rattelse-aterstalld'],
  ] as const) {
    pages.post(`/svar/:id/importera/:importId/rattelser/:repairId/${path}`, EDITORS, async ({ params, context }) => {
      const { id, importId } = ids(params);
      const repairId = Number(params.repairId);
      if (!Number.isSafeInteger(repairId)) throw notFound('The repair');
      await imports.setRepairUndone(id, importId, repairId, undone, context);
      return { redirect: `${withNotice(importHref(id, importId), notice)}#rattelse-${repairId}` };
    });
  }

  pages.post('/svar/:id/importera/:importId/kasta', EDITORS, async ({ params, context }) => {
    const { id, importId } = ids(params);
    await imports.discard(id, importId, context);
    return { redirect: withNotice(statementHref(id), 'import-kastad') };
  });
}

function ids(params: Record<string, string>): { id: string; importId: string } {
  return { id: pageId(params, 'Tjänsteutlåtandet'), importId: pageId({ id: params.importId }, 'Importen') };
}

function stateLabel(found: Pick<StatementImport, 'status' | 'pagesDone' | 'pagesTotal'>): string {
  switch (found.status) {
    case 'ocr_queued':
      return 'Väntar på textigenkänning (OCR)';
    case 'ocr_running':
      return found.pagesTotal ? `Textigenkänning pågår: ${found.pagesDone} av ${found.pagesTotal} sidor klara` : 'Textigenkänning pågår';
    case 'ready':
      return 'Förslaget är klart att granska';
    case 'failed':
      return 'Filen kunde inte läsas';
    default:
      return 'Avslutad';
  }
}

/** The form as the statement to save: the header as on Uppgifter i huvudet, each section's markup read back into blocks. */
function statementFromForm(fields: Record<string, unknown>, proposed: PutStatementInput): PutStatementInput {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const markupErrors: FormError[] = [];
  const sections = proposed.sections.map((section, i) => {
    const parsed = markupToBody(text(sectionField(i, 'Body')));
    if ('errors' in parsed) {
      markupErrors.push({ field: sectionField(i, 'Body'), message: parsed.errors.map((e) => e.message).join(' ') });
      return section;
    }
    const heading = section.key.startsWith('egen-') ? text(sectionField(i, 'Heading')).trim() : section.heading;
    return { ...section, heading, body: parsed.body };
  });
  if (markupErrors.length) throw new FormRejection(markupErrors);
  const header = headerInput(fields as HeaderFields, proposed.header.remissCaseNumber) as Omit<PutStatementInput, 'sections'>;
  return parseForService(putStatementBody, { ...header, sections }, (path) => (path[0] === 'sections' ? sectionField(Number(path[1]), path[2] === 'heading' ? 'Heading' : 'Body') : headerFieldFor(path)));
}
