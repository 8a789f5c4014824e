import { DELIVERY_LABELS, REGISTERED_AFTERWARDS_LABEL } from '../shared/swedish-labels';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { canManageConsultations } from '../consultations/consultation-access';
import { presentConsultation } from '../consultations/consultation.presenter';
import { ConsultationsService } from '../consultations/consultations.service';
import { notFound } from '../http/problem';
import { ANSWERED_STATUSES } from '../responses/response.entity';
import { TRANSITIONS } from '../responses/transition-rules';
import { RecipientsService } from './recipients.service';
import type { RecipientRow } from './status-board';

export type BoardFilter = 'alla' | 'obesvarade' | 'sena';

/**
 * The status board as the page shows it: the same RecipientsService.board as
 * GET /api/consultations/:id/recipients (late filter and counts included), plus how many reminders
 * went to each recipient and what the reader may do from a row, by the services' own rule tables.
 */
export class BoardOverview {
  private readonly consultations: ConsultationsService;
  private readonly recipients: RecipientsService;

  constructor(private readonly dataSource: DataSource) {
    this.consultations = new ConsultationsService(dataSource);
    this.recipients = new RecipientsService(dataSource);
  }

  async board(id: string, filter: BoardFilter, context: RequestContext) {
    const view = await this.consultations.get(id, context);
    const consultation = presentConsultation(view);
    const board = await this.recipients.board(id, { limit: 1000, offset: 0, late: filter === 'sena' ? true : undefined }, context);
    const items = filter === 'obesvarade' ? board.items.filter((r) => r.role === 'respond' && !ANSWERED_STATUSES.includes(r.status)) : board.items;
    const reminders = await this.remindersSent(items.map((r) => r.id));
    const manages = canManageConsultations(context.actor!);
    const open = consultation.status === 'open';
    return {
      consultation,
      counts: board.counts,
      total: board.items.length,
      rows: items.map((row) => ({
        ...row,
        remindersSent: reminders.get(row.id) ?? 0,
        deliveryLabel: row.delivery ? DELIVERY_LABELS[row.delivery.status] : row.registeredAfterwards ? REGISTERED_AFTERWARDS_LABEL : undefined,
        answered: ANSWERED_STATUSES.includes(row.status),
        mayExtend: manages && open && row.role === 'respond' && !!row.sentAt && !ANSWERED_STATUSES.includes(row.status),
        mayRecordAnswer: manages && open && !!row.sentAt && TRANSITIONS.record_external.from.includes(row.status),
      })),
      manages,
      // The letters of those without an address (and those whose e-mail was given up), for the post.
      postal: manages && ((board.counts.byDelivery.no_address ?? 0) > 0 || (board.counts.byDelivery.failed ?? 0) > 0),
    };
  }

  /** One row of the board, for the pages that act on it (anstånd, an answer from outside). */
  async row(id: string, recipientId: string, context: RequestContext): Promise<{ consultation: ReturnType<typeof presentConsultation>; row: RecipientRow }> {
    const view = await this.consultations.get(id, context);
    const board = await this.recipients.board(id, { limit: 1000, offset: 0 }, context);
    const row = board.items.find((r) => r.id === recipientId);
    if (!row) throw notFound('The recipient');
    return { consultation: presentConsultation(view), row };
  }

  private async remindersSent(recipientIds: string[]): Promise<Map<string, number>> {
    if (!recipientIds.length) return new Map();
    const rows: Array<{ recipient_id: string; n: number }> = await this.dataSource.query(
      'SELECT recipient_id, count(*)::int AS n FROM reminders WHERE recipient_id = ANY($1::uuid[]) AND sent_at IS NOT NULL GROUP BY recipient_id',
      [recipientIds],
    );
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }
}
