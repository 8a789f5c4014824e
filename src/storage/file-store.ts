import type { Readable } from 'node:stream';

export interface StoredFile {
  /** Server-generated, opaque; never derived from anything the client sent. */
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where file bytes live. The database holds the metadata and the key; the bytes sit behind this
 * seam so a scaled-out deployment (DESIGN §6) can swap the local folder for S3-compatible object
 * storage without touching the features: put maps to a streamed multipart upload hashing on the
 * way, get to GetObject's body, delete to DeleteObject. Keys are valid object names as they are.
 */
export interface FileStore {
  /** Streams the content in under a new key; resolves once it is durable. */
  put(content: Readable): Promise<StoredFile>;
  /** Opens the content; rejects with StoredFileMissing for an unknown key. */
  get(key: string): Promise<Readable>;
  /** Removes the content; an unknown key is not an error, so cleanups can be repeated. */
  delete(key: string): Promise<void>;
  /**
   * Every key stored before `cutoff` (ListObjectsV2 with LastModified on an object store), for the
   * orphan sweep. Writes abandoned before `cutoff` (a crash mid-upload) are discarded on the way.
   */
  keysStoredBefore(cutoff: Date): AsyncIterable<string>;
}

export class StoredFileMissing extends Error {
  constructor(key: string) {
    super(`No stored file under key ${key}`);
    this.name = 'StoredFileMissing';
  }
}
