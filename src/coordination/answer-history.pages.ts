import type { DataSource } from 'typeorm';
import { pageId } from '../web/etag-field';
import { offsetFor, paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';
import { REGISTER_KEEPERS } from '../organisations/organisations.service';
import { CoordinationService, type AnswerOutcome } from './coordination.service';

const PAGE_SIZE = 25;

/** What each outcome is called on the page; the tag colour marks the ones that need attention. */
const ANSWER_OUTCOME_LABELS: Record<AnswerOutcome, { text: string; tag: string }> = {
  on_time: { text: 'I tid', tag: 'green' },
  late: { text: 'Sent', tag: 'red' },
  declined: { text: 'Avstår', tag: 'grey' },
  no_comments: { text: 'Inga synpunkter', tag: 'grey' },
  overdue: { text: 'Försenat, inte besvarat', tag: 'red' },
  pending: { text: 'Inte besvarat än', tag: 'blue' },
};

const answerHistoryHref = (organisationId: string) => `/organisationer/${organisationId}/svarshistorik`;

/**
 * Svarshistorik: how one organisation has answered remisser, per year of the deadline (on time,
 * late, avstår, inga synpunkter, still owed) and answer by answer, paged. The same answerHistory()
 * as GET /api/organisations/{id}/answer-history, so who sees what is the service's rule (the
 * organisation itself, coordinators, registrators, admins; others get the 403 page).
 */
export function registerAnswerHistoryPages(pages: Pages, dataSource: DataSource): void {
  const coordination = new CoordinationService(dataSource);

  pages.get('/organisationer/:id/svarshistorik', 'user', async ({ params, query, actor }) => {
    const id = pageId(params, 'The organisation');
    const history = await coordination.answerHistory(id, actor, { limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
    const { counts } = history;
    return {
      view: 'coordination/answer-history',
      title: `Svarshistorik – ${history.organisation.name}`,
      // Through the register for those whose pages it is (as the navigation shows it), else straight from Start.
      breadcrumbs: REGISTER_KEEPERS.some((role) => actor.roles.includes(role))
        ? [{ href: '/', text: 'Start' }, { href: '/organisationer', text: 'Organisationer' }, { href: `/organisationer/${id}`, text: history.organisation.name }, { text: 'Svarshistorik' }]
        : [{ href: '/', text: 'Start' }, { text: `Svarshistorik för ${history.organisation.name}` }],
      data: {
        organisation: history.organisation,
        years: history.years,
        totals: { ...counts, answered: counts.on_time + counts.late + counts.declined + counts.no_comments },
        items: history.items.map((item) => ({ ...item, href: `/remisser/${item.consultation.id}`, outcomeLabel: ANSWER_OUTCOME_LABELS[item.outcome as AnswerOutcome] })),
        total: history.total,
        pagination: paginationFor(answerHistoryHref(id), {}, history),
      },
    };
  });
}
