export interface BackgroundJob {
  /** Stops scheduling and resolves once a run in progress has finished (it sees the signal abort). */
  stop(): Promise<void>;
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
  const schedule = (delayMs: number) => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = run(abort.signal).finally(() => {
        running = undefined;
        schedule(timing.intervalMs);
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
  };
}
