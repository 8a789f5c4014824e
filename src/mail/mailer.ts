import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Files sent with the message (a remissbrev as PDF). */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Sends e-mail. Features depend on this, never on nodemailer, so tests and other transports fit. */
export interface Mailer {
  /** 'smtp' or 'outbox' (files), for start-up logs. */
  readonly kind: 'smtp' | 'outbox';
  /** Resolves with the Message-ID once the server (or the outbox folder) has accepted the message. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** Nodemailer's codes for a message the server refused (as opposed to a server we could not reach). */
const MESSAGE_LEVEL_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Whether a send failure says the mail server is unusable right now (connection refused, timeout,
 * TLS, authentication) rather than that this one message failed. Callers stop a batch on the
 * former, so one outage does not use up the retries of every queued message.
 */
export function isTransportFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Connection, TLS, auth and file-system errors all carry a code; an error without one came
  // from this message itself.
  return typeof code === 'string' && !MESSAGE_LEVEL_CODES.has(code);
}

const ADDRESS = /[^\s<>@"'(),;:]+@[^\s<>@"'(),;:]+/g;

/** SMTP errors quote the refused address; logs and API-visible error texts must not carry it. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

/**
 * SMTP when SMTP_URL is set; otherwise (demo, local development) every message becomes an .eml
 * file in MAIL_OUTBOX_DIR, which any mail client opens, so reminders can be inspected without a
 * mail server and nothing leaves the machine.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'mailOutboxDir'>, logger?: Logger): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, logger) : outboxMailer(config.mailOutboxDir, config.mailFrom, logger);
}

function smtpMailer(url: string, from: string, logger?: Logger): Mailer {
  // Reminder delivery runs inside a database transaction that holds the reminder's row lock, and a
  // remissbrev's delivery holds a lease: a mail server that accepts the connection and then stalls
  // must not hold either for nodemailer's default minutes. Settings in the URL's query string (?ignoreTLS=true …) still win.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      logger?.debug({ messageId: info.messageId, recipients: mail.to.length }, 'e-mail sent');
      return info.messageId;
    },
    close: () => transport.close(),
  };
}

function outboxMailer(dir: string, from: string, logger?: Logger): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      // Created on first use (and again if someone cleared it), not at start-up: a process
      // that never sends mail leaves no folder behind.
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, outboxFileName(new Date(), info.messageId));
      // 'wx': never overwrite a message already in the outbox.
      await writeFile(file, info.message as Buffer, { flag: 'wx' });
      logger?.debug({ messageId: info.messageId, file }, 'e-mail written to the outbox folder');
      return info.messageId;
    },
    close: () => transport.close(),
  };
}

/** 20201125T070000123Z-<message id>.eml: sorts by time, and the id is safe as a file name. */
export function outboxFileName(at: Date, messageId: string): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  return `${stamp}-${id}.eml`;
}
