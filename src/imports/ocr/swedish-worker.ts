import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { OcrEngineError } from './ocr-errors';

/**
 * One tesseract.js worker (a worker thread running tesseract's WASM build) with the Swedish
 * model from @tesseract.js-data/swe, fully offline:
 * - the core (tesseract.js-core) and the worker script are required from node_modules in Node;
 * - langPath is a folder, not a URL, so the model is read from disk (tesseract.js only fetches
 *   when langPath is a URL or left unset, when it would use a CDN);
 * - cacheMethod 'none': nothing is read from or written to a cache. The cache would only save
 *   the gunzip of the model (about 0.1 s a job), and writing it is not atomic: two jobs starting
 *   together could read a half-written model. cachePath still points to a private temporary
 *   folder so that a future default can never write into the working directory.
 */
export const SWEDISH_MODEL_DIR = path.dirname(require.resolve('@tesseract.js-data/swe/4.0.0/swe.traineddata.gz'));

export interface PageText {
  text: string;
  /** tesseract's mean word confidence for the page, 0-100. */
  confidence: number;
}

export interface SwedishOcrWorker {
  /** OCR of one page image; rejects with signal.reason as soon as the signal fires (the caller then terminates the worker). */
  recognize(imagePath: string, dpi: number, page: number, signal: AbortSignal): Promise<PageText>;
  terminate(): Promise<void>;
}

function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** Starts a worker; tesseract.js cannot cancel its start, so abort only stops waiting for it (and terminates it when it arrives). */
export async function startSwedishWorker(signal: AbortSignal): Promise<SwedishOcrWorker> {
  // A missing model would leave tesseract.js waiting forever instead of rejecting.
  await access(path.join(SWEDISH_MODEL_DIR, 'swe.traineddata.gz')).catch((error: Error) => {
    throw new OcrEngineError(`Swedish model missing: ${error.message}`);
  });
  let engineFailure: string | null = null;
  const starting = createWorker('swe', OEM.LSTM_ONLY, {
    langPath: SWEDISH_MODEL_DIR,
    cachePath: path.join(tmpdir(), 'remiss-tesseract'),
    cacheMethod: 'none',
    gzip: true,
    // Without a handler tesseract.js rethrows a failed job inside its message listener, which would take the whole server down.
    errorHandler: (error: unknown) => { engineFailure = String(error); },
  });
  const aborted = rejectOnAbort(signal);
  let worker: Worker;
  try {
    worker = await Promise.race([starting, aborted.promise]);
  } catch (error) {
    void starting.then((late) => late.terminate(), () => {});
    if (signal.aborted) throw signal.reason;
    throw new OcrEngineError(String(error));
  } finally {
    aborted.dispose();
  }

  // tesseract.js listens to the thread's messages only: an uncaught error in it (a WASM abort,
  // out of memory) is an 'error' event with no listener, which Node turns into a crash of the process.
  let died: (error: Error) => void = () => {};
  const death = new Promise<never>((_, reject) => { died = reject; });
  death.catch(() => {});
  (worker as unknown as { worker: NodeWorker }).worker.on('error', (error) => died(error));

  return {
    async recognize(imagePath, dpi, page, pageSignal) {
      const stop = rejectOnAbort(pageSignal);
      try {
        const work = (async () => {
          await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: String(dpi) });
          // rotateAuto straightens a page scanned a little askew before the lines are read.
          return worker.recognize(imagePath, { rotateAuto: true });
        })();
        // If the race is lost to an abort, a late rejection must not become an unhandled one.
        work.catch(() => {});
        const result = await Promise.race([work, stop.promise, death]);
        return { text: result.data.text, confidence: result.data.confidence };
      } catch (error) {
        if (pageSignal.aborted) throw pageSignal.reason;
        throw new OcrEngineError(engineFailure ?? String(error), page);
      } finally {
        stop.dispose();
      }
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
