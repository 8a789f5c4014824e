import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { RequestContext } from '../authz/actor';
import { SCOPE_RULES, type Policy } from '../authz/policy';
import { guardUpload, uploadRequestSchema, type UploadSpec } from './multipart-upload';
import { forbidden, HttpProblem, unauthenticated } from './problem';
import { generateOpenApiDocument, requestBodySchema, type OpenApiDocument } from './openapi-document';
import { dropReadOnlyFields } from './read-only';
import { problemSchema } from './schemas';
import { invalidFields, refuseNul, toFieldErrors } from './validation';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  context: RequestContext;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** Express-style path, e.g. /api/organisations/:id */
  path: string;
  summary: string;
  tag: string;
  policy: Policy;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A multipart/form-data upload instead of a JSON body: documented from the spec, refused up front
   * when it is not multipart (415) or announces more bytes than allowed (413); the handler reads it
   * with receiveUpload() when it is ready to, so a refused request never reaches the disk.
   */
  upload?: UploadSpec;
  /** Status of a successful answer (default 200, or 204 when the handler returns nothing). */
  status?: number;
  response?: z.ZodType;
  /** Media types of a successful answer that is not JSON (a PDF, a CSV, a download): documented as binary. */
  produces?: readonly string[];
  /** Extra documented error statuses beyond the ones every route can produce. */
  errors?: number[];
  /** Runs after authorisation and body parsing, before validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  handler: (input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>;
}

export interface RegisteredRoute {
  method: Method;
  path: string;
  policy: Policy;
  summary: string;
  hasBody: boolean;
}

/**
 * The only way routes are added: each declares its policy and schemas, which drive validation,
 * authorisation and the OpenAPI document alike, so the three cannot drift apart.
 */
export class Api {
  readonly router = Router();
  readonly routes: RegisteredRoute[] = [];
  readonly openapi = new OpenAPIRegistry();
  /** Only routes that take a body parse one: reads skip the parser entirely. */
  private readonly parseJson: RequestHandler;
  private generated?: OpenApiDocument;

  constructor(options: { jsonBodyLimit: string }) {
    this.parseJson = express.json({ limit: options.jsonBodyLimit, strict: true });
  }

  add<P extends AnyObject, Q extends AnyObject, B extends z.ZodType = z.ZodUndefined>(spec: RouteSpec<P, Q, B>): void {
    if (spec.body && spec.upload) throw new Error(`${spec.method} ${spec.path}: a route takes a JSON body or an upload, not both`);
    this.routes.push({ method: spec.method, path: spec.path, policy: spec.policy, summary: spec.summary, hasBody: !!spec.body || !!spec.upload });
    this.describe(spec);
    const bodyParsing = spec.body ? [this.parseJson] : spec.upload ? [guardUpload(spec.upload)] : [];
    this.router[spec.method](spec.path, authorise(spec.policy), refuseNulIn('params', 'query'), ...bodyParsing, refuseNulIn('body'), ...(spec.before ?? []), async (req: Request, res: Response) => {
      if (spec.body && (spec.method === 'put' || spec.method === 'patch')) this.dropReadOnly(spec, req.body);
      const input = parseInput(spec, req);
      const result = await spec.handler({ ...input, context: requestContext(req), req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(spec.status ?? 204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }

  /** The OpenAPI document, generated once every route is added (on its first use). */
  document(): OpenApiDocument {
    return (this.generated ??= generateOpenApiDocument(this.openapi));
  }

  /** A resource sent back as it was read: its readOnly fields are ignored, not refused (read-only.ts). */
  private dropReadOnly(spec: { method: Method; path: string }, body: unknown): void {
    const documented = requestBodySchema(this.document(), spec.method, openApiPath(spec.path));
    if (documented) dropReadOnlyFields(body, documented.schema, documented.components);
  }

  private describe(spec: RouteSpec<AnyObject, AnyObject, z.ZodType>): void {
    const successStatus = spec.status ?? (spec.response || spec.produces ? 200 : 204);
    const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
    const errorStatuses = new Set([400, ...(spec.policy.access === 'public' ? [] : [401]), ...(spec.policy.access === 'roles' ? [403] : []), 500, 503, ...(spec.errors ?? [])]);
    if (spec.body || spec.upload) errorStatuses.add(415).add(413).add(408);
    // A cookie-authenticated unsafe request from another origin is refused (src/web/csrf.ts).
    if (spec.method !== 'get' && spec.policy.access !== 'public') errorStatuses.add(403);
    this.openapi.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      description: describePolicy(spec.policy),
      security: spec.policy.access === 'public' ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
      request: {
        params: spec.params as z.ZodObject | undefined,
        query: spec.query as z.ZodObject | undefined,
        body: spec.body
          ? { required: true, content: { 'application/json': { schema: spec.body } } }
          : spec.upload
            ? { required: true, content: { 'multipart/form-data': { schema: uploadRequestSchema(spec.upload) } } }
            : undefined,
      },
      responses: {
        [successStatus]: {
          description: 'Success',
          ...(spec.response ? { content: { 'application/json': { schema: spec.response } } } : {}),
          ...(spec.produces ? { content: Object.fromEntries(spec.produces.map((type) => [type, { schema: { type: 'string' as const, contentMediaType: type } }])) } : {}),
        },
        ...Object.fromEntries(
          [...errorStatuses].map((status) => [status, status < 400 ? { description: 'Not modified: If-None-Match named the current ETag' } : { description: `Problem (${status})`, ...problem }]),
        ),
      },
    });
  }
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function describePolicy(policy: Policy): string {
  if (policy.access === 'public') return `Public: ${policy.why}`;
  const who = policy.access === 'roles' ? `Roles: ${policy.roles.join(', ')}` : 'Any logged-in user';
  return policy.scope === 'global' ? `${who}.` : `${who}. ${SCOPE_RULES[policy.scope]}`;
}

function authorise(policy: Policy): RequestHandler {
  return (req, _res, next) => {
    if (policy.access === 'public') return next();
    if (!req.actor) throw unauthenticated();
    if (policy.access === 'roles' && !policy.roles.some((role) => req.actor!.roles.includes(role))) {
      throw forbidden(`This needs one of the roles: ${policy.roles.join(', ')}.`);
    }
    next();
  };
}

/**
 * NUL is refused before anything (a rate limiter included) reads the input: the path and query
 * first, the JSON body once parsed; an upload's text parts as they are received (receiveUpload).
 */
function refuseNulIn(...locations: Array<'params' | 'query' | 'body'>): RequestHandler {
  return (req, _res, next) => {
    refuseNul(Object.fromEntries(locations.map((location) => [location, req[location]])));
    next();
  };
}

function parseInput(spec: RouteSpec<AnyObject, AnyObject, z.ZodType>, req: Request) {
  // req.is() is null when there is no body at all: then the schema reports the missing body.
  if (spec.body && req.is('application/json') === false) {
    throw new HttpProblem(415, `Send the body as application/json, not ${req.get('content-type')}.`);
  }
  const errors = [];
  const parts = { params: {}, query: {}, body: undefined } as { params: unknown; query: unknown; body: unknown };
  for (const [location, schema, raw] of [
    ['params', spec.params, req.params],
    ['query', spec.query, req.query],
    ['body', spec.body, req.body],
  ] as const) {
    if (!schema) continue;
    const result = schema.safeParse(raw);
    if (result.success) parts[location] = result.data;
    else errors.push(...toFieldErrors(location, result.error));
  }
  if (errors.length) throw invalidFields(errors);
  return parts as { params: never; query: never; body: never };
}

export function requestContext(req: Request): RequestContext {
  return { actor: req.actor ?? null, requestId: String(req.id) };
}
