import type { Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { publicRoute } from '../authz/policy';
import type { Api } from '../http/route';

export const buildOpenApiDocument = (api: Api) => api.document();

/** GET /openapi.json from the same zod schemas that validate, and Swagger UI at /docs from local assets. */
export function registerDocs(app: Express, api: Api): void {
  api.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This OpenAPI 3.1 document',
    policy: publicRoute('API documentation is not secret'),
    status: 200,
    handler: async () => api.document(),
  });
  app.use('/docs', swaggerUi.serveFiles(undefined, { swaggerUrl: '/openapi.json' }), swaggerUi.setup(undefined, { swaggerUrl: '/openapi.json', customSiteTitle: 'remiss API' }));
}
