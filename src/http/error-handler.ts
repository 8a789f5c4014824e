import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isDatabaseUnavailable, sqlState, uniqueViolation } from './database-errors';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemBody, unavailable } from './problem';

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.options.headers ?? {})) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toBody(req.originalUrl, String(req.id))));
}

/** Errors raised by express.json() carry a `type`; translate them to the contract's statuses. */
function fromBodyParser(error: { type?: unknown; status?: unknown; limit?: unknown }): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'The request body is not valid JSON.', { slug: 'malformed-json', title: 'Malformed JSON' });
    case 'entity.too.large':
      return new HttpProblem(413, `The request body is larger than the limit of ${String(error.limit)} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'Send the body as UTF-8 encoded application/json.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpProblem(400, 'The request body was incomplete.');
    default:
      return fromHttpError(error);
  }
}

/** Express and its parsers flag client errors with a 4xx `status` (e.g. a bad %-encoding in the path). */
function fromHttpError(error: { status?: unknown }): HttpProblem | undefined {
  const status = error?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const detail = error instanceof URIError ? 'The URL is not correctly percent-encoded.' : 'The request could not be understood.';
  return new HttpProblem(status, detail);
}

function fromDatabase(error: unknown): HttpProblem | undefined {
  if (isDatabaseUnavailable(error)) return unavailable();
  switch (sqlState(error)) {
    case '23505': {
      const known = uniqueViolation(error);
      return new HttpProblem(409, known?.detail ?? 'A record with the same unique value already exists.', { slug: known?.slug ?? 'duplicate' });
    }
    case '23503':
      return new HttpProblem(409, 'The change refers to, or removes, a record that other records depend on.', { slug: 'in-use' });
    case '22P02':
    case '22001': // string_data_right_truncation: longer than its column allows
    case '22007':
    case '22008':
    case '22003':
      return new HttpProblem(400, 'A value has the wrong format or is out of range.');
    case '40001':
    case '40P01':
      return new HttpProblem(409, 'The change collided with another one. Try again.', { slug: 'serialization' });
    default:
      return undefined;
  }
}

export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Already answered in full (e.g. 408 to a slow body, whose parser then fails as the
      // connection closes): nothing is left to tell the client.
      if (res.writableEnded) return void req.log.debug({ err: error }, 'error after the answer was sent');
      return next(error);
    }
    const known =
      error instanceof HttpProblem
        ? error
        : (fromBodyParser(error as object) ?? fromDatabase(error));
    if (known) {
      if (known.status >= 500) req.log.warn({ err: error }, 'request failed: %s', known.detail);
      return sendProblem(req, res, known);
    }
    // Everything else is a bug: log it with the request id, tell the client nothing internal.
    req.log.error({ err: error }, 'unhandled error');
    res
      .status(500)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify(
          problemBody(500, `Something went wrong on our side. Quote request id ${String(req.id)} when reporting it.`, req.originalUrl, String(req.id)),
        ),
      );
  };
}

export function notFoundHandler(): RequestHandler {
  return (req, res) =>
    sendProblem(req, res, new HttpProblem(404, `There is no ${req.method} ${req.path} in this API.`, { slug: 'no-such-route', title: 'Unknown route' }));
}
