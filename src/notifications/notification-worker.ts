import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { isTransportFailure, redactAddresses, type Mailer } from '../mail/mailer';
import { composeNotificationMail } from './notification-mail';
import type { NotificationKind } from './notification.entity';

/** Attempts before a notification is given up; the waits between them. A turn told hours late is told too late. */
export const MAX_NOTIFICATION_ATTEMPTS = 4;
const RETRY_SECONDS = [60, 5 * 60, 30 * 60];
const LEASE_SECONDS = 2 * 60;

export interface NotificationCycleOptions {
  dataSource: DataSource;
  mailer: Mailer;
  /** The public base of the service (links in the mail). */
  baseUrl: string;
  maxPerCycle: number;
  now?: () => Date;
  signal?: AbortSignal;
  logger?: Logger;
}

interface Claimed {
  id: string;
  kind: NotificationKind;
  attempts: number;
  actorName: string | null;
  responseId: string;
  consultationId: string;
  caseNumber: string;
  title: string;
  organisation: string;
  dueDate: string | null;
  name: string;
  email: string | null;
  wants: boolean;
  active: boolean;
}

// One at a time under a lease, SKIP LOCKED: several processes share the queue, no row lock is held
// while the mail server answers, and a process that dies leaves the lease to run out.
const CLAIM = `
  WITH claimed AS (
    UPDATE notifications n SET lease_until = $1::timestamptz + make_interval(secs => $2)
     WHERE n.id = (SELECT id FROM notifications
                    WHERE status = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                    ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING n.*)
  SELECT c.id, c.kind, c.attempts, c.actor_name AS "actorName", c.response_id AS "responseId", con.id AS "consultationId",
         con.case_number AS "caseNumber", con.title, o.name AS organisation,
         coalesce(r.extended_due_date, con.due_date)::text AS "dueDate",
         u.name, u.email, u.email_notifications AS wants, u.active
    FROM claimed c
    JOIN users u ON u.id = c.user_id
    JOIN responses p ON p.id = c.response_id
    JOIN recipients r ON r.id = p.recipient_id
    JOIN consultations con ON con.id = r.consultation_id
    JOIN organisations o ON o.id = r.organisation_id`;

/**
 * Mails queued notifications. A person who has since turned e-mail off, left, or lost the address
 * is skipped, not mailed. A failed send retries later; a mail server that cannot be reached ends the
 * cycle. At least once: a crash between the server's acceptance and the record sends it again.
 */
export async function runNotificationCycle(options: NotificationCycleOptions): Promise<{ sent: number; skipped: number; failed: number }> {
  const result = { sent: 0, skipped: 0, failed: 0 };
  const now = options.now ?? (() => new Date());
  for (let n = 0; n < options.maxPerCycle && !options.signal?.aborted; n++) {
    const [claimed] = (await options.dataSource.query(CLAIM, [now(), LEASE_SECONDS])) as Claimed[];
    if (!claimed) break;
    const mark = (status: string, extra = '', params: unknown[] = []) =>
      options.dataSource.query(`UPDATE notifications SET status = '${status}', lease_until = NULL${extra} WHERE id = $1`, [claimed.id, ...params]);
    if (!claimed.wants || !claimed.active || !claimed.email?.trim()) {
      await mark('skipped');
      result.skipped++;
      continue;
    }
    const link = claimed.kind === 'submitted' ? `${options.baseUrl}/remisser/${claimed.consultationId}` : `${options.baseUrl}/svar/${claimed.responseId}`;
    const mail = composeNotificationMail({ ...claimed, link, accountLink: `${options.baseUrl}/mitt-konto` });
    try {
      await options.mailer.send({ to: [claimed.email], subject: mail.subject, text: mail.text });
      await mark('sent', ', sent_at = $2, attempts = attempts + 1, next_attempt_at = NULL', [now()]);
      result.sent++;
    } catch (error) {
      const message = redactAddresses(error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const attempts = claimed.attempts + 1;
      result.failed++;
      if (attempts >= MAX_NOTIFICATION_ATTEMPTS) await mark('failed', ', attempts = $2, last_error = $3, next_attempt_at = NULL', [attempts, message]);
      else await mark('queued', ', attempts = $2, last_error = $3, next_attempt_at = $4', [attempts, message, new Date(now().getTime() + RETRY_SECONDS[attempts - 1] * 1000)]);
      options.logger?.info({ notificationId: claimed.id, attempts, error: message }, 'notification e-mail not delivered');
      if (isTransportFailure(error)) break;
    }
  }
  return result;
}
