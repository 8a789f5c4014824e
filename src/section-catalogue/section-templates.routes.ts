import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import { createSectionTemplateBody as createBody, keyParams, moveSectionTemplateBody as moveBody, sectionTemplateSchema as templateSchema, updateSectionTemplateBody as updateBody } from './section-templates.schemas';
import { presentSectionTemplate, SectionTemplatesService } from './section-templates.service';

export function registerSectionTemplateRoutes(api: Api, dataSource: DataSource): void {
  const templates = new SectionTemplatesService(dataSource);
  api.add({
    method: 'get',
    path: '/api/section-templates',
    tag: 'Remissvar',
    summary: 'The section catalogue: standard avsnitt, order, required ones and default texts',
    policy: anyUser(),
    query: paginationQuerySchema,
    response: pageSchema(templateSchema, 'SectionTemplatePage'),
    handler: async ({ query }) => pageOf((await templates.list()).map(presentSectionTemplate), query),
  });

  api.add({
    method: 'get',
    path: '/api/section-templates/:key',
    tag: 'Remissvar',
    summary: 'One catalogue entry with its ETag (send it back on PUT as it is, changed where you like)',
    policy: anyUser(),
    params: keyParams,
    response: templateSchema,
    errors: [404],
    handler: async ({ params, res }) => {
      const template = await templates.get(params.key);
      setEtag(res, template.version);
      return presentSectionTemplate(template);
    },
  });

  api.add({
    method: 'post',
    path: '/api/section-templates',
    tag: 'Remissvar',
    summary: 'Add a section to the catalogue',
    policy: rolesOnly(['admin']),
    body: createBody,
    status: 201,
    response: templateSchema,
    errors: [409],
    handler: async ({ body, context, res }) => {
      const created = await templates.create(body, context);
      setEtag(res, created.version);
      return presentSectionTemplate(created);
    },
  });

  api.add({
    method: 'put',
    path: '/api/section-templates/:key',
    tag: 'Remissvar',
    summary: 'Change a catalogue entry: heading, order, standard, required, default texts (If-Match required)',
    policy: rolesOnly(['admin']),
    params: keyParams,
    body: updateBody,
    response: templateSchema,
    errors: [404, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const updated = await templates.update(params.key, requireIfMatch(req), body, context);
      setEtag(res, updated.version);
      return presentSectionTemplate(updated);
    },
  });

  api.add({
    method: 'post',
    path: '/api/section-templates/:key/move',
    tag: 'Remissvar',
    summary: 'Move a catalogue entry one place up or down, swapping it with its neighbour (If-Match of the entry moved; 409 when it is already first or last)',
    policy: rolesOnly(['admin']),
    params: keyParams,
    body: moveBody,
    response: templateSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const moved = await templates.move(params.key, body.direction, requireIfMatch(req), context);
      setEtag(res, moved.version);
      return presentSectionTemplate(moved);
    },
  });
}
