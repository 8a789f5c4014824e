import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document covering every route, with schemas from the validators', async () => {
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of t.api.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect({ route: `${route.method} ${path}`, documented: !!res.body.paths[path]?.[route.method] }).toEqual({ route: `${route.method} ${path}`, documented: true });
    }
    const createOrganisation = res.body.components.schemas.CreateOrganisation;
    expect(createOrganisation.required).toEqual(expect.arrayContaining(['name', 'kind']));
    expect(createOrganisation.properties.kind.enum).toEqual(['committee', 'administration', 'council', 'company', 'external']);
    expect(res.body.paths['/api/organisations/{id}'].patch.responses).toHaveProperty('412');
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves Swagger UI from local assets, no CDN', async () => {
    const page = await request(t.app).get('/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
    const init = await request(t.app).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/openapi.json');
    expect((await request(t.app).get('/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});
