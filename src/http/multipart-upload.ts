import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { z } from 'zod';
import { badRequest, HttpProblem } from './problem';
import { invalidFields, NUL_MESSAGE, nulFieldErrors, toFieldErrors } from './validation';

/** Declares a multipart/form-data route: one file part plus optional text parts. */
export interface UploadSpec {
  /** Name of the file part. */
  file: string;
  /** The text parts (strict: unknown parts are refused). */
  fields?: z.ZodObject;
  /** Largest accepted file in bytes. */
  maxBytes: number;
}

/** A received file, quarantined on local disk until the feature has checked and stored it. */
export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
  /** As the client sent them: untrusted, for display and type expectations only. */
  originalName: string;
  declaredType: string;
}

export interface ReceivedUpload<F> {
  file: SpooledFile;
  fields: F;
  /** Removes the quarantined file; safe to call more than once. */
  discard(): Promise<void>;
}

/**
 * Room for what a form adds around the file: boundaries, part headers, a long file name and the
 * text fields. A Content-Length beyond maxBytes plus this cannot hold an acceptable file.
 */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_FIELD_BYTES = 8 * 1024;

/** Runs before the handler: cheap refusals that need no byte of the body. */
export function guardUpload(spec: UploadSpec): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('multipart/form-data')) {
      throw new HttpProblem(415, `Send the file as multipart/form-data, in the part "${spec.file}".`);
    }
    const announced = Number(req.get('content-length'));
    if (announced > spec.maxBytes + FORM_OVERHEAD_BYTES) {
      // Close rather than drain: whatever is still on the way is discarded unread.
      throw new HttpProblem(413, tooLarge(spec.maxBytes), { headers: { Connection: 'close' } });
    }
    next();
  };
}

export function uploadRequestSchema(spec: UploadSpec): z.ZodObject {
  return z.object({
    [spec.file]: z.string().openapi({ format: 'binary', description: `The file, at most ${spec.maxBytes} bytes.` }),
    ...spec.fields?.shape,
  });
}

/**
 * Reads the multipart body: the file streams to spoolDir (never into memory) while its size and
 * sha-256 are counted, and multer aborts mid-stream once it passes spec.maxBytes (413; the partial
 * file is removed). Text parts are validated against spec.fields (400).
 */
export async function receiveUpload<F extends z.ZodObject>(
  req: Request,
  res: Response,
  spec: UploadSpec & { fields: F },
  spoolDir: string,
): Promise<ReceivedUpload<z.infer<F>>> {
  const storage = new SpoolStorage(spoolDir);
  const parse = multer({
    storage,
    // Browsers send file names as raw UTF-8; busboy's default (latin1) would garble "å".
    defParamCharset: 'utf8',
    limits: { fileSize: spec.maxBytes, files: 1, fields: 10, parts: 11, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 100, headerPairs: 20 },
  }).single(spec.file);
  try {
    await new Promise<void>((resolve, reject) => parse(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
  } catch (error) {
    // multer may answer while a spool write is still unwinding; the error goes out once nothing is left on disk.
    await storage.removeAll();
    throw toProblem(error, spec);
  }
  const file = req.file as (Express.Multer.File & Omit<SpooledFile, 'originalName' | 'declaredType'>) | undefined;
  const discard = () => (file ? rm(file.path, { force: true }) : Promise.resolve());
  // The same NUL rule as every other text input (the route layer cannot see parts before this).
  const nul = nulFieldErrors('body', req.body ?? {});
  if (file?.originalname.includes('\u0000')) nul.push({ path: `body.${spec.file}`, message: `has a file name that ${NUL_MESSAGE}` });
  const fields = spec.fields.safeParse(req.body ?? {});
  if (!file || nul.length || !fields.success) {
    await discard();
    const errors = nul.length ? nul : [...(file ? [] : [{ path: `body.${spec.file}`, message: 'is required' }]), ...(fields.success ? [] : toFieldErrors('body', fields.error))];
    throw invalidFields(errors);
  }
  return {
    file: { path: file.path, size: file.size, sha256: file.sha256, originalName: file.originalname, declaredType: file.mimetype },
    fields: fields.data,
    discard,
  };
}

const tooLarge = (maxBytes: number) => `The file is larger than the limit of ${maxBytes} bytes.`;

function toProblem(error: unknown, spec: UploadSpec): unknown {
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return new HttpProblem(413, tooLarge(spec.maxBytes));
    const path = error.field ? `body.${error.field}` : 'body';
    const message = error.code === 'LIMIT_UNEXPECTED_FILE' ? `is not expected: send one file, in "${spec.file}"` : error.message.toLowerCase();
    return badRequest('The form could not be accepted.', [{ path, message }]);
  }
  // System errors (disk full, permissions) are ours; anything else comes from parsing the client's body.
  if (error instanceof Error && /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code ?? ''))) return error;
  return new HttpProblem(400, 'The multipart body is malformed or incomplete.', { slug: 'malformed-multipart' });
}

/** A multer storage engine that writes to a quarantine folder, counting size and sha-256 on the way. */
class SpoolStorage implements StorageEngine {
  private readonly writes = new Set<Promise<unknown>>();
  private readonly paths = new Set<string>();

  constructor(private readonly dir: string) {}

  _handleFile(_req: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<Express.Multer.File>) => void): void {
    const write = this.spool(file.stream);
    this.writes.add(write);
    write.then(
      (info) => callback(null, info),
      (error: unknown) => callback(error),
    );
  }

  /** After a failed parse: waits for writes still in flight, then removes everything this request spooled. */
  async removeAll(): Promise<void> {
    await Promise.allSettled(this.writes);
    await Promise.all([...this.paths].map((path) => rm(path, { force: true })));
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    rm(file.path, { force: true }).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  private async spool(stream: Readable): Promise<{ path: string; size: number; sha256: string }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${randomUUID()}.upload`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    this.paths.add(path);
    // Opened before piping, so the file exists by the time any cleanup looks for it.
    const handle = await open(path, 'wx', 0o600);
    try {
      await pipeline(stream, meter, handle.createWriteStream());
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, size, sha256: hash.digest('hex') };
  }
}
