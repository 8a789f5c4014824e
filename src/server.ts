import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createDataSource } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { assertAppRoleIsUnprivileged, currentRole } from './db/database-roles';
import { prepareDatabase, prepareDatabaseAsApp } from './db/prepare-database';
import { DEMO_USERS } from './demo/demo-users';
import { createLogger } from './http/logging';
import { createHttpServer } from './http/request-timeouts';
import { createMailer, type Mailer } from './mail/mailer';
import { startReminderScheduler } from './reminders/reminder-scheduler';
import { startDeliveryScheduler } from './deliveries/delivery-scheduler';
import { startNotificationScheduler } from './notifications/notification-scheduler';
import { startOcrScheduler } from './imports/import-ocr-job';
import { createFileStore, uploadSpoolDir } from './storage/create-file-store';
import { startOrphanSweeper } from './storage/orphan-sweeper';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A bug in one request must never take the service down; log it and carry on.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    logger.info('No DATABASE_URL: starting embedded PostgreSQL in %s', config.embedded.dataDir);
    embedded = await startEmbeddedPostgres({ dataDir: config.embedded.dataDir, port: config.embedded.port });
  }
  const dataSource = await openDatabase(config, embedded);
  logger.info(await prepareAsOwner(config, dataSource, embedded?.ownerUrl), 'database ready');

  const { app, close: closeApp, renderer, deliveries: deliveryNotifier } = createApp({ config, dataSource, logger });
  const server = createHttpServer(app, config.requestTimeouts).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  printWelcome(config, server);
  const mailer = createMailer(config, logger);
  // Not the SMTP URL itself: it may carry the mail server's password.
  if (mailer.kind === 'smtp') logger.info('e-mail goes out through SMTP');
  else logger.info('no SMTP_URL: e-mail is written as .eml files to %s', config.mailOutboxDir);
  const reminders = startReminderScheduler({ dataSource, mailer, config, logger });
  const deliveries = startDeliveryScheduler({ dataSource, mailer, renderPdf: (document) => renderer.renderPdf(document), config, logger, notifier: deliveryNotifier });
  const notifications = startNotificationScheduler({ dataSource, mailer, config, logger });
  const store = createFileStore(config);
  const orphans = startOrphanSweeper({ dataSource, store, spoolDir: uploadSpoolDir(config), logger });
  const ocr = startOcrScheduler({ dataSource, store, intervalSeconds: 5, logger });
  installShutdown({ server, dataSource, embedded, logger, background: [reminders, deliveries, notifications, orphans, ocr], mailer, closeApp, timeoutMs: config.shutdownTimeoutMs });
}

/** The app's pool, as a role that is neither a superuser nor the tables' owner (refused otherwise). */
async function openDatabase(config: Config, embedded?: EmbeddedDatabase): Promise<DataSource> {
  const dataSource = await createDataSource({ url: config.databaseUrl ?? embedded!.url, poolMax: config.dbPoolMax }).initialize();
  try {
    await assertAppRoleIsUnprivileged(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Migrations, the app role's privileges and reference data, through a short-lived pool as the
 * owner; without an owner URL only the reference data, as the app (the schema must be current).
 */
async function prepareAsOwner(config: Config, app: DataSource, ownerUrl = config.migrationDatabaseUrl) {
  const demoPassword = config.demo ? config.demoPassword : undefined;
  if (!ownerUrl) return prepareDatabaseAsApp(app, { demoPassword });
  const owner = await createDataSource({ url: ownerUrl, poolMax: 2, applicationName: 'remiss-migrate' }).initialize();
  try {
    return await prepareDatabase(owner, { demoPassword, appRole: await currentRole(app) });
  } finally {
    await owner.destroy();
  }
}

function printWelcome(config: Config, server: Server): void {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [`remiss is listening on ${url}  (API docs: ${url}/docs)`];
  if (config.demo) {
    lines.push(`Demo logins (password: ${config.databaseUrl ? 'the DEMO_PASSWORD you set' : `"${config.demoPassword}"`}):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.username.padEnd(30)} ${user.roles.join(', ')}`);
    lines.push(`Try: curl -s ${url}/api/auth/login -H 'content-type: application/json' -d '{"username":"admin","password":"..."}'`);
  }
  console.log(lines.join('\n'));
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests, the reminder and delivery cycles and a file sweep finish, close the database, exit 0. */
function installShutdown(deps: {
  server: Server;
  dataSource: DataSource;
  embedded?: EmbeddedDatabase;
  logger: Logger;
  /** The reminder scheduler, the remissbrev delivery and the orphan sweeper. */
  background: Array<{ stop(): Promise<void> }>;
  mailer: Mailer;
  closeApp: () => Promise<void>;
  timeoutMs: number;
}): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('%s received: draining requests', signal);
    // Stopped first, awaited before the pool closes: a cycle mid-way finishes its current message.
    const backgroundStopped = Promise.all(deps.background.map((job) => job.stop()));
    const force = setTimeout(() => deps.server.closeAllConnections(), deps.timeoutMs);
    force.unref();
    // Keep-alive connections turn idle as their last response goes out; close them as they do,
    // so draining takes as long as the slowest in-flight request, not the keep-alive timeout.
    const sweep = setInterval(() => deps.server.closeIdleConnections(), 100);
    await new Promise<void>((resolve) => {
      deps.server.close(() => resolve());
      deps.server.closeIdleConnections();
    });
    clearInterval(sweep);
    clearTimeout(force);
    await backgroundStopped;
    await deps.closeApp().catch((error) => deps.logger.warn({ err: error }, 'stopping the PDF workers failed'));
    deps.mailer.close();
    await deps.dataSource.destroy().catch((error) => deps.logger.warn({ err: error }, 'closing the database pool failed'));
    if (deps.embedded) await deps.embedded.stop().catch((error) => deps.logger.warn({ err: error }, 'stopping embedded PostgreSQL failed'));
    deps.logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('remiss failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
