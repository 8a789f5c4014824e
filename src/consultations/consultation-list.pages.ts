import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '../authz/actor';
import { organisationChoices } from '../organisations/organisation-choices';
import { ANSWERED_STATUSES } from '../responses/response.entity';
import { CONSULTATION_KIND_LABELS, CONSULTATION_STATUS_LABELS } from '../shared/swedish-labels';
import type { FormError } from '../web/form-errors';
import { offsetFor, paginationFor, sortColumns, type Query } from '../web/list-links';
import type { Pages } from '../web/pages';
import { listConsultations } from './consultation-list';
import { canManageConsultations } from './consultation-access';
import type { ConsultationView } from './consultation.presenter';
import { presentConsultation } from './consultation.presenter';
import { CONSULTATION_KINDS, CONSULTATION_STATUSES } from './consultation.entity';
import { KIND_OPTIONS } from './consultation-form-fields';
import type { ListConsultationsQuery } from './consultations.schemas';

const PAGE_SIZE = 25;
const UUID = z.uuid();
const DAY = z.iso.date();

/** The list's query parameters (Swedish, bookmarkable) and the API filter each one is. */
const FILTERS: Array<{ param: string; key: keyof ListConsultationsQuery; schema: z.ZodType; message: string }> = [
  { param: 'status', key: 'status', schema: z.enum(CONSULTATION_STATUSES), message: 'Välj en status i listan.' },
  { param: 'typ', key: 'kind', schema: z.enum(CONSULTATION_KINDS), message: 'Välj en typ i listan.' },
  { param: 'avsandare', key: 'senderId', schema: UUID, message: 'Välj en avsändare i listan.' },
  { param: 'samordnare', key: 'coordinatorId', schema: UUID, message: 'Välj en samordnare i listan.' },
  { param: 'remissinstans', key: 'recipientOrganisationId', schema: UUID, message: 'Välj en remissinstans i listan.' },
  { param: 'svarsdag-fran', key: 'dueAfter', schema: DAY, message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-14.' },
  { param: 'svarsdag-till', key: 'dueBefore', schema: DAY, message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-14.' },
  { param: 'sok', key: 'q', schema: z.string().trim().min(1).max(200), message: 'Sökningen får vara högst 200 tecken.' },
];

const SORTS: Record<string, 'caseNumber' | 'title' | 'dueDate' | 'registeredDate'> = { dnr: 'caseNumber', rubrik: 'title', svarsdag: 'dueDate', registrerad: 'registeredDate' };

/** The page's query as the service's: a filter the user mistyped is left out and named in the error summary. */
export function listQueryFrom(query: Query): { list: ListConsultationsQuery; errors: FormError[]; sort: { key: string; direction: 'asc' | 'desc' } } {
  const list: Record<string, unknown> = {};
  const errors: FormError[] = [];
  for (const filter of FILTERS) {
    const raw = query[filter.param];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const parsed = filter.schema.safeParse(raw.trim());
    if (parsed.success) list[filter.key] = parsed.data;
    else errors.push({ field: filter.param, message: filter.message });
  }
  if (query.forsenade === 'ja') list.overdue = true;
  const key = typeof query.sortera === 'string' && SORTS[query.sortera] ? query.sortera : 'registrerad';
  const direction = query.ordning === 'asc' || query.ordning === 'desc' ? query.ordning : key === 'registrerad' ? 'desc' : 'asc';
  list.sort = `${direction === 'desc' ? '-' : ''}${SORTS[key]}`;
  list.limit = PAGE_SIZE;
  list.offset = offsetFor(query, PAGE_SIZE);
  return { list: list as ListConsultationsQuery, errors, sort: { key, direction } };
}

/** One row as the tables show it. */
export function consultationRow(view: ConsultationView) {
  const c = presentConsultation(view);
  const answered = ANSWERED_STATUSES.reduce((sum, status) => sum + c.recipients.byStatus[status], 0);
  return {
    ...c,
    href: `/remisser/${c.id}`,
    statusLabel: CONSULTATION_STATUS_LABELS[c.status],
    kindLabel: CONSULTATION_KIND_LABELS[c.kind],
    answered,
  };
}

export function registerConsultationListPage(pages: Pages, dataSource: DataSource): void {
  pages.get('/remisser', 'user', async ({ actor, query }) => {
    const { list, errors, sort } = listQueryFrom(query);
    const [page, organisations] = await Promise.all([listConsultations(dataSource.manager, actor, list), organisationChoices(dataSource, { activeToday: false })]);
    const filtered = FILTERS.some((filter) => typeof query[filter.param] === 'string' && query[filter.param] !== '') || query.forsenade === 'ja';
    return {
      view: 'consultations/list',
      title: 'Remisser',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Remisser' }],
      data: {
        rows: page.items.map(consultationRow),
        total: page.total,
        filtered,
        errors,
        values: { ...query },
        overdueChecked: query.forsenade === 'ja',
        statusOptions: CONSULTATION_STATUSES.map((status) => ({ value: status, text: CONSULTATION_STATUS_LABELS[status] })),
        kindOptions: KIND_OPTIONS,
        organisations,
        columns: sortColumns('/remisser', query, [
          { key: 'dnr', label: 'Dnr' },
          { key: 'rubrik', label: 'Rubrik' },
          { key: 'svarsdag', label: 'Sista svarsdag' },
        ], sort),
        pagination: paginationFor('/remisser', query, page),
        canRegister: canRegister(actor),
      },
    };
  });
}

export const canRegister = (actor: Actor) => canManageConsultations(actor);
