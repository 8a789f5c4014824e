export interface BackgroundJob {
  /** Stops scheduling and resolves once a run in progress has finished (it sees the signal abort). */
  stop(): Promise<void>;
  /** Runs now instead of at the next interval; during a run, once more right after it. */
  wake(): void;
}

/**
 * Runs `run` after `firstDelayMs`, then `intervalMs` after each run has ended, so runs never
 * overlap in one process. `run` handles its own failures (log, try again next time). The timer
 * is unref'd: the HTTP server keeps the process alive, a pending job alone must not.
 */
export function startBackgroundJob(run: (signal: AbortSignal) => Promise<void>, timing: { firstDelayMs: number; intervalMs: number }): BackgroundJob {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wokenWhileRunning = false;
  const schedule = (delayMs: number) => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = run(abort.signal).finally(() => {
        running = undefined;
        const again = wokenWhileRunning;
        wokenWhileRunning = false;
        schedule(again ? 0 : timing.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(timing.firstDelayMs);
  return {
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
    wake() {
      if (abort.signal.aborted) return;
      // What woke it may have been written after the running pass read the queue.
      if (running) wokenWhileRunning = true;
      else if (timer) {
        clearTimeout(timer);
        schedule(0);
      }
    },
  };
}
