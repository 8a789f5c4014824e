import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { printable } from '../documents/printable-text';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity';
import { presentSectionTemplate, SectionTemplatesService } from './section-templates.service';

const keyParams = z.strictObject({ key: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a section key like forslag-till-beslut') });
const defaultsSchema = z
  .partialRecord(z.enum([...ORGANISATION_KINDS, '*']), z.string().max(20_000).superRefine(printable))
  .openapi({ description: "Handlebars source of the default text per organisation kind; '*' for any other kind" });
const fields = {
  // Both are printed: the heading of the section, and its default text in every new draft.
  heading: z.string().trim().min(1).max(200).superRefine(printable),
  position: z.number().int().min(0).max(10_000),
  standard: z.boolean(),
  required: z.boolean(),
  defaults: defaultsSchema,
};
const createBody = z.strictObject({ key: keyParams.shape.key, ...fields, standard: fields.standard.default(false), required: fields.required.default(false), defaults: defaultsSchema.default({}) }).openapi('CreateSectionTemplate');
const updateBody = z.strictObject(fields).partial().refine((b) => Object.keys(b).length > 0, 'send at least one field to change').openapi('UpdateSectionTemplate');
const templateSchema = z.object({ key: z.string(), ...fields, version: z.number().int() }).openapi('SectionTemplate');

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
}
