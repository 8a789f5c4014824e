import type { DataSource } from 'typeorm';
import { STATUS_LABELS } from '../shared/swedish-labels';
import { offsetFor, paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';
import { listDeadlines } from './deadlines.service';

const PAGE_SIZE = 50;
const FILTERS = [
  { key: 'alla', text: 'Alla', overdue: undefined },
  { key: 'forsenade', text: 'Försenade', overdue: true },
  { key: 'kommande', text: 'Kommande', overdue: false },
] as const;

/**
 * Bevakning: every answer still owed on open remisser, overdue first, by effective due date (anstånd
 * included): the same listDeadlines as GET /api/deadlines, with the filter and page in the URL.
 */
export function registerDeadlinePages(pages: Pages, dataSource: DataSource): void {
  pages.get('/bevakning', ['registrator', 'admin'], async ({ query, actor }) => {
    const filter = FILTERS.find((f) => f.key === query.visa) ?? FILTERS[0];
    const kept = filter.key === 'alla' ? {} : { visa: filter.key };
    const page = await listDeadlines(dataSource, actor, { scope: 'all', overdue: filter.overdue, limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
    return {
      view: 'deadlines/bevakning',
      title: 'Bevakning',
      data: {
        filters: FILTERS.map((f) => ({ text: f.text, href: f.key === 'alla' ? '/bevakning' : `/bevakning?visa=${f.key}`, current: f.key === filter.key })),
        filterText: filter.text,
        total: page.total,
        items: page.items.map((item) => ({ ...item, statusLabel: STATUS_LABELS[item.status] })),
        pagination: paginationFor('/bevakning', kept, page),
      },
    };
  });
}
