import type { DataSource } from 'typeorm';
import { offsetFor, paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';
import { CoordinationService } from './coordination.service';

const PAGE_SIZE = 25;
export const COORDINATING_ROLES = ['coordinator', 'registrator', 'admin'] as const;

/** A row of the coordinator's list (also the start page's first rows). */
export function coordinatedRow<T extends { consultation: { id: string }; answerRate: number }>(item: T) {
  // "5,9 %": the Swedish decimal comma.
  return { ...item, answerRateText: `${item.answerRate.toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`, href: `/remisser/${item.consultation.id}/sammanstallning`, remissHref: `/remisser/${item.consultation.id}` };
}

/**
 * Samordning: the remisser the user's organisation coordinates, open ones by deadline with answer
 * rate, answers overdue and late, the next deadline still owed; the closed ones behind a filter.
 * The same CoordinationService as GET /api/coordination/open-consultations.
 */
export function registerCoordinationPages(pages: Pages, dataSource: DataSource): void {
  const coordination = new CoordinationService(dataSource);
  pages.get('/samordning', COORDINATING_ROLES, async ({ query, actor }) => {
    const closed = query.visa === 'avslutade';
    const page = await coordination.openConsultations(actor, { status: closed ? 'closed' : 'open', limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
    return {
      view: 'coordination/coordinated',
      title: 'Samordning',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Samordning' }],
      data: {
        closed,
        everyRemiss: page.scope === 'all',
        filters: [
          { text: 'Pågående', href: '/samordning', current: !closed },
          { text: 'Avslutade', href: '/samordning?visa=avslutade', current: closed },
        ],
        total: page.total,
        items: page.items.map(coordinatedRow),
        pagination: paginationFor('/samordning', closed ? { visa: 'avslutade' } : {}, page),
      },
    };
  });
}
