/** RFC 9457 problem details. Every error the API returns has this shape. */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://remiss.stockholm.se/problems/';

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable content'],
  428: ['precondition-required', 'Precondition required'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

/** Throw from anywhere; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: {
      errors?: FieldError[];
      slug?: string;
      title?: string;
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance: string, requestId: string): ProblemBody {
    return problemBody(this.status, this.detail, instance, requestId, this.options);
  }
}

export function problemBody(
  status: number,
  detail: string,
  instance: string,
  requestId: string,
  options: { errors?: FieldError[]; slug?: string; title?: string; extensions?: Record<string, unknown> } = {},
): ProblemBody {
  const [defaultSlug, defaultTitle] = TITLES[status] ?? ['error', 'Error'];
  return {
    type: TYPE_BASE + (options.slug ?? defaultSlug),
    title: options.title ?? defaultTitle,
    status,
    detail,
    instance,
    requestId,
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extensions,
  };
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, detail, { slug: errors ? 'validation' : undefined, title: errors ? 'Validation failed' : undefined, errors });
export const unauthenticated = (detail = 'Log in first: send a bearer token or the session cookie.') =>
  new HttpProblem(401, detail, { headers: { 'WWW-Authenticate': 'Bearer realm="remiss"' } });
export const forbidden = (detail = 'Your roles do not allow this.') => new HttpProblem(403, detail);
export const notFound = (what: string) => new HttpProblem(404, `${what} was not found.`);
/** A 409; `errors` names the fields at fault (a taken username) so a form shows it beside them. */
export const conflict = (detail: string, slug?: string, errors?: FieldError[]) => new HttpProblem(409, detail, { slug, errors });
export const preconditionFailed = (detail = 'The resource has changed since you read it. Fetch it again and reapply your change.') =>
  new HttpProblem(412, detail);
export const preconditionRequired = (detail = 'Send If-Match with the ETag you last read; blind overwrites are refused.') =>
  new HttpProblem(428, detail);
export const unavailable = (detail = 'The database is unreachable. Try again shortly.') =>
  new HttpProblem(503, detail, { headers: { 'Retry-After': '5' } });

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
