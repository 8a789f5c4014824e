import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoredFileMissing, type FileStore, type StoredFile } from './file-store';

/** "3f/3f2a…-uuid": two hex characters fan the files out so no folder grows to millions of entries. */
const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A FileStore in a local folder (created on first write): the single-machine default. */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(content: Readable): Promise<StoredFile> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(key);
    // Written aside and renamed: a crash never leaves a truncated file under a real key.
    const partial = `${target}.partial`;
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await mkdir(dirname(target), { recursive: true, mode: 0o750 });
    try {
      await pipeline(content, meter, createWriteStream(partial, { flags: 'wx', mode: 0o640, flush: true }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    try {
      // Opened before returning, so a missing file surfaces before any response header is sent.
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *keysStoredBefore(cutoff: Date): AsyncIterable<string> {
    const fanOut = await readdir(this.root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []; // nothing stored yet
      throw error;
    });
    for (const folder of fanOut) {
      if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
      for (const name of await readdir(join(this.root, folder.name))) {
        const path = join(this.root, folder.name, name);
        const stats = await stat(path).catch(() => null); // deleted meanwhile
        if (!stats || stats.mtime >= cutoff) continue;
        const key = `${folder.name}/${name}`;
        if (KEY_PATTERN.test(key)) yield key;
        else if (name.endsWith('.partial')) await rm(path, { force: true });
      }
    }
  }

  /** Keys come from our own database, but a key that is not one of ours must never become a path. */
  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('Not a storage key of this file store');
    return join(this.root, key);
  }
}
