import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { DocumentSpec } from '../documents/document-model';
import { remissPageLink } from '../mail/links';
import { redactAddresses, type Mailer } from '../mail/mailer';
import { startBackgroundJob, type BackgroundJob } from '../shared/background-job';
import type { DeliveryNotifier } from './delivery-queue';
import { runDeliveryCycle } from './delivery-worker';

export interface DeliverySchedulerOptions {
  dataSource: DataSource;
  mailer: Mailer;
  renderPdf: (document: DocumentSpec) => Promise<Buffer>;
  config: Pick<Config, 'publicUrl' | 'port' | 'deliveryIntervalSeconds'>;
  logger: Logger;
  /** Letters queued by this process wake the worker at once. */
  notifier?: DeliveryNotifier;
  firstRunDelayMs?: number;
}

/**
 * Mails queued remissbrev every DELIVERY_INTERVAL_SECONDS, and at once when this process has just
 * sent a remiss. A failing cycle (database or mail server down) is logged and the next one tries
 * again: the letters wait in the database, not in memory. stop() lets the letter in hand finish.
 */
export function startDeliveryScheduler(options: DeliverySchedulerOptions): BackgroundJob {
  const { logger } = options;
  const job = startBackgroundJob(
    async (signal) => {
      try {
        const result = await runDeliveryCycle({
          dataSource: options.dataSource,
          mailer: options.mailer,
          renderPdf: options.renderPdf,
          link: (id) => remissPageLink(options.config, id),
          requestId: `delivery:${new Date().toISOString()}`,
          maxPerCycle: 500,
          signal,
          logger,
        });
        const busy = result.sent + result.failed + result.cancelled > 0;
        logger[busy ? 'info' : 'debug'](result, 'remissbrev delivery cycle done');
      } catch (error) {
        logger.warn({ error: redactAddresses(error instanceof Error ? error.message : String(error)) }, 'remissbrev delivery cycle failed; the next cycle retries');
      }
    },
    { firstDelayMs: options.firstRunDelayMs ?? 3_000, intervalMs: options.config.deliveryIntervalSeconds * 1000 },
  );
  const unsubscribe = options.notifier?.subscribe(() => job.wake());
  return {
    wake: () => job.wake(),
    async stop() {
      unsubscribe?.();
      await job.stop();
    },
  };
}
