import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express, NextFunction, Request, Response } from 'express';

type Json = { [key: string]: unknown };
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> };

/** What one API answer was, as a client saw it. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
  /** The connection closed before the server ended the body (a client that read a stream to its length may): status and type only. */
  partial?: boolean;
}

const CAPTURE_LIMIT = 2 * 1024 * 1024;
const DOCUMENT_ID = 'https://remiss.test/openapi.json';

/**
 * Checks answers against the OpenAPI document the app serves: the operation must document the
 * status and the media type, and a JSON body must match the schema, with no field the schema does
 * not name (objects are closed for this check: zod documents them open).
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Array<{ method: string; template: string; pattern: RegExp; operation: Operation; params: number }> = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    addFormats(this.ajv);
    const copy = structuredClone(document);
    const closed = closeObjects(mergeAllOf(copy, ((copy.components as Json | undefined)?.schemas ?? {}) as Json)) as Json;
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: closed.components } as Json);
    for (const [template, item] of Object.entries((closed.paths ?? {}) as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
        this.operations.push({ method, template, pattern: new RegExp(`^${source}$`), operation, params: (template.match(/\{/g) ?? []).length });
      }
    }
    // A literal segment wins over a parameter (…/revisions/diff before …/revisions/{revisionId}).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The documented operation answering this request, if any. */
  operation(method: string, path: string) {
    return this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
  }

  /** Everything wrong with one answer: empty when it is what the document says. */
  check(answer: Answer): string[] {
    const found = this.operation(answer.method, answer.path.split('?')[0]);
    if (!found) return [];
    const where = `${answer.method.toUpperCase()} ${found.template} → ${answer.status}`;
    const documented = found.operation.responses?.[String(answer.status)];
    if (!documented) return [`${where}: status not documented`];
    const type = answer.contentType?.split(';')[0].trim().toLowerCase();
    const content = documented.content ?? {};
    if (!Object.keys(content).length) return answer.body.length && answer.status !== 304 && !answer.partial ? [`${where}: a body where none is documented (${type})`] : [];
    if (!type || !(type in content)) return [`${where}: content type ${type} not documented (${Object.keys(content).join(', ')})`];
    if (!type.endsWith('json') || answer.partial || answer.body.length > CAPTURE_LIMIT) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return [`${where}: body is not JSON`];
    }
    const validate = this.validator(content[type].schema ?? {});
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`);
  }

  /** One compiled validator per distinct schema: every error answer shares the Problem one. */
  private validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }

}

/** References into the document, from a schema compiled on its own. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOCUMENT_ID}${v}` : rebase(v)]));
}

/**
 * allOf of object schemas (zod's .extend() of a named schema) as one object: closing each member
 * on its own would refuse the other members' fields.
 */
function mergeAllOf(node: unknown, components: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => mergeAllOf(item, components));
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mergeAllOf(v, components)])) as Json;
  if (!Array.isArray(schema.allOf)) return schema;
  const members = (schema.allOf as Json[]).map((m) => (typeof m.$ref === 'string' ? (mergeAllOf(components[m.$ref.split('/').pop()!], components) as Json) : m));
  if (!members.every((m) => m && m.properties)) return schema;
  const { allOf: _allOf, ...rest } = schema;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...members.map((m) => m.properties)),
    required: [...new Set(members.flatMap((m) => (m.required as string[] | undefined) ?? []))],
  };
}

/** Every object schema that does not say otherwise admits no field beyond those it names. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const schema = node as Json;
  for (const value of Object.values(schema)) closeObjects(value);
  if (schema.properties && typeof schema.properties === 'object' && !('additionalProperties' in schema) && !('unevaluatedProperties' in schema)) {
    schema.unevaluatedProperties = false;
  }
  return schema;
}

/**
 * A recorder in front of the app: every answer is checked against the document the app serves and
 * what is wrong is collected, so a test file fails when the document and the behaviour part.
 */
export function recordAnswers(app: Express, documentOf: () => Json): { violations: string[]; answers: Answer[] } {
  const violations: string[] = [];
  const answers: Answer[] = [];
  let contract: OpenApiContract | undefined;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk === 'function' || size > CAPTURE_LIMIT) return;
      // Only JSON is read; of a PDF or a download it is enough to know there was a body.
      if (size > 0 && !/json/.test(String(res.getHeader('content-type') ?? ''))) return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buffer.length;
      chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as Response['end'];
    // 'close' as well as 'finish': a client that has read a whole stream may hang up before 'finish'.
    let recorded = false;
    const record = () => {
      if (recorded || req.method === 'HEAD') return;
      recorded = true;
      const answer: Answer = { method: req.method, path: req.originalUrl, status: res.statusCode, contentType: res.getHeader('content-type') as string | undefined, body: Buffer.concat(chunks), partial: !res.writableEnded };
      answers.push(answer);
      contract ??= new OpenApiContract(documentOf());
      violations.push(...contract.check(answer));
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  });
  // First in the app's own stack (not a wrapping app), so the app stays what the tests walk.
  const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
  stack.unshift(stack.pop());
  return { violations, answers };
}
