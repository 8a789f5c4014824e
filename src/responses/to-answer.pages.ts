import type { DataSource } from 'typeorm';
import { listDeadlines } from '../deadlines/deadlines.service';
import { todayInStockholm } from '../shared/dates';
import { STATUS_LABELS } from '../shared/swedish-labels';
import { offsetFor, paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';

const PAGE_SIZE = 25;
/** The förvaltning's people: who answers remisser (DESIGN.md §6). */
export const ANSWERING_ROLES = ['handlaggare', 'attestant'] as const;

const FILTERS = [
  { key: 'alla', text: 'Alla', overdue: undefined },
  { key: 'forsenade', text: 'Försenade', overdue: true },
  { key: 'kommande', text: 'Kommande', overdue: false },
] as const;

/** "12 arbetsdagar kvar", "Sista svarsdag i dag", "Försenad": what the row says about the time left. */
function timeLeft(item: { overdue: boolean; workingDaysRemaining: number; dueDate: string }, today: string): { text: string; late: boolean } {
  if (item.overdue) return { text: 'Försenad', late: true };
  if (item.dueDate === today) return { text: 'Sista svarsdag i dag', late: false };
  const days = item.workingDaysRemaining;
  return { text: `${days} ${days === 1 ? 'arbetsdag' : 'arbetsdagar'} kvar`, late: false };
}

/** One remiss to answer as the lists show it (Att besvara, the start page). */
export function toAnswerRow<T extends { responseId: string; status: keyof typeof STATUS_LABELS; overdue: boolean; workingDaysRemaining: number; dueDate: string }>(item: T, today: string) {
  return { ...item, href: `/svar/${item.responseId}`, statusLabel: STATUS_LABELS[item.status], timeLeft: timeLeft(item, today) };
}

/** The two work lists of the förvaltning: the same rows, the same filters, another selection. */
const LISTS = [
  {
    path: '/att-besvara',
    title: 'Att besvara',
    intro: 'Remisser som din organisation ska svara på, efter sista svarsdag (med anstånd). Försenade står först.',
    empty: 'Inga remisser att besvara.',
    roles: ANSWERING_ROLES,
    status: undefined,
  },
  {
    path: '/att-attestera',
    title: 'Att attestera',
    intro: 'Svar från din organisation som väntar på attest, efter sista svarsdag (med anstånd). Försenade står först.',
    empty: 'Inga svar väntar på attest.',
    roles: ['attestant'] as const,
    status: 'in_review' as const,
  },
];

/**
 * Att besvara: the remisser the user's organisation must answer; Att attestera (the attestant's):
 * those of them in review. By effective deadline (anstånd included), overdue first: the same
 * listDeadlines as GET /api/deadlines?scope=received(&status=in_review), with the filter and the
 * page in the URL. The order is the service's (the deadline is what the list is for), so the
 * columns do not sort.
 */
export function registerToAnswerPages(pages: Pages, dataSource: DataSource): void {
  for (const list of LISTS) {
    pages.get(list.path, list.roles, async ({ query, actor }) => {
      const filter = FILTERS.find((f) => f.key === query.visa) ?? FILTERS[0];
      const kept = filter.key === 'alla' ? {} : { visa: filter.key };
      const page = await listDeadlines(dataSource, actor, { scope: 'received', status: list.status, overdue: filter.overdue, limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
      const today = todayInStockholm();
      return {
        view: 'responses/to-answer',
        title: list.title,
        breadcrumbs: [{ href: '/', text: 'Start' }, { text: list.title }],
        data: {
          list,
          filters: FILTERS.map((f) => ({ text: f.text, href: f.key === 'alla' ? list.path : `${list.path}?visa=${f.key}`, current: f.key === filter.key })),
          filterText: filter.text,
          total: page.total,
          items: page.items.map((item) => toAnswerRow(item, today)),
          pagination: paginationFor(list.path, kept, page),
        },
      };
    });
  }
}
