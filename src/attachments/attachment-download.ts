import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { contentDisposition } from '../http/content-disposition';
import type { Attachment } from './attachment.entity';
import { FILE_KINDS } from './file-type-check';

/** What a download may be: the types an upload is accepted as. */
export const ATTACHMENT_TYPES = Object.values(FILE_KINDS).map((kind) => kind.contentType.split(';')[0]);

/**
 * Streams a stored file so that no browser ever renders it in our origin: always a download
 * (Content-Disposition with an ASCII fallback and the UTF-8 name as filename*), the type we
 * detected, nosniff, and a CSP that sandboxes it should it be opened anyway.
 * The content never changes under an id, so its SHA-256 is a strong ETag; Repr-Digest (RFC 9530)
 * lets a client verify what it received.
 */
export async function sendAttachment(req: Request, res: Response, attachment: Attachment, content: Readable): Promise<void> {
  res.set({
    'Content-Disposition': contentDisposition(attachment.fileName),
    'Content-Type': attachment.contentType,
    'Content-Length': attachment.sizeBytes,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
    ETag: `"${attachment.sha256}"`,
    'Repr-Digest': `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
  });
  if (req.fresh) {
    content.destroy();
    res.removeHeader('Content-Length');
    res.status(304).end();
    return;
  }
  res.status(200);
  try {
    await pipeline(content, res);
  } catch (error) {
    // A client that goes away mid-download is not an error of ours.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' && res.destroyed) return;
    throw error;
  }
}
