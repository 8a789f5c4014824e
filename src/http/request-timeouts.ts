import { createServer, type Server } from 'node:http';
import type { Express, RequestHandler } from 'express';
import { sendProblem } from './error-handler';
import { HttpProblem } from './problem';

export interface RequestTimeouts {
  /** The request line and headers. */
  headersMs: number;
  /** A JSON (or any non-multipart) body. */
  bodyMs: number;
  /** A multipart/form-data upload, which may rightly be large. */
  uploadMs: number;
}

/**
 * The HTTP server with Node's own limits: the head must arrive within headersMs, and the whole
 * request within the longest body limit (a backstop behind bodyTimeout). Node answers 408 itself
 * when nothing was sent yet. Its timers are only looked at every connectionsCheckingInterval
 * (30 s by default), so that interval follows the limits.
 */
export function createHttpServer(app: Express, timeouts: RequestTimeouts): Server {
  const headersTimeout = timeouts.headersMs;
  return createServer(
    {
      headersTimeout,
      requestTimeout: headersTimeout + Math.max(timeouts.bodyMs, timeouts.uploadMs) + 1_000,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    app,
  );
}

/**
 * A body that does not arrive in time (a client dribbling one byte at a time) is answered 408
 * problem+json and the connection closed, whether or not a parser is reading it; when an answer
 * has already gone out, the connection is just closed.
 */
export function bodyTimeout(timeouts: RequestTimeouts): RequestHandler {
  return (req, res, next) => {
    const announcesBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!announcesBody || req.complete) return next();
    const upload = Boolean(req.is('multipart/form-data'));
    const limitMs = upload ? timeouts.uploadMs : timeouts.bodyMs;
    const timer = setTimeout(() => {
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      const what = upload ? 'upload' : 'request body';
      sendProblem(req, res, new HttpProblem(408, `The ${what} did not arrive within ${limitMs / 1000} s.`, { headers: { Connection: 'close' } }));
    }, limitMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    req.once('end', stop).once('close', stop);
    next();
  };
}
