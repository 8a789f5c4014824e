import { ANSWERED_STATUSES } from '../responses/response.entity';
import { CONSULTATION_STATUS_LABELS, STANCE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import type { ConsultationStatus } from '../consultations/consultation.entity';
import { searchHref } from './search-page-query';
import type { SearchHit } from './search.schemas';
import { swedishDate } from '../web/view-helpers';

function withDate(status: string, what: string, date: string | null): string {
  if (!date) return status;
  return what ? `${status}, ${what} ${swedishDate(date)}` : `${status} ${swedishDate(date)}`;
}

/** The document title: what was searched for, so the browser's history tells searches apart. */
export function searchTitle(text: string, failed: boolean): string {
  if (failed) return 'Fel i sökningen – Sök';
  return text ? `Sökresultat för ”${text.length > 60 ? `${text.slice(0, 60)}…` : text}”` : 'Sök';
}

/**
 * One hit as the page lists it: where it leads (the remiss, the statement, or the section inside
 * the statement), what it is, and the snippet as plain-text parts: the view wraps the matches in
 * <mark> and escapes every part, so nothing a user wrote is ever markup.
 */
export function presentHit(hit: SearchHit, search: { text: string; active: Parameters<typeof searchHref>[1] }) {
  const remiss = { href: `/remisser/${hit.consultation.id}`, caseNumber: hit.consultation.caseNumber, title: hit.consultation.title };
  // "Only in this remiss": the remiss filter, offered until it is in effect.
  const narrow = search.active.consultationId ? null : searchHref(search.text, search.active, { consultationId: [hit.consultation.id] });
  const snippet = hit.snippet.parts;
  if (hit.kind === 'consultation' || !hit.response) {
    return {
      kind: 'Remiss',
      href: remiss.href,
      title: hit.consultation.title,
      remiss,
      narrow,
      status: withDate(CONSULTATION_STATUS_LABELS[hit.consultation.status as ConsultationStatus] ?? hit.consultation.status, 'registrerad', hit.date),
      snippet,
    };
  }
  const responseHref = `/svar/${hit.response.id}/utlatande`;
  const organisation = hit.response.organisation.name;
  const stance = hit.section?.stance ?? hit.statement?.stance ?? null;
  const answered = ANSWERED_STATUSES.includes(hit.response.status);
  return {
    kind: hit.kind === 'section' ? 'Avsnitt' : 'Tjänsteutlåtande',
    href: hit.kind === 'section' ? `${responseHref}/avsnitt/${encodeURIComponent(hit.section!.key)}` : responseHref,
    title: hit.kind === 'section' ? `${hit.section!.heading} – ${organisation}` : `${hit.statement?.title || 'Tjänsteutlåtande'} – ${organisation}`,
    remiss,
    narrow,
    organisation,
    // An answer's date is the day it was answered ("Besvarat 2 december 2020"); a draft's, its last save.
    status: answered ? withDate(STATUS_LABELS[hit.response.status], '', hit.date) : withDate(STATUS_LABELS[hit.response.status], 'senast sparat', hit.date),
    draft: !answered,
    stanceLabel: stance ? STANCE_LABELS[stance] : null,
    snippet,
  };
}
