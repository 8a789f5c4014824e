import type { EntityManager } from 'typeorm';
import { formatSwedishDate } from '../shared/dates';
import { sentEventText } from '../recipients/recipient-events';
import { CONSULTATION_STATUS_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import type { ConsultationStatus } from './consultation.entity';
import type { ResponseStatus } from '../responses/response.entity';

/** One line of a remiss's timeline, in Swedish: what happened, when, to whom. */
export interface TimelineEntry {
  at: Date;
  text: string;
}

interface RecipientEventGroup {
  type: string;
  occurred_at: Date;
  n: number;
  organisation_name: string;
  detail: Record<string, unknown> | null;
}

interface StatusEvent {
  occurred_at: Date;
  action: string;
  from_status: ConsultationStatus | null;
  to_status: ConsultationStatus | null;
  sent_date: string | null;
  registered_afterwards: boolean;
}

/** Enough for a page; a remiss with more history shows its latest. */
const LIMIT = 200;

const many = (n: number) => `${n} remissinstanser`;

function recipientText(event: RecipientEventGroup): string | null {
  const who = event.n === 1 ? event.organisation_name : many(event.n);
  const detail = event.detail ?? {};
  const date = (key: string) => (typeof detail[key] === 'string' ? formatSwedishDate(detail[key] as string) : null);
  switch (event.type) {
    case 'added':
      return `${who} lades till som ${event.n === 1 ? 'remissinstans' : 'remissinstanser'}`;
    case 'sent':
      if (detail.individually) return `Remissen skickades till ${who}`;
      return sentEventText(who, detail);
    case 'extension_granted':
      return `Anstånd för ${who} till ${date('dueDate') ?? 'nytt datum'}`;
    case 'reminder_sent':
      return `Påminnelse skickades till ${who}`;
    case 'response_status_changed': {
      const to = STATUS_LABELS[detail.to as ResponseStatus];
      return to ? `${who}: ${to}` : null;
    }
    case 'answer_recorded':
      return `Svar från ${who} registrerades`;
    default:
      return null;
  }
}

function statusText(event: StatusEvent): string | null {
  if (event.action === 'consultation.created') return 'Remissen registrerades';
  if (event.action === 'consultation.sent') return event.registered_afterwards && event.sent_date ? `Remissen registrerades i efterhand som skickad ${formatSwedishDate(event.sent_date)}, utan e-post` : null;
  if (!event.to_status || event.from_status === event.to_status) return null;
  if (event.to_status === 'open' && event.from_status === 'closed') return 'Remissen öppnades igen';
  return `Remissen fick status ${CONSULTATION_STATUS_LABELS[event.to_status]}`;
}

/**
 * The remiss's history for its page: its own status changes (from the audit trail) and what
 * happened to its recipients (recipient_events), events of one kind at one instant (a sending to
 * 40 nämnder) as one line. Whoever may read the remiss sees this: it is the status board's history.
 */
export async function consultationTimeline(manager: EntityManager, consultationId: string): Promise<TimelineEntry[]> {
  const [recipientEvents, statusEvents] = await Promise.all([
    manager.query(
      `SELECT e.type, e.occurred_at, count(*)::int AS n, min(o.name) AS organisation_name, (array_agg(e.detail ORDER BY e.id))[1] AS detail
         FROM recipient_events e
         JOIN recipients r ON r.id = e.recipient_id
         JOIN organisations o ON o.id = r.organisation_id
        WHERE r.consultation_id = $1
        GROUP BY e.type, e.occurred_at
        ORDER BY e.occurred_at DESC
        LIMIT ${LIMIT}`,
      [consultationId],
    ) as Promise<RecipientEventGroup[]>,
    manager.query(
      `SELECT occurred_at, action, before->>'status' AS from_status, after->>'status' AS to_status,
              after->>'sentDate' AS sent_date, coalesce((after->>'registeredAfterwards')::boolean, false) AS registered_afterwards
         FROM audit_events
        WHERE entity_type = 'consultation' AND entity_id = $1 AND action IN ('consultation.created', 'consultation.updated', 'consultation.sent')
        ORDER BY occurred_at DESC
        LIMIT ${LIMIT}`,
      [consultationId],
    ) as Promise<StatusEvent[]>,
  ]);
  const entries: TimelineEntry[] = [];
  for (const event of recipientEvents) {
    const text = recipientText(event);
    if (text) entries.push({ at: event.occurred_at, text });
  }
  for (const event of statusEvents) {
    const text = statusText(event);
    if (text) entries.push({ at: event.occurred_at, text });
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, LIMIT);
}
