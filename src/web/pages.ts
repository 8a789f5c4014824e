import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../authz/actor';
import type { Role } from '../authz/roles';
import { HttpProblem } from '../http/problem';
import { nulFieldErrors } from '../http/validation';
import { requestContext } from '../http/route';
import { FormRejection, formErrorsFrom, zodFormErrors, type FormError } from './form-errors';
import { verifyCsrf } from './csrf';
import type { FormResume } from './form-resume';
import type { PageRenderer } from './page-renderer';
import { swedishZodErrors } from './swedish-problems';

/** Who may open a page: everyone, any logged-in user, or users with one of the roles. */
export type PageAccess = 'public' | 'user' | readonly Role[];

export interface Crumb {
  href?: string;
  text: string;
}

export interface PageView {
  view: string;
  /** The page's own name; the document title adds " – Remisser – Stockholms stad". */
  title: string;
  data?: Record<string, unknown>;
  breadcrumbs?: Crumb[];
  status?: number;
  /** Assets this page loads beside the layout's own (by build name, e.g. "statement-editor.js"). */
  assets?: string[];
}

export type PageOutcome = PageView | { redirect: string };

export interface PageInput {
  req: Request;
  res: Response;
  params: Record<string, string>;
  query: Record<string, unknown>;
  context: RequestContext;
  /** The logged-in user; pages with access 'public' may have none (then this throws). */
  actor: Actor;
}

/** What a form page shows beside the stored data: the user's values and what was wrong with them. */
export interface FormState {
  values?: Record<string, unknown>;
  errors: FormError[];
  /** A stale save: the stored values are theirs, `mine` what this user sent (shown side by side). */
  conflict?: { mine: Record<string, unknown> };
}

export interface FormSpec<S extends z.ZodType> {
  path: string;
  access: PageAccess;
  /** Parses the posted fields; its messages are the Swedish ones the user reads. */
  fields: S;
  /** The page with the form (GET, and again after an error). */
  show(input: PageInput, state: FormState): Promise<PageView>;
  /** Does the change through the service; answers where to go next (POST → redirect → GET). */
  save(input: PageInput, fields: z.infer<S>): Promise<string>;
  /** Runs before the fields are parsed (e.g. the login's rate limit). */
  before?: RequestHandler[];
}

interface RegisteredForm {
  pattern: string;
  spec: FormSpec<z.ZodType>;
}

/**
 * The web pages' router: one presenter more over the services the API calls. A page handler parses,
 * calls one service, renders; who may see or do what is the services' business (a 404 or 403 from a
 * service becomes the Swedish error page). Forms follow the GOV.UK pattern: a POST that succeeds
 * redirects; one that fails renders the same page with an error summary and the user's values.
 */
export class Pages {
  readonly router = Router();
  /** Every page route with its access: the authorisation test checks none is mounted without one. */
  readonly routes: Array<{ method: 'get' | 'post'; path: string; access: PageAccess }> = [];
  private readonly forms: RegisteredForm[] = [];
  private readonly parseForm = express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 2000 });

  constructor(
    private readonly renderer: PageRenderer,
    private readonly resume: FormResume,
  ) {}

  /** A page that only shows something. */
  get(path: string, access: PageAccess, handler: (input: PageInput) => Promise<PageOutcome>): void {
    this.routes.push({ method: 'get', path, access });
    this.router.get(path, this.guard(access), async (req, res) => {
      const input = pageInput(req, res);
      await this.send(req, res, await handler(input));
    });
  }

  /** A page with a form that posts back to its own URL. */
  form<S extends z.ZodType>(spec: FormSpec<S>): void {
    this.forms.push({ pattern: spec.path, spec: spec as unknown as FormSpec<z.ZodType> });
    this.routes.push({ method: 'get', path: spec.path, access: spec.access }, { method: 'post', path: spec.path, access: spec.access });
    this.router.get(spec.path, this.guard(spec.access), async (req, res) => {
      const input = pageInput(req, res);
      const resumed = typeof req.query.fortsatt === 'string' ? await this.resume.take(req.query.fortsatt, input.actor, req.path) : undefined;
      if (resumed) return this.submit(spec, input, resumed);
      await this.send(req, res, await spec.show(input, { errors: [] }));
    });
    this.router.post(spec.path, this.parseForm, verifyCsrf, this.guard(spec.access), ...(spec.before ?? []), async (req, res) => {
      await this.submit(spec, pageInput(req, res), formFields(req.body));
    });
  }

  /** A POST with a body that is not a form (e.g. an upload): CSRF and access still apply. */
  post(path: string, access: PageAccess, handler: (input: PageInput) => Promise<PageOutcome>): void {
    this.routes.push({ method: 'post', path, access });
    this.router.post(path, verifyCsrf, this.guard(access), async (req, res) => {
      await this.send(req, res, await handler(pageInput(req, res)));
    });
  }

  render(req: Request, res: Response, view: PageView): Promise<void> {
    return this.renderer.send(req, res, view);
  }

  private async submit<S extends z.ZodType>(spec: FormSpec<S>, input: PageInput, posted: Record<string, unknown>): Promise<void> {
    const { req, res } = input;
    // The API's one NUL rule (http/validation.ts) for forms too: PostgreSQL cannot store U+0000, and
    // no person types it; said at the field, with the rest of what was typed kept.
    const nul = nulFieldErrors('body', posted);
    if (nul.length) {
      const errors = nul.map((error) => ({ field: error.path.replace(/^body\./, '').split('.')[0], message: 'Texten innehåller ett tecken som inte kan sparas (NUL, U+0000). Ta bort det och spara igen.' }));
      const kept = Object.fromEntries(Object.entries(posted).map(([key, value]) => [key, typeof value === 'string' ? value.replaceAll('\u0000', '') : value]));
      return this.send(req, res, await this.withStatus(400, spec.show(input, { values: kept, errors })));
    }
    const parsed = spec.fields.safeParse(posted, { error: swedishZodErrors });
    if (!parsed.success) return this.send(req, res, await this.withStatus(400, spec.show(input, { values: posted, errors: zodFormErrors(parsed.error) })));
    try {
      return this.send(req, res, { redirect: await spec.save(input, parsed.data) });
    } catch (error) {
      if (error instanceof FormRejection) return this.send(req, res, await this.withStatus(error.status, spec.show(input, { values: posted, errors: error.errors })));
      if (!(error instanceof HttpProblem) || ![400, 409, 412, 422, 428].includes(error.status)) throw error;
      if (error.status === 412 || error.status === 428) {
        return this.send(req, res, await this.withStatus(409, spec.show(input, { values: posted, errors: [], conflict: { mine: posted } })));
      }
      return this.send(req, res, await this.withStatus(error.status === 409 ? 409 : 400, spec.show(input, { values: posted, errors: formErrorsFrom(error) })));
    }
  }

  private async withStatus(status: number, view: Promise<PageView>): Promise<PageView> {
    return { ...(await view), status };
  }

  private async send(req: Request, res: Response, outcome: PageOutcome): Promise<void> {
    if (res.headersSent) return; // answered already (e.g. JSON to a script's fetch)
    if ('redirect' in outcome) return void res.redirect(303, outcome.redirect);
    await this.renderer.send(req, res, outcome);
  }

  /**
   * Not logged in: to the login page, which brings the user back here afterwards. A form posted
   * after the session ran out is kept (FormResume) and saved once the same user has logged in again.
   */
  private guard(access: PageAccess): RequestHandler {
    return async (req, res, next) => {
      if (access === 'public') return next();
      if (!req.actor) {
        const kept = req.method === 'POST' ? await this.resume.keep(req, this.formPatternFor(req.path)) : undefined;
        const back = kept ? `${req.path}?fortsatt=${kept}` : req.originalUrl;
        return res.redirect(303, `/logga-in?till=${encodeURIComponent(back)}${kept ? '&utloggad=1' : ''}`);
      }
      if (access !== 'user' && !access.some((role) => req.actor!.roles.includes(role))) {
        throw new HttpProblem(403, 'Din roll ger inte tillgång till sidan.');
      }
      next();
    };
  }

  private formPatternFor(path: string): boolean {
    return this.forms.some((form) => matchesPattern(form.pattern, path));
  }
}

function matchesPattern(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:\w+/g, '[^/]+')}/?$`);
  return regex.test(path);
}

function pageInput(req: Request, res: Response): PageInput {
  return {
    req,
    res,
    params: req.params as Record<string, string>,
    query: req.query as Record<string, unknown>,
    context: requestContext(req),
    get actor(): Actor {
      if (!req.actor) throw new HttpProblem(401, 'Logga in först.');
      return req.actor;
    },
  };
}

/** The posted fields without the CSRF token (it is checked before, and no service wants it). */
function formFields(body: unknown): Record<string, unknown> {
  const fields = { ...((body ?? {}) as Record<string, unknown>) };
  delete fields._csrf;
  return fields;
}

