import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { publicRoute } from '../authz/policy';
import type { Api } from '../http/route';

export function buildOpenApiDocument(api: Api) {
  api.openapi.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login' });
  api.openapi.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'remiss_session' });
  return new OpenApiGeneratorV31(api.openapi.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'remiss API',
      version: '0.1.0',
      description:
        "Stockholms stad's remiss service. Errors are RFC 9457 problem+json. Editable resources answer an ETag; writes need If-Match.",
    },
    servers: [{ url: '/' }],
  });
}

/** GET /openapi.json from the same zod schemas that validate, and Swagger UI at /docs from local assets. */
export function registerDocs(app: Express, api: Api): void {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  api.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This OpenAPI 3.1 document',
    policy: publicRoute('API documentation is not secret'),
    status: 200,
    handler: async () => (document ??= buildOpenApiDocument(api)),
  });
  app.use('/docs', swaggerUi.serveFiles(undefined, { swaggerUrl: '/openapi.json' }), swaggerUi.setup(undefined, { swaggerUrl: '/openapi.json', customSiteTitle: 'remiss API' }));
}
