import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startBackgroundJob, type BackgroundJob } from '../shared/background-job';
import type { DataSource } from 'typeorm';
import type { FileStore } from './file-store';

/**
 * Files nothing refers to: an upload stores its bytes before the transaction that records them,
 * so a crash or a lost database between the two leaves a file without a row, and a delete whose
 * file removal failed after the commit leaves one too. Only files older than `graceMs` are
 * candidates, so an upload still on its way to the commit is never touched.
 */
export async function sweepOrphanedFiles(options: { dataSource: DataSource; store: FileStore; graceMs: number; now?: Date }): Promise<{ checked: number; removed: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.graceMs);
  let checked = 0;
  let removed = 0;
  const settle = async (keys: string[]) => {
    // An import's file waits in the store until the import is accepted or discarded (src/imports).
    const rows: Array<{ storage_key: string }> = await options.dataSource.query(
      'SELECT storage_key FROM attachments WHERE storage_key = ANY($1::text[]) UNION SELECT storage_key FROM statement_imports WHERE storage_key = ANY($1::text[])',
      [keys],
    );
    const referenced = new Set(rows.map((row) => row.storage_key));
    for (const key of keys) {
      if (referenced.has(key)) continue;
      await options.store.delete(key);
      removed++;
    }
    checked += keys.length;
  };
  let batch: string[] = [];
  for await (const key of options.store.keysStoredBefore(cutoff)) {
    batch.push(key);
    if (batch.length === 500) {
      await settle(batch);
      batch = [];
    }
  }
  if (batch.length) await settle(batch);
  return { checked, removed };
}

/**
 * Uploads are spooled to a folder before they are checked and stored; a crash mid-request leaves
 * the spooled copy behind. Removes spooled files older than the grace period; answers how many.
 */
export async function sweepSpool(dir: string, graceMs: number, now = new Date()): Promise<number> {
  const cutoff = now.getTime() - graceMs;
  let removed = 0;
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const name of names) {
    if (!name.endsWith('.upload')) continue;
    const path = join(dir, name);
    const stats = await stat(path).catch(() => null);
    if (!stats || stats.mtimeMs >= cutoff) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

/** A sweep a minute after start, then once a day; a failed sweep is logged and tried again the next day. */
export function startOrphanSweeper(options: { dataSource: DataSource; store: FileStore; spoolDir: string; logger: Logger; graceMs?: number; intervalMs?: number }): BackgroundJob {
  const graceMs = options.graceMs ?? 24 * 3_600_000;
  return startBackgroundJob(
    async () => {
      try {
        const result = { ...(await sweepOrphanedFiles({ dataSource: options.dataSource, store: options.store, graceMs })), spooledRemoved: await sweepSpool(options.spoolDir, graceMs) };
        options.logger[result.removed + result.spooledRemoved > 0 ? 'info' : 'debug'](result, 'orphaned file sweep done');
      } catch (error) {
        options.logger.warn({ err: error }, 'orphaned file sweep failed; the next one retries');
      }
    },
    { firstDelayMs: 60_000, intervalMs: options.intervalMs ?? 24 * 3_600_000 },
  );
}
