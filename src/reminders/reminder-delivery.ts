import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { recordAudit } from '../audit/audit.service';
import { isTransportFailure, redactAddresses, type Mailer } from '../mail/mailer';
import { recordRecipientEvents } from '../recipients/recipient-events';
import { ANSWERED_STATUSES } from '../responses/response.entity';
import { composeReminderMail } from './reminder-mail';
import { MAX_REMINDER_ATTEMPTS, PENDING_REMINDER_SQL, SKIPPED_PREFIX } from './reminder-state';
import type { ReminderKind } from './reminder.entity';
import { ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';

interface ClaimedReminder {
  id: string;
  recipientId: string;
  kind: ReminderKind;
  dueDate: string;
  attempts: number;
  role: string;
  recipientSent: boolean;
  organisationId: string;
  recipientName: string;
  recipientKind: string;
  currentDueDate: string | null;
  consultationId: string;
  consultationStatus: string;
  caseNumber: string;
  title: string;
  senderName: string;
  answered: boolean;
}

// Locks only the reminder rows (FOR UPDATE OF m): SKIP LOCKED lets another process claim the
// next ones instead of waiting, so any number of app processes can deliver side by side.
const CLAIM = `
  SELECT m.id, m.recipient_id AS "recipientId", m.kind, m.due_date::text AS "dueDate", m.attempts,
         r.role, r.sent_at IS NOT NULL AS "recipientSent", r.organisation_id AS "organisationId", o.name AS "recipientName", o.kind AS "recipientKind",
         COALESCE(r.extended_due_date, c.due_date)::text AS "currentDueDate",
         c.id AS "consultationId", c.status AS "consultationStatus", c.case_number AS "caseNumber", c.title, s.name AS "senderName",
         EXISTS (SELECT 1 FROM responses x WHERE x.recipient_id = r.id AND x.status = ANY($1::text[])) AS answered
    FROM reminders m
    JOIN recipients r ON r.id = m.recipient_id
    JOIN consultations c ON c.id = r.consultation_id
    JOIN organisations o ON o.id = r.organisation_id
    JOIN organisations s ON s.id = c.sender_id
   WHERE ${PENDING_REMINDER_SQL}
     AND NOT (m.id = ANY($2::uuid[]))
   ORDER BY m.created_at, m.id
   LIMIT $3
   FOR UPDATE OF m SKIP LOCKED`;

/**
 * Who gets a recipient's reminder: the organisation's functional mailbox when it has one; else
 * the handläggare and attestanter of the organisation and its nämnd or förvaltningar
 * (ORGANISATION_FAMILY_SQL: a remiss goes to the nämnd, the people who write the answer sit in
 * the förvaltning below it).
 */
const ADDRESSES = `
  SELECT COALESCE(
    (SELECT ARRAY[btrim(email)] FROM organisations WHERE id = $1 AND btrim(coalesce(email, '')) <> ''),
    (SELECT array_agg(DISTINCT lower(u.email) ORDER BY lower(u.email))
       FROM users u JOIN organisations uo ON uo.id = u.organisation_id
      WHERE uo.id IN (${ORGANISATION_FAMILY_SQL}) AND u.active AND btrim(coalesce(u.email, '')) <> ''
        AND u.roles && ARRAY['handlaggare', 'attestant']::text[]),
    '{}') AS addresses`;

export interface DeliveryOptions {
  dataSource: DataSource;
  mailer: Mailer;
  today: string;
  link: (consultationId: string) => string;
  /** Ties the cycle's audit events together, e.g. scheduler:2020-11-25T06:00:00.000Z. */
  requestId: string;
  batchSize: number;
  /** Upper bound per cycle, so one cycle always ends; the rest waits for the next. */
  maxPerCycle: number;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  skipped: number;
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'transport-down';

/**
 * Claims pending reminders in batches and sends each one; the reminder's update, the recipient's
 * timeline event and the audit event commit in the claiming transaction. Delivery is at least
 * once: should that transaction fail (database lost mid-batch) after the mail server accepted
 * messages, the batch's messages go out again next cycle; batches stay small for that reason.
 */
export async function deliverReminders(options: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, skipped: 0 };
  // Failed ones stay pending; without this list the next batch of the same cycle would claim them again.
  const tried: string[] = [];
  let transportDown = false;
  while (!transportDown && !options.signal?.aborted && tried.length < options.maxPerCycle) {
    const claimed = await options.dataSource.transaction(async (manager) => {
      const batch: ClaimedReminder[] = await manager.query(CLAIM, [[...ANSWERED_STATUSES], tried, options.batchSize]);
      for (const reminder of batch) {
        // Rows not reached are released untouched when the transaction commits.
        if (transportDown || options.signal?.aborted) break;
        tried.push(reminder.id);
        const outcome = await deliverOne(manager, reminder, options);
        if (outcome === 'transport-down') {
          transportDown = true;
          result.failed++;
        } else result[outcome]++;
      }
      return batch.length;
    });
    if (claimed < options.batchSize) break;
  }
  return result;
}

function skipReason(reminder: ClaimedReminder, today: string): string | null {
  if (reminder.answered) return 'answered';
  if (reminder.consultationStatus !== 'open') return 'remiss not open';
  if (reminder.role !== 'respond' || !reminder.recipientSent) return 'not asked to respond';
  // An anstånd (or a changed remiss deadline) after planning: this reminder is about a deadline
  // that no longer applies; the new one is owed its own reminders.
  if (reminder.currentDueDate !== reminder.dueDate) return 'deadline changed';
  if (reminder.kind === 'before_due' && today > reminder.dueDate) return 'deadline passed';
  return null;
}

async function deliverOne(manager: EntityManager, reminder: ClaimedReminder, options: DeliveryOptions): Promise<Outcome> {
  const skip = skipReason(reminder, options.today);
  if (skip) {
    await manager.query(`UPDATE reminders SET last_error = $2 WHERE id = $1`, [reminder.id, SKIPPED_PREFIX + skip]);
    options.logger?.debug({ reminderId: reminder.id, reason: skip }, 'reminder skipped');
    return 'skipped';
  }
  const [{ addresses }]: Array<{ addresses: string[] }> = await manager.query(ADDRESSES, [reminder.organisationId]);
  if (addresses.length === 0) {
    await recordFailure(manager, reminder, 'no address', options.logger);
    return 'failed';
  }
  let messageId: string;
  try {
    const mail = composeReminderMail({ ...reminder, today: options.today }, options.link(reminder.consultationId));
    messageId = await options.mailer.send({ to: addresses, ...mail });
  } catch (error) {
    const message = redactAddresses(error instanceof Error ? error.message : String(error));
    // The mail server being down says nothing about this message: it keeps all its attempts for
    // when the server is back, so an outage only delays reminders, however long it lasts.
    const transport = isTransportFailure(error);
    await recordFailure(manager, reminder, message, options.logger, !transport);
    return transport ? 'transport-down' : 'failed';
  }
  await manager.query(`UPDATE reminders SET sent_at = now(), sent_to = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [reminder.id, addresses]);
  await recordRecipientEvents(manager, [reminder.recipientId], 'reminder_sent', null, { kind: reminder.kind, dueDate: reminder.dueDate });
  await recordAudit(
    manager,
    { actor: null, requestId: options.requestId },
    {
      action: 'reminder.sent',
      entityType: 'reminder',
      entityId: reminder.id,
      organisationId: reminder.organisationId,
      // The count, not the addresses: the audit log is kept for ever and cannot be corrected.
      after: { recipientId: reminder.recipientId, consultationId: reminder.consultationId, kind: reminder.kind, dueDate: reminder.dueDate, addressCount: addresses.length, messageId },
    },
  );
  return 'sent';
}

async function recordFailure(manager: EntityManager, reminder: ClaimedReminder, error: string, logger?: Logger, countsAsAttempt = true): Promise<void> {
  const step = countsAsAttempt ? 1 : 0;
  await manager.query(`UPDATE reminders SET attempts = attempts + $3, last_error = $2 WHERE id = $1`, [reminder.id, error.slice(0, 1000), step]);
  const attempts = reminder.attempts + step;
  if (attempts >= MAX_REMINDER_ATTEMPTS) logger?.warn({ reminderId: reminder.id, attempts, error }, 'reminder given up');
  else logger?.info({ reminderId: reminder.id, attempts, error }, 'reminder not delivered; retrying next cycle');
}
