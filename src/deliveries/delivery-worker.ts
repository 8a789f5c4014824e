import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { Consultation } from '../consultations/consultation.entity';
import type { DocumentSpec } from '../documents/document-model';
import { loadCoverLetter } from '../documents/letter-documents.loader';
import { PdfPoolFullError } from '../documents/pdf-pool';
import { isTransportFailure, redactAddresses, type Mailer } from '../mail/mailer';
import { recordRecipientEvents } from '../recipients/recipient-events';
import { Recipient } from '../recipients/recipient.entity';
import { composeDeliveryMail } from './delivery-mail';
import { LEASE_SECONDS, MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from './delivery-state';

export interface DeliveryCycleOptions {
  dataSource: DataSource;
  mailer: Mailer;
  /** Renders a document to PDF off the event loop (DocumentRenderer.renderPdf: the worker pool). */
  renderPdf: (document: DocumentSpec) => Promise<Buffer>;
  /** The remiss page a letter links to. */
  link: (consultationId: string) => string;
  /** The clock; tests move it past the retry delays. */
  now?: () => Date;
  /** Ties the cycle's audit events together, e.g. delivery:2026-01-12T08:00:00.000Z. */
  requestId: string;
  /** Upper bound per cycle, so one cycle always ends; the rest waits for the next. */
  maxPerCycle: number;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface DeliveryCycleResult {
  sent: number;
  /** Attempts that failed (retried later, or given up: see givenUp). */
  failed: number;
  givenUp: number;
  cancelled: number;
}

interface Claimed {
  id: string;
  recipientId: string;
  address: string;
  attempts: number;
}

// One delivery at a time, leased for LEASE_SECONDS: SKIP LOCKED lets other processes claim the
// next ones at once, and no transaction or row lock is held while the PDF renders and the mail
// server answers. A process that dies mid-way leaves the lease to run out; then another takes it.
const CLAIM = `
  UPDATE recipient_deliveries d
     SET lease_until = $1::timestamptz + make_interval(secs => $3), lease_token = $2
   WHERE d.id = (SELECT id FROM recipient_deliveries
                  WHERE status = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                    AND NOT (id = ANY($4::uuid[]))
                  ORDER BY next_attempt_at, id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED)
  RETURNING d.id, d.recipient_id AS "recipientId", d.address, d.attempts`;

type Outcome = 'sent' | 'failed' | 'given-up' | 'cancelled' | 'transport-down' | 'busy' | 'lost';

/**
 * Mails queued remissbrev: claims one, renders the recipient's letter in the PDF worker pool, sends
 * it with the link to the remiss page, then records the outcome (status, timeline event, audit) in
 * one transaction, provided the lease is still its own. Failures retry with growing delays and are
 * marked failed after MAX_DELIVERY_ATTEMPTS. A mail server that cannot be reached ends the cycle
 * (one attempt charged, the rest untouched); a full PDF queue ends it with nothing charged.
 * Delivery is at least once: a crash between the mail server's acceptance and the record sends
 * that letter again when the lease runs out.
 */
export async function runDeliveryCycle(options: DeliveryCycleOptions): Promise<DeliveryCycleResult> {
  const result: DeliveryCycleResult = { sent: 0, failed: 0, givenUp: 0, cancelled: 0 };
  const now = options.now ?? (() => new Date());
  const tried: string[] = [];
  while (!options.signal?.aborted && tried.length < options.maxPerCycle) {
    const token = randomUUID();
    const [rows]: [Claimed[], number] = await options.dataSource.query(CLAIM, [now(), token, LEASE_SECONDS, tried]);
    const claimed = rows[0];
    if (!claimed) break;
    tried.push(claimed.id);
    const outcome = await deliverOne(claimed, token, options, now);
    if (outcome === 'sent') result.sent++;
    else if (outcome === 'cancelled') result.cancelled++;
    else if (outcome === 'given-up') {
      result.failed++;
      result.givenUp++;
    } else if (outcome === 'failed' || outcome === 'transport-down') result.failed++;
    if (outcome === 'transport-down' || outcome === 'busy') break;
  }
  return result;
}

async function deliverOne(claimed: Claimed, token: string, options: DeliveryCycleOptions, now: () => Date): Promise<Outcome> {
  const manager = options.dataSource.manager;
  const recipient = await manager.findOneByOrFail(Recipient, { id: claimed.recipientId });
  const consultation = await manager.findOneByOrFail(Consultation, { id: recipient.consultationId });
  const context = { recipientId: recipient.id, consultationId: consultation.id, organisationId: recipient.organisationId };
  if (consultation.status === 'cancelled') return finish(options, claimed, token, now(), { status: 'cancelled', event: 'delivery_cancelled', action: 'delivery.cancelled', context });

  let messageId: string;
  try {
    const letter = await loadCoverLetter(manager, consultation, recipient);
    const pdf = await options.renderPdf({ kind: 'cover-letter', model: letter });
    const mail = composeDeliveryMail(letter, options.link(consultation.id));
    messageId = await options.mailer.send({ to: [claimed.address], subject: mail.subject, text: mail.text, attachments: [{ filename: mail.filename, content: pdf, contentType: 'application/pdf' }] });
  } catch (error) {
    if (error instanceof PdfPoolFullError) {
      // The pool is busy with people's requests: give the lease back and come again next round.
      await options.dataSource.query(`UPDATE recipient_deliveries SET lease_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2`, [claimed.id, token]);
      return 'busy';
    }
    const message = redactAddresses(error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const attempts = claimed.attempts + 1;
    if (attempts >= MAX_DELIVERY_ATTEMPTS) {
      options.logger?.warn({ deliveryId: claimed.id, attempts, error: message }, 'remissbrev e-mail given up');
      const outcome = await finish(options, claimed, token, now(), { status: 'failed', event: 'delivery_failed', action: 'delivery.failed', context, error: message });
      return outcome === 'lost' ? 'lost' : 'given-up';
    }
    const next = new Date(now().getTime() + retryDelaySeconds(attempts) * 1000);
    await options.dataSource.query(
      `UPDATE recipient_deliveries SET attempts = $3, last_error = $4, next_attempt_at = $5, lease_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2`,
      [claimed.id, token, attempts, message, next],
    );
    options.logger?.info({ deliveryId: claimed.id, attempts, error: message }, 'remissbrev e-mail not delivered; retrying later');
    return isTransportFailure(error) ? 'transport-down' : 'failed';
  }
  return finish(options, claimed, token, now(), { status: 'sent', event: 'delivery_sent', action: 'delivery.sent', context, messageId });
}

interface Finish {
  status: 'sent' | 'failed' | 'cancelled';
  event: 'delivery_sent' | 'delivery_failed' | 'delivery_cancelled';
  action: string;
  context: { recipientId: string; consultationId: string; organisationId: string };
  messageId?: string;
  error?: string;
}

/** The final state, its timeline event and audit event together, only while the lease is ours. */
async function finish(options: DeliveryCycleOptions, claimed: Claimed, token: string, at: Date, end: Finish): Promise<Outcome> {
  const attempts = end.status === 'cancelled' ? claimed.attempts : claimed.attempts + 1;
  return options.dataSource.transaction(async (manager) => {
    const updated: [unknown[], number] = await manager.query(
      `UPDATE recipient_deliveries
          SET status = $3, attempts = $4, status_at = $5, message_id = $6, last_error = $7, next_attempt_at = NULL, lease_until = NULL, lease_token = NULL
        WHERE id = $1 AND lease_token = $2`,
      [claimed.id, token, end.status, attempts, at, end.messageId ?? null, end.error ?? null],
    );
    if (updated[1] === 0) {
      // Our lease ran out and another worker took the delivery over: it records the outcome.
      options.logger?.warn({ deliveryId: claimed.id }, 'remissbrev delivery lease lost before its outcome was recorded');
      return 'lost';
    }
    const detail = end.status === 'sent' ? { attempts } : end.status === 'failed' ? { attempts, error: end.error ?? null } : null;
    await recordRecipientEvents(manager, [end.context.recipientId], end.event, null, detail);
    await recordAudit(
      manager,
      { actor: null, requestId: options.requestId },
      {
        action: end.action,
        entityType: 'recipient_delivery',
        entityId: claimed.id,
        organisationId: end.context.organisationId,
        // No address: the audit log is kept for ever, and a register address may be a person's.
        after: { recipientId: end.context.recipientId, consultationId: end.context.consultationId, status: end.status, attempts, ...(end.messageId ? { messageId: end.messageId } : {}), ...(end.error ? { error: end.error } : {}) },
      },
    );
    return end.status === 'sent' ? 'sent' : end.status === 'cancelled' ? 'cancelled' : 'given-up';
  });
}
