import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { publicBase } from '../mail/links';
import { redactAddresses, type Mailer } from '../mail/mailer';
import { startBackgroundJob, type BackgroundJob } from '../shared/background-job';
import { runNotificationCycle } from './notification-worker';

/**
 * Mails the queued "your turn" notifications every NOTIFICATION_INTERVAL_SECONDS. They wait in the
 * database, so a failing cycle (database or mail server down) only delays them to the next one.
 */
export function startNotificationScheduler(options: { dataSource: DataSource; mailer: Mailer; config: Pick<Config, 'publicUrl' | 'port' | 'notificationIntervalSeconds'>; logger: Logger; firstRunDelayMs?: number }): BackgroundJob {
  const { logger } = options;
  return startBackgroundJob(
    async (signal) => {
      try {
        const result = await runNotificationCycle({ dataSource: options.dataSource, mailer: options.mailer, baseUrl: publicBase(options.config), maxPerCycle: 200, signal, logger });
        logger[result.sent + result.failed > 0 ? 'info' : 'debug'](result, 'notification cycle done');
      } catch (error) {
        logger.warn({ error: redactAddresses(error instanceof Error ? error.message : String(error)) }, 'notification cycle failed; the next cycle retries');
      }
    },
    { firstDelayMs: options.firstRunDelayMs ?? 2_000, intervalMs: options.config.notificationIntervalSeconds * 1000 },
  );
}
