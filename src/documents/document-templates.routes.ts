import { z } from 'zod';
import { rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import type { DocumentRenderer } from './document-renderer';
import type { EffectiveTemplate } from './document-templates.service';

const TAG = 'Dokument';
const policy = rolesOnly(['admin']);

const nameParams = z.strictObject({ name: z.string().regex(/^[a-z][a-z-]{0,59}$/, 'must be a template name like cover-letter') });
const replaceBody = z.strictObject({ source: z.string().min(1).max(100_000) }).openapi('ReplaceDocumentTemplate');
const templateSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['document', 'partial']),
    overridden: z.boolean().openapi({ description: 'true when an admin has replaced the file default' }),
    version: z.number().int().openapi({ description: 'ETag "v<version>"; 0 while the file default was never replaced' }),
    source: z.string(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('DocumentTemplate');

const present = (t: EffectiveTemplate) => ({ ...t, updatedAt: t.updatedAt?.toISOString() ?? null });

/**
 * The document templates an admin may replace at run time (statement, cover-letter, answer-letter,
 * compilation and their partials). A replacement is checked by compiling it and rendering sample
 * documents through the HTML-subset parser and the layout; a broken one is refused with the error
 * (400) and nothing changes. DELETE goes back to the file default. Every change is audited.
 */
export function registerDocumentTemplateRoutes(api: Api, deps: { renderer: DocumentRenderer }): void {
  const templates = deps.renderer.templates;

  api.add({
    method: 'get',
    path: '/api/document-templates',
    tag: TAG,
    summary: 'The document templates in effect, marking those an admin has replaced',
    policy,
    query: paginationQuerySchema,
    response: pageSchema(templateSchema, 'DocumentTemplatePage'),
    handler: async ({ query }) => pageOf((await templates.list()).map(present), query),
  });

  api.add({
    method: 'get',
    path: '/api/document-templates/:name',
    tag: TAG,
    summary: 'One document template in effect, with its ETag',
    policy,
    params: nameParams,
    response: templateSchema,
    errors: [404],
    handler: async ({ params, res }) => {
      const template = await templates.get(params.name);
      setEtag(res, template.version);
      return present(template);
    },
  });

  api.add({
    method: 'put',
    path: '/api/document-templates/:name',
    tag: TAG,
    summary: 'Replace a document template (Handlebars producing the document HTML subset); checked before it is stored (If-Match required)',
    policy,
    params: nameParams,
    body: replaceBody,
    response: templateSchema,
    errors: [404, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const template = await templates.replace(params.name, body.source, requireIfMatch(req), context);
      setEtag(res, template.version);
      return present(template);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/document-templates/:name',
    tag: TAG,
    summary: 'Go back to the file default of a document template (If-Match required)',
    policy,
    params: nameParams,
    response: templateSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, context, req, res }) => {
      const template = await templates.reset(params.name, requireIfMatch(req), context);
      setEtag(res, template.version);
      return present(template);
    },
  });
}
