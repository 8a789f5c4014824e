import type { Crumb } from '../web/pages';
import type { EditorView } from './statements.service';

/** The editor's pages all hang below the answer page of one response. */
export const answerHref = (responseId: string) => `/svar/${responseId}`;
export const statementHref = (responseId: string) => `${answerHref(responseId)}/utlatande`;
export const sectionHref = (responseId: string, key: string) => `${statementHref(responseId)}/avsnitt/${key}`;
/** The statement's bilagor: POST uploads one, `/:attachmentId` downloads one. */
export const bilagorHref = (responseId: string) => `${answerHref(responseId)}/bilagor`;
export const bilagaHref = (responseId: string, attachmentId: string) => `${bilagorHref(responseId)}/${attachmentId}`;

export function statementCrumbs(view: EditorView, ...more: Crumb[]): Crumb[] {
  const id = view.scope.response.id;
  return [
    { href: '/', text: 'Start' },
    { href: answerHref(id), text: `${view.scope.consultation.caseNumber} – ${view.scope.organisation.name}` },
    ...(more.length ? [{ href: statementHref(id), text: 'Tjänsteutlåtande' }, ...more] : [{ text: 'Tjänsteutlåtande' }]),
  ];
}

/** Caption and links every editor page shows above its h1. */
export function statementContext(view: EditorView) {
  const id = view.scope.response.id;
  return {
    responseId: id,
    caption: `${view.scope.consultation.caseNumber} · ${view.scope.organisation.name}`,
    editable: view.editable,
    correctable: view.correctable,
    statementHref: statementHref(id),
    previewHref: `/api/responses/${id}/preview`,
    pdfHref: `/api/responses/${id}/pdf`,
    revisionsHref: `${statementHref(id)}/versioner`,
  };
}
