import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import { notFound } from '../http/problem';
import type { Api } from '../http/route';
import { idParams, paginationQuery, uuidSchema } from '../http/schemas';
import { RevisionsService } from './revisions.service';
import { presentSection, presentStatement, sectionSchema, statementSchema } from './statement.presenter';
import { correctionBody, putHeaderBody, putSectionBody, putStatementBody, sectionParams } from './statements.schemas';
import { StatementsService } from './statements.service';

const TAG = 'Remissvar';
const editors = rolesOnly(['handlaggare', 'admin'], 'response');
const revisionParams = z.strictObject({ id: uuidSchema, revisionId: uuidSchema });

export function registerStatementRoutes(api: Api, dataSource: DataSource): void {
  const statements = new StatementsService(dataSource);
  const revisions = new RevisionsService(dataSource);

  api.add({
    method: 'get',
    path: '/api/responses/:id/statement',
    tag: TAG,
    summary: 'The tjänsteutlåtande: header, sections (each with its own ETag), signatories, bilagor, stance',
    policy: anyUser('response'),
    params: idParams,
    response: statementSchema,
    errors: [404],
    handler: async ({ params, context, res }) => {
      const view = await statements.get(params.id, context.actor!);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/statement',
    tag: TAG,
    summary: 'Replace the whole statement (If-Match: the statement ETag); every save is a revision',
    policy: editors,
    params: idParams,
    body: putStatementBody,
    response: statementSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await statements.put(params.id, requireIfMatch(req), body, context);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/statement/header',
    tag: TAG,
    summary: "Save the header, signatories, bilagor and overall stance (If-Match: the statement's headerEtag); section saves meanwhile are no conflict",
    policy: editors,
    params: idParams,
    body: putHeaderBody,
    response: statementSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await statements.putHeader(params.id, requireIfMatch(req), body, context);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/statement/sections/:key',
    tag: TAG,
    summary: 'One section with its ETag',
    policy: anyUser('response'),
    params: sectionParams,
    response: sectionSchema,
    errors: [404],
    handler: async ({ params, context, res }) => {
      const section = (await statements.get(params.id, context.actor!)).sections.find((s) => s.key === params.key);
      if (!section) throw notFound(`The section ${params.key}`);
      setEtag(res, section.version);
      return presentSection(section);
    },
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/statement/sections/:key',
    tag: TAG,
    summary: "Save one section (If-Match: that section's ETag); others may save other sections meanwhile",
    policy: editors,
    params: sectionParams,
    body: putSectionBody,
    response: sectionSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await statements.putSection(params.id, params.key, requireIfMatch(req), body, context);
      const section = view.sections.find((s) => s.key === params.key)!;
      setEtag(res, section.version);
      return presentSection(section);
    },
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/statement/corrections',
    tag: TAG,
    summary: 'Correct a submitted statement (If-Match: the statement ETag): a new revision with a reason, audited',
    policy: editors,
    params: idParams,
    body: correctionBody,
    status: 201,
    response: statementSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await statements.correct(params.id, requireIfMatch(req), body, context);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/revisions',
    tag: TAG,
    summary: 'Every save of the statement, newest first',
    policy: anyUser('response'),
    params: idParams,
    query: z.strictObject(paginationQuery),
    errors: [404],
    response: z.object({
      items: z.array(z.object({ id: z.string(), number: z.number().int(), kind: z.string(), sectionKey: z.string().nullable(), authorName: z.string(), reason: z.string().nullable(), createdAt: z.string() })),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
    handler: async ({ params, query, context }) => {
      const page = await revisions.list(params.id, context.actor!, query);
      return { ...page, items: page.items.map((r) => ({ id: r.id, number: r.number, kind: r.kind, sectionKey: r.sectionKey, authorName: r.authorName, reason: r.reason, createdAt: r.createdAt.toISOString() })) };
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/revisions/diff',
    tag: TAG,
    summary: 'What changed between two revisions, per section, word by word',
    policy: anyUser('response'),
    params: idParams,
    query: z.strictObject({ from: uuidSchema, to: uuidSchema }),
    errors: [404],
    response: z.object({ from: z.number().int(), to: z.number().int(), header: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })), stanceChanged: z.boolean(), sections: z.array(z.object({ key: z.string(), heading: z.string(), change: z.string(), parts: z.array(z.object({ op: z.string(), text: z.string() })) })) }),
    handler: ({ params, query, context }) => revisions.diff(params.id, query.from, query.to, context.actor!),
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/revisions/:revisionId',
    tag: TAG,
    summary: 'One revision: the whole statement as it was saved',
    policy: anyUser('response'),
    params: revisionParams,
    errors: [404],
    response: z.object({ id: z.string(), number: z.number().int(), kind: z.string(), authorName: z.string(), reason: z.string().nullable(), createdAt: z.string(), snapshot: z.unknown() }),
    handler: async ({ params, context }) => {
      const r = await revisions.get(params.id, params.revisionId, context.actor!);
      return { id: r.id, number: r.number, kind: r.kind, authorName: r.authorName, reason: r.reason, createdAt: r.createdAt.toISOString(), snapshot: r.snapshot };
    },
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/revisions/:revisionId/restore',
    tag: TAG,
    summary: 'Restore an old revision as a new one while drafting (If-Match: the statement ETag)',
    policy: editors,
    params: revisionParams,
    body: z.strictObject({ reason: z.string().trim().max(1000).optional() }),
    status: 201,
    response: statementSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await revisions.restore(params.id, params.revisionId, requireIfMatch(req), body.reason, context);
      setEtag(res, view.statement.version);
      return presentStatement(view);
    },
  });
}
