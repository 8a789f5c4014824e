import { isIP } from 'node:net';
import { z } from 'zod';
import type { RequestTimeouts } from './http/request-timeouts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
/**
 * Which X-Forwarded-For hops to believe (Express "trust proxy"). "true" means the one reverse
 * proxy in front (1 hop), not every hop: trusting all would take the client address from the
 * left-most entry, which the client writes itself, and let it dodge the login rate limit.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string => {
    if (['false', '0', 'no'].includes(value)) return false;
    if (['true', 'yes'].includes(value)) return 1;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const valid = (entry: string) => PROXY_PRESETS.has(entry) || isIP(entry.split('/')[0]) !== 0;
    if (entries.every(valid)) return entries.join(', ');
    ctx.addIssue({ code: 'custom', message: 'must be false, true (one proxy), a number of proxies, or proxy addresses/subnets separated by commas' });
    return z.NEVER;
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: postgresUrl.optional(),
    MIGRATION_DATABASE_URL: postgresUrl.optional(),
    DB_POOL_MAX: positiveInt.max(200).default(10),
    EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DEMO: booleanFromEnv.optional(),
    DEMO_PASSWORD: z.string().min(1).optional(),
    SESSION_TTL_MINUTES: positiveInt.max(60 * 24 * 30).default(8 * 60),
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(2),
    COOKIE_SECURE: booleanFromEnv.optional(),
    LOGIN_RATE_LIMIT_MAX: positiveInt.default(10),
    // Per address across usernames: generous, since a whole office may share one address.
    LOGIN_RATE_LIMIT_ADDRESS_MAX: positiveInt.default(100),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(15 * 60),
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
      .default('1mb'),
    // Slow clients (one byte at a time) would otherwise hold a connection for minutes.
    HEADERS_TIMEOUT_MS: positiveInt.max(600_000).default(20_000),
    BODY_TIMEOUT_MS: positiveInt.max(3_600_000).default(30_000),
    UPLOAD_TIMEOUT_MS: positiveInt.max(3_600_000).default(300_000),
    TRUST_PROXY: trustProxy.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    STORAGE_DIR: z.string().min(1).default('.data/files'),
    ATTACHMENT_MAX_BYTES: positiveInt.max(2 * 1024 ** 3).default(25 * 1024 * 1024),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Remisser Stockholms stad <remiss@noreply.stockholm.se>'),
    MAIL_OUTBOX_DIR: z.string().min(1).default('.data/outbox'),
    REMINDER_DAYS_BEFORE: z.coerce.number().int().min(1).max(60).default(5),
    REMINDER_INTERVAL_SECONDS: positiveInt.max(24 * 3600).default(300),
    DELIVERY_INTERVAL_SECONDS: positiveInt.max(3600).default(30),
    NOTIFICATION_INTERVAL_SECONDS: positiveInt.max(3600).default(15),
    PDF_WORKERS: positiveInt.max(64).optional(),
    PDF_QUEUE_PER_WORKER: positiveInt.max(1000).default(4),
    PDF_TIMEOUT_SECONDS: positiveInt.max(3600).default(60),
  })
  .superRefine((env, ctx) => {
    // Embedded mode makes both roles itself; an owner URL without the app's would be ignored.
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['MIGRATION_DATABASE_URL'], message: "needs DATABASE_URL (the app's role) as well" });
    }
    // Secrets have no defaults outside the embedded demo mode: a real database with demo users
    // needs an explicit password, otherwise anyone could log in with "demo".
    if (env.DATABASE_URL && env.DEMO === true && !env.DEMO_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_PASSWORD'],
        message: 'is required when DEMO=true is used with DATABASE_URL',
      });
    }
  });

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl?: string;
  /** The app's role: neither a superuser nor the tables' owner (start-up refuses either). */
  databaseUrl?: string;
  /** The schema owner's role: migrations, privileges and reference data at start, nothing else. */
  migrationDatabaseUrl?: string;
  dbPoolMax: number;
  embedded: { dataDir: string; port: number };
  /** Demo users and demo data are loaded (always in embedded mode, opt-in with DATABASE_URL). */
  demo: boolean;
  demoPassword: string;
  sessionTtlMinutes: number;
  /** How long a process may trust a resolved session before asking the database again (0: never). */
  sessionCacheSeconds: number;
  cookieSecure: boolean;
  /** Failed logins per window: per address and username (`max`), and per address across usernames (`addressMax`). */
  loginRateLimit: { max: number; addressMax: number; windowSeconds: number };
  jsonBodyLimit: string;
  /** How long a client may take to send its request head, a JSON body, and a multipart upload (408 after). */
  requestTimeouts: RequestTimeouts;
  /** Express's trust proxy: false, a hop count, or addresses/subnets. */
  trustProxy: false | number | string;
  logLevel: string;
  shutdownTimeoutMs: number;
  /** Local folder of the file store (attachments). */
  storageDir: string;
  attachmentMaxBytes: number;
  /** SMTP server for e-mail; unset means messages are written as .eml files to mailOutboxDir. */
  smtpUrl?: string;
  mailFrom: string;
  mailOutboxDir: string;
  /** A reminder goes out this many working days before a recipient's effective due date. */
  reminderDaysBefore: number;
  reminderIntervalSeconds: number;
  /** How often a process looks for queued remissbrev e-mails (its own sends wake it at once). */
  deliveryIntervalSeconds: number;
  /** How often queued notifications are mailed (NOTIFICATION_INTERVAL_SECONDS). */
  notificationIntervalSeconds: number;
  /** PDF worker threads; unset: one less than the cores, at least one and at most four. */
  pdfWorkers?: number;
  /** Documents that may wait per PDF worker before requests get 503 with Retry-After. */
  pdfQueuePerWorker: number;
  /** A document or preview still rendering after this long is stopped (503); template checks get at most 15 s. */
  pdfTimeoutSeconds: number;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embeddedMode = !e.DATABASE_URL;
  const demo = e.DEMO ?? embeddedMode;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    embedded: { dataDir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT },
    demo,
    demoPassword: e.DEMO_PASSWORD ?? 'demo',
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    cookieSecure: e.COOKIE_SECURE ?? !embeddedMode,
    loginRateLimit: { max: e.LOGIN_RATE_LIMIT_MAX, addressMax: e.LOGIN_RATE_LIMIT_ADDRESS_MAX, windowSeconds: e.LOGIN_RATE_LIMIT_WINDOW_SECONDS },
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    requestTimeouts: { headersMs: e.HEADERS_TIMEOUT_MS, bodyMs: e.BODY_TIMEOUT_MS, uploadMs: e.UPLOAD_TIMEOUT_MS },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    storageDir: e.STORAGE_DIR,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailOutboxDir: e.MAIL_OUTBOX_DIR,
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS,
    deliveryIntervalSeconds: e.DELIVERY_INTERVAL_SECONDS,
    notificationIntervalSeconds: e.NOTIFICATION_INTERVAL_SECONDS,
    pdfWorkers: e.PDF_WORKERS,
    pdfQueuePerWorker: e.PDF_QUEUE_PER_WORKER,
    pdfTimeoutSeconds: e.PDF_TIMEOUT_SECONDS,
  };
}

/** docker-compose and shells often pass VAR= for "unset"; treat empty strings as absent. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
