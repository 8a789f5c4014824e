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

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Belt and braces: request logging below never includes these, but a stray log call might.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'], censor: '[redacted]' },
  });
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
