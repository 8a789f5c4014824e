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
import { putHeaderBody, type PutHeaderInput } from './statements.schemas';
import { StatementsService, type EditorView } from './statements.service';

/** Room for this many signatories on the page (the API takes ten; a tjänsteutlåtande has one or two). */
const SIGNATORY_ROWS = 3;

const optional = z.string().optional().transform((value) => value?.trim() || null);
const headerFields = z.object({
  etag: z.string().optional(),
  administration: optional,
  department: optional,
  officerName: optional,
  officerPhone: optional,
  officerEmail: optional,
  to: optional,
  date: optional,
  ownCaseNumber: optional,
  title: optional,
  subtitle: optional,
  stance: optional,
  enclosures: optional,
  ...Object.fromEntries(Array.from({ length: SIGNATORY_ROWS }, (_, n) => [[`signatory${n + 1}Name`, optional], [`signatory${n + 1}Title`, optional]]).flat()),
});
type HeaderFields = Record<string, string | null>;

/** The form's fields as the service's input (the remiss's Dnr is kept: it is the remiss's, not the author's). */
function headerInput(fields: HeaderFields, view: EditorView): unknown {
  const signatories = Array.from({ length: SIGNATORY_ROWS }, (_, n) => ({ name: fields[`signatory${n + 1}Name`], title: fields[`signatory${n + 1}Title`] })).filter((s) => s.name || s.title);
  return {
    header: {
      administration: fields.administration ?? '',
      department: fields.department,
      officer: { name: fields.officerName, phone: fields.officerPhone, email: fields.officerEmail },
      to: fields.to ?? '',
      date: fields.date ?? '',
      ownCaseNumber: fields.ownCaseNumber,
      remissCaseNumber: view.statement.header.remissCaseNumber,
      title: fields.title ?? '',
      subtitle: fields.subtitle,
    },
    signatories: signatories.map((s) => ({ name: s.name, title: s.title ?? '' })),
    enclosures: (fields.enclosures ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((title) => ({ title })),
    stance: fields.stance,
  };
}

/** Where each path of the service's input is on the form. */
function fieldFor(path: readonly PropertyKey[]): string | undefined {
  const [first, second, third] = path.map(String);
  if (first === 'header') return second === 'officer' ? `officer${third.charAt(0).toUpperCase()}${third.slice(1)}` : second;
  if (first === 'signatories') return `signatory${Number(second) + 1}${third === 'title' ? 'Title' : 'Name'}`;
  return first;
}

function formValues(view: EditorView): HeaderFields {
  const { header, signatories, enclosures, stance } = view.statement;
  return {
    administration: header.administration,
    department: header.department,
    officerName: header.officer.name,
    officerPhone: header.officer.phone,
    officerEmail: header.officer.email,
    to: header.to,
    date: header.date,
    ownCaseNumber: header.ownCaseNumber,
    title: header.title,
    subtitle: header.subtitle,
    stance,
    enclosures: enclosures.map((e) => e.title).join('\n'),
    ...Object.fromEntries(signatories.slice(0, SIGNATORY_ROWS).flatMap((s, n) => [[`signatory${n + 1}Name`, s.name], [`signatory${n + 1}Title`, s.title]])),
  };
}

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
      const stored = formValues(view);
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
      const input: PutHeaderInput = parseForService(putHeaderBody, headerInput(fields as HeaderFields, view), fieldFor);
      await statements.putHeader(id, ifMatchFromForm(fields.etag), input, context);
      return withNotice(statementHref(id), 'sparat');
    },
  });
}
