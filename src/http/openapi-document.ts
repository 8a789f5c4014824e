import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { withReadOnlyFields, type JsonSchema } from './read-only';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };

const JSON_TYPE = 'application/json';

/** The OpenAPI 3.1 document of every registered route, from the same zod schemas that validate. */
export function generateOpenApiDocument(registry: OpenAPIRegistry): OpenApiDocument {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login' });
  registry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'remiss_session' });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'remiss API',
      version: '0.1.0',
      description:
        "Stockholms stad's remiss service. Errors are RFC 9457 problem+json. Editable resources answer an ETag; writes need If-Match. " +
        'A resource read with GET may be sent back on PUT/PATCH as it is: fields marked readOnly are accepted and ignored.',
    },
    servers: [{ url: '/' }],
  });
  addReadOnlyFields(document);
  return document;
}

const successSchema = (operation: Operation | undefined) => {
  const status = Object.keys(operation?.responses ?? {}).find((code) => code.startsWith('2'));
  return status ? operation!.responses![status].content?.[JSON_TYPE]?.schema : undefined;
};

/**
 * Each PUT/PATCH request body documents, as readOnly, the fields of the resource (its GET on the
 * same path, and the write's own answer) that the body does not take: see read-only.ts.
 */
function addReadOnlyFields(document: OpenApiDocument): void {
  const components = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  for (const item of Object.values(document.paths ?? {})) {
    const path = item as Record<string, Operation | undefined>;
    for (const method of ['put', 'patch']) {
      const body = path[method]?.requestBody?.content?.[JSON_TYPE];
      if (!body?.schema) continue;
      for (const resource of [successSchema(path.get), successSchema(path[method])]) {
        if (resource) body.schema = withReadOnlyFields(body.schema, resource, components) ?? body.schema;
      }
    }
  }
}

/** The documented JSON request body of one operation, and the component schemas it refers to. */
export function requestBodySchema(document: OpenApiDocument, method: string, path: string) {
  const operation = (document.paths?.[path] as Record<string, Operation | undefined> | undefined)?.[method];
  const schema = operation?.requestBody?.content?.[JSON_TYPE]?.schema;
  return schema ? { schema, components: (document.components?.schemas ?? {}) as Record<string, JsonSchema> } : undefined;
}
