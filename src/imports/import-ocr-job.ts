import { buffer } from 'node:stream/consumers';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { FileStore } from '../storage/file-store';
import { startBackgroundJob, type BackgroundJob } from '../shared/background-job';
import { ImportFileError } from './file-text';
import { analyseOffThread, ImportBusyError } from './import-threads';
import { OcrError, ocrPdf } from './ocr';
import { loadImportContext } from './import-context';

const LEASE_SECONDS = 10 * 60;
const MAX_OCR_ATTEMPTS = 3;

// One scan at a time per process under a lease, SKIP LOCKED: several processes share the queue, and a
// process that dies mid-OCR leaves its lease to run out, after which another takes the scan up again.
const CLAIM = `
  UPDATE statement_imports SET status = 'ocr_running', lease_until = $1::timestamptz + make_interval(secs => $2), attempts = attempts + 1, pages_done = 0, updated_at = now()
   WHERE id = (SELECT id FROM statement_imports
                WHERE (status = 'ocr_queued' OR (status = 'ocr_running' AND lease_until < $1))
                ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id, storage_key AS "storageKey", attempts`;

interface Claimed {
  id: string;
  storageKey: string | null;
  attempts: number;
}

export interface OcrCycleOptions {
  dataSource: DataSource;
  store: FileStore;
  signal?: AbortSignal;
  logger?: Pick<Logger, 'info' | 'warn'>;
  now?: () => Date;
}

/** Reads queued scans until none is left: OCR, then the same analysis a text file gets. Answers how many were done. */
export async function runOcrCycle(options: OcrCycleOptions): Promise<{ done: number; failed: number }> {
  const result = { done: 0, failed: 0 };
  const now = options.now ?? (() => new Date());
  while (!options.signal?.aborted) {
    const [rows] = (await options.dataSource.query(CLAIM, [now(), LEASE_SECONDS])) as [Claimed[], number];
    const claimed = rows?.[0];
    if (!claimed) break;
    const finish = (fields: string, params: unknown[]) =>
      // Only while the lease is ours: a discarded import stays discarded.
      options.dataSource.query(`UPDATE statement_imports SET ${fields}, lease_until = NULL, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'ocr_running'`, [claimed.id, ...params]);
    try {
      if (!claimed.storageKey) throw new Error('The scan is no longer stored');
      const pdf = await buffer(await options.store.get(claimed.storageKey));
      const ocr = await ocrPdf(pdf, {
        signal: options.signal,
        onProgress: async ({ pagesDone, pages }) => {
          await options.dataSource.query(`UPDATE statement_imports SET pages_done = $2, pages_total = $3, updated_at = now() WHERE id = $1 AND status = 'ocr_running'`, [claimed.id, pagesDone, pages]);
        },
      });
      const analysis = await analyseOffThread({ source: { text: ocr.text, format: 'pdf', cued: false }, context: await loadImportContext(options.dataSource.manager) }, options.signal);
      await finish(`status = 'ready', source_text = $2, repairs = $3::jsonb, damaged = $4, proposal = $5::jsonb, pages_total = $6, pages_done = $6, error = NULL`, [
        ocr.text,
        JSON.stringify(analysis.repairs),
        analysis.damaged,
        JSON.stringify(analysis.proposal),
        ocr.pages,
      ]);
      result.done++;
    } catch (error) {
      if (options.signal?.aborted || error instanceof ImportBusyError) {
        // Stopping, or the import thread busy with uploads: the scan goes back to the queue, the attempt not counted.
        await options.dataSource.query(`UPDATE statement_imports SET status = 'ocr_queued', lease_until = NULL, attempts = attempts - 1 WHERE id = $1 AND status = 'ocr_running'`, [claimed.id]);
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      // The file's own fault (too many pages, too slow, unreadable) will not mend on a retry; the engine's may.
      const userFacing = (error instanceof OcrError && error.code !== 'engine-failed') || error instanceof ImportFileError;
      const final = userFacing || claimed.attempts >= MAX_OCR_ATTEMPTS;
      options.logger?.warn({ importId: claimed.id, attempts: claimed.attempts, error: message }, 'OCR of an imported scan failed');
      if (final) await finish(`status = 'failed', error = $2`, [userFacing ? message.slice(0, 1000) : 'Filen kunde inte läsas med textigenkänning (OCR). Försök igen senare eller med en tydligare skanning.']);
      else await finish(`status = 'ocr_queued'`, []);
      result.failed++;
    }
  }
  return result;
}

/** Runs the OCR queue every `intervalSeconds` (a queued scan waits at most that long to begin). */
export function startOcrScheduler(options: Omit<OcrCycleOptions, 'signal'> & { intervalSeconds: number; logger: Logger }): BackgroundJob {
  return startBackgroundJob(
    async (signal) => {
      try {
        const result = await runOcrCycle({ ...options, signal });
        if (result.done + result.failed > 0) options.logger.info(result, 'OCR cycle done');
      } catch (error) {
        options.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'OCR cycle failed; the next cycle retries');
      }
    },
    { firstDelayMs: 3_000, intervalMs: options.intervalSeconds * 1000 },
  );
}
