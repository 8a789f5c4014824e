import type { Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { publicRoute } from '../authz/policy';
import type { Api } from '../http/route';
import { z } from '../http/zod-openapi';

export const buildOpenApiDocument = (api: Api) => api.document();

/** GET /openapi.json from the same zod schemas that validate, and Swagger UI at /docs from local assets. */
export function registerDocs(app: Express, api: Api): void {
  api.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This OpenAPI 3.1 document',
    policy: publicRoute('API documentation is not secret'),
    response: z
      .looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
      .openapi({ description: 'An OpenAPI 3.1 document' }),
    handler: async () => api.document(),
  });
  app.use('/docs', swaggerUi.serveFiles(undefined, { swaggerUrl: '/openapi.json' }), swaggerUi.setup(undefined, { swaggerUrl: '/openapi.json', customSiteTitle: 'remiss API' }));
}
