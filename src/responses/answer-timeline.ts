import type { RecipientEvent } from '../recipients/recipient-event.entity';
import { sentEventText } from '../recipients/recipient-events';
import { formatSwedishDate } from '../shared/dates';
import { STATUS_LABELS } from '../shared/swedish-labels';
import type { ResponseStatus } from './response.entity';

/** A Tilldela from the audit trail (action response.assigned), as the answer page reads it. */
export interface AssignmentEvent {
  occurred_at: Date;
  actor_user_id: string | null;
  assignee_id: string | null;
  reason: string | null;
}

export interface AnswerTimelineEntry {
  at: Date;
  text: string;
  /** Who did it, when a person did. */
  by: string | null;
}

/** What each transition is called in the answer's history. */
const ACTION_TEXTS: Record<string, string> = {
  start: 'Arbetet med svaret påbörjades',
  submit_for_review: 'Svaret skickades till granskning',
  return_to_drafting: 'Svaret gick tillbaka till arbete',
  approve: 'Svaret attesterades',
  decide: 'Nämnden fattade beslut',
  submit: 'Svaret skickades till avsändaren',
  decline: 'Avstår från att svara',
  no_comments: 'Svarade inga synpunkter',
  record_external: 'Svar som kom utanför tjänsten registrerades',
};

function detailOf(event: RecipientEvent): Record<string, unknown> {
  return (event.detail ?? {}) as Record<string, unknown>;
}

function eventText(event: RecipientEvent, organisationName: string): string | null {
  const detail = detailOf(event);
  const date = (key: string) => (typeof detail[key] === 'string' ? formatSwedishDate(detail[key] as string) : null);
  switch (event.type) {
    case 'added':
      return `${organisationName} lades till som remissinstans`;
    case 'sent':
      return sentEventText(organisationName, detail);
    case 'extension_granted':
      return `Anstånd till ${date('dueDate') ?? 'ny dag'}${date('previousDueDate') ? ` (var ${date('previousDueDate')})` : ''}`;
    case 'reminder_sent':
      return 'Påminnelse om svaret skickades';
    case 'response_status_changed': {
      const action = typeof detail.action === 'string' ? ACTION_TEXTS[detail.action] : undefined;
      const to = STATUS_LABELS[detail.to as ResponseStatus];
      return action ?? (to ? `Svaret fick status ${to}` : null);
    }
    case 'answer_recorded':
      return 'Svaret registrerades';
    case 'delivery_sent':
      return 'Remissbrevet e-postades till registraturen';
    case 'delivery_failed':
      return 'Remissbrevet kunde inte e-postas';
    case 'delivery_no_address':
      return 'Remissbrevet skickas med post (ingen e-postadress i registret)';
    case 'delivery_requeued':
      return 'Remissbrevet ska e-postas igen';
    case 'delivery_cancelled':
      return 'Remissbrevet e-postades inte (remissen makulerades)';
    default:
      return null;
  }
}

function assignmentText(event: AssignmentEvent, names: Map<string, string>): string | null {
  const to = event.assignee_id ? names.get(event.assignee_id) : undefined;
  if (!to) return null;
  // Starting or first saving makes the one who did it the assignee: the start is in the history already.
  if (event.reason === 'start') return null;
  return event.reason === 'first_save' ? `${to} arbetar med svaret (sparade först)` : `Svaret tilldelades ${to}`;
}

/**
 * The answer's history for its page, newest first: what happened to the remissinstans (sent,
 * anstånd, reminders, the remissbrev's delivery, each status change) and every Tilldela, each with
 * who did it.
 */
export function answerTimeline(events: RecipientEvent[], assignments: AssignmentEvent[], names: Map<string, string>, organisationName: string): AnswerTimelineEntry[] {
  const entries: AnswerTimelineEntry[] = [];
  for (const event of events) {
    const text = eventText(event, organisationName);
    if (text) entries.push({ at: event.occurredAt, text, by: event.actorUserId ? (names.get(event.actorUserId) ?? null) : null });
  }
  for (const event of assignments) {
    const text = assignmentText(event, names);
    if (text) entries.push({ at: new Date(event.occurred_at), text, by: event.actor_user_id ? (names.get(event.actor_user_id) ?? null) : null });
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
