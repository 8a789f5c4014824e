import type { Logger } from 'pino';
import { startBackgroundJob, type BackgroundJob } from '../shared/background-job';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { redactAddresses, type Mailer } from '../mail/mailer';
import { todayInStockholm } from '../shared/dates';
import { deliverReminders } from './reminder-delivery';
import { remissPageLink } from '../mail/links';
import { planReminders } from './reminder-planner';

export type ReminderConfig = Pick<Config, 'reminderDaysBefore' | 'publicUrl' | 'port'>;

export interface ReminderCycleOptions {
  dataSource: DataSource;
  mailer: Mailer;
  config: ReminderConfig;
  /** Stockholm's date (YYYY-MM-DD) the cycle acts on; tests pass a fixed day. */
  today?: string;
  logger?: Logger;
  /** Ends delivery after the message in flight (shutdown). */
  signal?: AbortSignal;
  batchSize?: number;
  maxPerCycle?: number;
}

export interface ReminderCycleResult {
  today: string;
  /** Reminders newly owed (queued) in this cycle. */
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}

/**
 * One pass: queue what is owed today (one set-based statement), then deliver what is pending,
 * including what earlier cycles or other processes queued and could not send. Safe to run any
 * number of times and in any number of processes at once.
 */
export async function runReminderCycle(options: ReminderCycleOptions): Promise<ReminderCycleResult> {
  const today = options.today ?? todayInStockholm();
  const queued = await planReminders(options.dataSource, today, options.config.reminderDaysBefore);
  const delivered = await deliverReminders({
    dataSource: options.dataSource,
    mailer: options.mailer,
    today,
    link: (id) => remissPageLink(options.config, id),
    requestId: `scheduler:${new Date().toISOString()}`,
    batchSize: options.batchSize ?? 20,
    maxPerCycle: options.maxPerCycle ?? 2_000,
    signal: options.signal,
    logger: options.logger,
  });
  return { today, queued, ...delivered };
}

export interface ReminderSchedulerOptions extends Omit<ReminderCycleOptions, 'today' | 'signal' | 'logger'> {
  config: ReminderConfig & Pick<Config, 'reminderIntervalSeconds'>;
  logger: Logger;
  /** Delay before the first cycle, so start-up (and its health checks) comes first. */
  firstRunDelayMs?: number;
}

/**
 * Runs a cycle every REMINDER_INTERVAL_SECONDS. The next cycle is scheduled only when the previous
 * one has ended, so cycles never overlap in one process; a failing cycle (database or mail server
 * down) is logged and the next one tries again: reminders are queued in the database, not lost.
 * stop() lets a cycle in progress finish its current message.
 */
export function startReminderScheduler(options: ReminderSchedulerOptions): BackgroundJob {
  const { logger } = options;
  return startBackgroundJob(
    async (signal) => {
      try {
        const result = await runReminderCycle({ ...options, signal });
        const busy = result.queued + result.sent + result.failed + result.skipped > 0;
        logger[busy ? 'info' : 'debug'](result, 'reminder cycle done');
      } catch (error) {
        logger.warn({ error: describeError(error) }, 'reminder cycle failed; the next cycle retries');
      }
    },
    { firstDelayMs: options.firstRunDelayMs ?? 5_000, intervalMs: options.config.reminderIntervalSeconds * 1000 },
  );
}

/** Message and code only: a driver error object can carry query parameters (e-mail addresses). */
function describeError(error: unknown): { message: string; code?: string } {
  const message = redactAddresses(error instanceof Error ? error.message : String(error));
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { message, code } : { message };
}
