import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** pino's options for the app: level, redaction and an error serializer that keeps personal data out. */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    // Belt and braces: request logging below never includes these, but a stray log call might.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'], censor: '[redacted]' },
    serializers: { err: safeError },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

/**
 * Properties a database error carries that can hold personal data or secrets: the query text,
 * its bound parameters (e-mail addresses, names, password hashes), PostgreSQL's detail ("Key
 * (email)=(…) already exists") and the driver's own copy of all that.
 */
const UNSAFE_ERROR_KEYS = ['query', 'parameters', 'detail', 'where', 'internalQuery', 'driverError'];

/**
 * An error as operators need it (type, message, stack, SQLSTATE, constraint), without what
 * UNSAFE_ERROR_KEYS names, also in its causes.
 */
export function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const driver = (error as { driverError?: { code?: unknown; constraint?: unknown } }).driverError;
  for (const key of UNSAFE_ERROR_KEYS) delete serialized[key];
  if (driver && typeof driver.code === 'string') serialized.code = driver.code;
  if (driver && typeof driver.constraint === 'string') serialized.constraint = driver.constraint;
  if (error.cause !== undefined) serialized.cause = safeError(error.cause);
  return serialized;
}

/**
 * Request id (the caller's x-request-id when it looks safe, else a new UUID, echoed in the
 * response) and one log line per request with method, path, status and duration: no bodies, no
 * query strings, no headers, so no tokens or personal data reach the log.
 *
 * Written here rather than with pino-http: pino-http builds a serialised child logger for every
 * request even when nothing is logged, which halved the throughput of cheap endpoints in bench:api.
 * The per-request child logger here is created only when a handler actually logs.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ reqId: id })), configurable: true });
    if (!logger.isLevelEnabled('warn')) return next();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger[level](
        { reqId: id, method: req.method, path: req.originalUrl.split('?')[0], status, durationMs: Math.round(durationMs * 10) / 10, aborted: !res.writableFinished || undefined },
        'request completed',
      );
    });
    next();
  };
}
