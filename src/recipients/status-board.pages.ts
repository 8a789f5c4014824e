import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { eventLabel, ROLE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { BoardOverview, type BoardFilter } from './board-overview';
import { consultationIdFrom } from './distribution-overview';
import { ExtensionsService } from './extensions.service';
import { crumbsFor } from './recipients.pages';
import { seesAnswerHistories } from '../coordination/coordination.service';

const FILTERS: Array<{ key: BoardFilter; text: string }> = [
  { key: 'alla', text: 'Alla' },
  { key: 'obesvarade', text: 'Inte besvarade' },
  { key: 'sena', text: 'Sena' },
];

registerNotices({ 'anstand-beviljat': 'Anståndet är beviljat.' });

const extensionFields = z.object({
  dueDate: z.iso.date({ message: 'Ange den nya sista svarsdagen som ÅÅÅÅ-MM-DD.' }),
  reason: z.string().trim().min(3, 'Skriv skälet till anståndet (minst 3 tecken).').max(1000, 'Skälet får vara högst 1 000 tecken.'),
});

/**
 * Svarsläget (the status board) of a remiss, readable by everyone who may read the remiss, with
 * filters in the URL (?visa=obesvarade|sena), and from a row: grant anstånd (the same
 * ExtensionsService as POST …/recipients/:recipientId/extensions).
 */
export function registerStatusBoardPages(pages: Pages, dataSource: DataSource): void {
  const overview = new BoardOverview(dataSource);
  const extensions = new ExtensionsService(dataSource);

  pages.get('/remisser/:id/svar', 'user', async ({ params, query, context }) => {
    const filter = FILTERS.find((f) => f.key === query.visa)?.key ?? 'alla';
    const data = await overview.board(consultationIdFrom(params.id), filter, context);
    const base = `/remisser/${data.consultation.id}/svar`;
    return {
      view: 'recipients/status-board',
      title: `Svarsläge – ${data.consultation.caseNumber}`,
      breadcrumbs: crumbsFor(data.consultation),
      data: {
        ...data,
        filters: FILTERS.map((f) => ({ ...f, href: f.key === 'alla' ? base : `${base}?visa=${f.key}`, current: f.key === filter })),
        filterText: FILTERS.find((f) => f.key === filter)!.text,
        statusCounts: RESPONSE_STATUSES.map((status) => ({ label: STATUS_LABELS[status], count: data.counts.byStatus[status] ?? 0 })).filter((c) => c.count > 0),
        rows: data.rows.map((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status], roleLabel: ROLE_LABELS[r.role], lastEventLabel: r.lastEvent ? eventLabel(r.lastEvent.type) : null })),
        // Coordinators, registrators and admins see every organisation's svarshistorik: a link per row.
        historyLinks: seesAnswerHistories(context.actor!),
      },
    };
  });

  const showExtension = async ({ params, context }: PageInput, state: FormState) => {
    const { consultation, row } = await overview.row(consultationIdFrom(params.id), consultationIdFrom(params.recipientId), context);
    return {
      view: 'recipients/extension',
      title: `Bevilja anstånd – ${row.organisation.name}`,
      breadcrumbs: [...crumbsFor(consultation), { href: `/remisser/${consultation.id}/svar`, text: 'Svarsläge' }],
      data: { consultation, row, errors: state.errors, values: state.values ?? {} },
    };
  };

  pages.form({
    path: '/remisser/:id/svar/:recipientId/anstand',
    access: ['registrator', 'admin', 'coordinator'],
    fields: extensionFields,
    show: showExtension,
    async save({ params, context }, fields) {
      const id = consultationIdFrom(params.id);
      await extensions.grant(id, consultationIdFrom(params.recipientId), fields, context);
      return withNotice(`/remisser/${id}/svar`, 'anstand-beviljat');
    },
  });
}
