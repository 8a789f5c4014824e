import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import { canManageConsultations } from '../consultations/consultation-access';
import { todaysWork } from '../consultations/consultation-counts';
import { listConsultations } from '../consultations/consultation-list';
import { consultationRow } from '../consultations/consultation-list.pages';
import { listDeadlines } from '../deadlines/deadlines.service';
import { yourTurn } from '../notifications/your-turn';
import { CoordinationService } from '../coordination/coordination.service';
import { coordinatedRow } from '../coordination/coordination.pages';
import { ANSWERING_ROLES, toAnswerRow } from '../responses/to-answer.pages';
import { todayInStockholm } from '../shared/dates';
import type { Pages } from './pages';

/** The förvaltning's people, who see what their organisation must answer first. */
const answers = (actor: Actor) => ANSWERING_ROLES.some((role) => actor.roles.includes(role));

/** Where each role starts; the screens of parts 2–4 add their own start pages by role. */
function linksFor(actor: Actor): Array<{ href: string; text: string }> {
  const links = [{ href: '/remisser', text: 'Remisser' }];
  // The förvaltning's work starts with what it must answer.
  if (answers(actor)) links.unshift({ href: '/att-besvara', text: 'Att besvara' });
  if (actor.roles.includes('attestant')) links.splice(1, 0, { href: '/att-attestera', text: 'Att attestera' });
  if (actor.roles.some((role) => role === 'registrator' || role === 'admin')) {
    links.push({ href: '/remisser/ny', text: 'Registrera remiss' }, { href: '/bevakning', text: 'Bevakning' }, { href: '/sandlistor', text: 'Sändlistor' }, { href: '/organisationer', text: 'Organisationer' });
  }
  if (actor.roles.includes('coordinator')) links.unshift({ href: '/samordning', text: 'Samordning' });
  links.push({ href: '/mitt-konto', text: 'Mitt konto' });
  return links;
}

/**
 * The start page: the latest remisser the user may see and, for those who run them, what needs
 * doing today as counts that link to the filtered list; for the förvaltning, the most urgent of
 * what it must answer (Att besvara's first rows). Two statements at most (kept fast).
 */
export function registerStartPage(pages: Pages, dataSource: DataSource): void {
  pages.get('/', 'user', async ({ actor }) => {
    const manages = canManageConsultations(actor);
    const coordinates = actor.roles.includes('coordinator');
    const [latest, work, toAnswer, turn, coordinated] = await Promise.all([
      listConsultations(dataSource.manager, actor, { sort: '-registeredDate', limit: 10, offset: 0 }),
      manages ? todaysWork(dataSource.manager, actor) : undefined,
      answers(actor) ? listDeadlines(dataSource, actor, { scope: 'received', limit: 5, offset: 0 }) : undefined,
      answers(actor) ? yourTurn(dataSource, actor) : undefined,
      coordinates ? new CoordinationService(dataSource).openConsultations(actor, { limit: 5, offset: 0 }) : undefined,
    ]);
    const today = todayInStockholm();
    return {
      view: 'web/start',
      title: 'Start',
      data: {
        links: linksFor(actor),
        turn: turn && (turn.toAttest || turn.assigned) ? turn : null,
        coordinated: coordinated && { total: coordinated.total, items: coordinated.items.map(coordinatedRow), everyRemiss: coordinated.scope === 'all' },
        latest: latest.items.map(consultationRow),
        total: latest.total,
        toAnswer: toAnswer && { total: toAnswer.total, items: toAnswer.items.map((item) => toAnswerRow(item, today)) },
        work: work && {
          ...work,
          draftsHref: '/remisser?status=draft',
          overdueHref: '/remisser?forsenade=ja&sortera=svarsdag&ordning=asc',
          dueThisWeekHref: `/remisser?status=open&svarsdag-fran=${work.today}&svarsdag-till=${work.weekEnd}&sortera=svarsdag&ordning=asc`,
        },
      },
    };
  });
}
