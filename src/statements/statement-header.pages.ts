import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { etagFor } from '../http/etag';
import { STANCE_LABELS, STANCE_OPTIONS } from '../shared/swedish-labels';
import { conflictRows } from '../web/conflict-rows';
import { ifMatchFromForm, pageId } from '../web/etag-field';
import { withNotice } from '../web/notices';
import type { FormState, Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { statementContext, statementCrumbs, statementHref } from './statement-page-data';
import { headerFieldFor, headerFieldShape, headerFormValues, headerInput, SIGNATORY_ROWS, type HeaderFields } from './header-form-fields';
import { putHeaderBody, type PutHeaderInput } from './statements.schemas';
import { StatementsService } from './statements.service';

const headerFields = z.object({ etag: z.string().optional(), ...headerFieldShape });

const CONFLICT_FIELDS = [
  { name: 'administration', label: 'Förvaltning' },
  { name: 'department', label: 'Avdelning' },
  { name: 'officerName', label: 'Handläggare' },
  { name: 'officerPhone', label: 'Telefon' },
  { name: 'officerEmail', label: 'E-post' },
  { name: 'to', label: 'Till' },
  { name: 'date', label: 'Datum' },
  { name: 'ownCaseNumber', label: 'Eget Dnr' },
  { name: 'title', label: 'Rubrik' },
  { name: 'subtitle', label: 'Underrubrik' },
  { name: 'stance', label: 'Ställningstagande', display: (value: unknown) => STANCE_LABELS[value as keyof typeof STANCE_LABELS] ?? '' },
  { name: 'enclosures', label: 'Bilagor' },
];

/**
 * Uppgifter i huvudet: the header fields, signatories, bilagor and the overall stance, saved with
 * the header's own ETag (StatementsService.putHeader, as PUT …/statement/header), so a colleague's
 * section save meanwhile is no conflict; a stale save shows theirs and mine side by side.
 */
export function registerStatementHeaderPages(pages: Pages, dataSource: DataSource): void {
  const statements = new StatementsService(dataSource);

  pages.form({
    path: '/svar/:id/utlatande/uppgifter',
    access: ['handlaggare', 'admin'],
    fields: headerFields,
    async show({ params, actor }, state: FormState) {
      const view = await statements.forEditor(pageId(params, 'Tjänsteutlåtandet'), actor);
      const stored = headerFormValues(view.statement);
      return {
        view: 'statements/header-form',
        title: `Uppgifter i huvudet – ${view.scope.consultation.caseNumber}`,
        breadcrumbs: statementCrumbs(view, { text: 'Uppgifter i huvudet' }),
        data: {
          ...statementContext(view),
          remissCaseNumber: view.statement.header.remissCaseNumber,
          errors: state.errors,
          values: { ...(state.values ?? stored), etag: etagFor(view.statement.headerVersion) },
          conflict: state.conflict ? { theirsHref: `${statementHref(view.scope.response.id)}/uppgifter`, rows: conflictRows(CONFLICT_FIELDS, stored, state.conflict.mine) } : undefined,
          stanceOptions: STANCE_OPTIONS,
          signatoryRows: Array.from({ length: SIGNATORY_ROWS }, (_, n) => ({ number: n + 1, name: `signatory${n + 1}Name`, title: `signatory${n + 1}Title` })),
        },
      };
    },
    async save({ params, actor, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const input: PutHeaderInput = parseForService(putHeaderBody, headerInput(fields as HeaderFields, view.statement.header.remissCaseNumber), headerFieldFor);
      await statements.putHeader(id, ifMatchFromForm(fields.etag), input, context);
      return withNotice(statementHref(id), 'sparat');
    },
  });
}
