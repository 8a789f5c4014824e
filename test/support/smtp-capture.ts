import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  attachments: ReceivedAttachment[];
}

export interface SmtpCapture {
  port: number;
  messages: ReceivedMail[];
  /** Messages the server refused (with refuseData). */
  refused: number;
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** Refuse every message after its data, with this SMTP reply (e.g. 554: the server will not take it). */
  refuseData?: { code: number; message: string };
}

/** A real SMTP server on loopback (any sender, no auth, no TLS) that keeps every message it accepts. */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: ReceivedMail[] = [];
  const capture = { refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.refuseData) {
          capture.refused++;
          return callback(Object.assign(new Error(options.refuseData.message), { responseCode: options.refuseData.code }));
        }
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address).sort(), ...parseMail(Buffer.concat(chunks).toString('latin1')) });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    get refused() {
      return capture.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
const unQp = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function splitHead(raw: string): { header: (name: string) => string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  return { header: (name) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '', body: raw.slice(split + 4) };
}

/** RFC 2047 encoded words (Subject, and file names as nodemailer may write them). */
function decodeWords(value: string): string {
  return utf8(
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
        encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('latin1') : unQp(data.replace(/_/g, ' ')),
      ),
  );
}

function decodeBody(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(encoding === 'quoted-printable' ? unQp(body) : body, 'latin1');
}

/** A parameter of a header (filename="…", filename*=utf-8''…, split as filename*0*=… per RFC 2231). */
function headerParameter(value: string, name: string): string | null {
  const plain = new RegExp(`${name}="([^"]*)"`, 'i').exec(value);
  if (plain) return decodeWords(plain[1]);
  const pieces = [...value.matchAll(new RegExp(`${name}\\*(?:(\\d+)\\*?)?=("?)([^";]*)\\2`, 'gi'))];
  if (!pieces.length) return null;
  const joined = pieces
    .sort((a, b) => Number(a[1] ?? 0) - Number(b[1] ?? 0))
    .map((m) => m[3])
    .join('')
    .replace(/^utf-8''/i, '');
  return decodeURIComponent(joined);
}

/**
 * Just enough MIME for nodemailer's messages: a single text part, or multipart/mixed of a text
 * part and attachments; encoded words, quoted-printable, base64.
 */
export function parseMail(raw: string): { subject: string; text: string; attachments: ReceivedAttachment[] } {
  const { header, body } = splitHead(raw);
  const subject = decodeWords(header('Subject'));
  const boundary = /boundary="?([^";]+)"?/i.exec(header('Content-Type'))?.[1];
  if (!boundary) return { subject, text: partText(body, header('Content-Transfer-Encoding').toLowerCase()), attachments: [] };
  let text = '';
  const attachments: ReceivedAttachment[] = [];
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const { header: partHeader, body: partBody } = splitHead(part.replace(/^\r\n/, ''));
    const encoding = partHeader('Content-Transfer-Encoding').toLowerCase();
    const disposition = partHeader('Content-Disposition');
    const contentType = partHeader('Content-Type');
    const filename = headerParameter(disposition, 'filename') ?? headerParameter(contentType, 'name');
    if (filename) attachments.push({ filename, contentType: contentType.split(';')[0].trim(), content: decodeBody(partBody.replace(/\r\n$/, ''), encoding) });
    else if (contentType.startsWith('text/plain')) text = partText(partBody.replace(/\r\n$/, ''), encoding);
  }
  return { subject, text, attachments };
}

function partText(body: string, encoding: string): string {
  const text = encoding === 'quoted-printable' ? utf8(unQp(body)) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : utf8(body);
  return text.replace(/\r\n/g, '\n').trimEnd();
}
