import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/* Errors on pages: Swedish, in the layout, nothing internal; the login's rate limit as a message. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '2', COOKIE_SECURE: 'false' });
});
afterAll(() => t.close());

test('a bug behind a page is a Swedish 500 page that shows the request id and nothing internal', async () => {
  // A page route that fails the way a bug would; mounted where the pages' error handling sees it.
  t.api.router.get('/__test/sidfel', () => {
    throw new Error('secret internal detail');
  });
  try {
    const res = await request(t.app).get('/__test/sidfel').set('x-request-id', 'sidfel-1');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Något gick fel');
    expect(res.text).toContain('sidfel-1');
    expect(res.text).not.toContain('secret internal detail');
    expect(res.text).toContain('– Remisser – Stockholms stad</title>');
  } finally {
    t.api.router.stack.pop();
  }
});

test('too many failed logins: the login page says so clearly, in Swedish, and keeps refusing', async () => {
  const agent = request.agent(t.app);
  const form = await agent.get('/logga-in');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const attempt = () => agent.post('/logga-in').set('Origin', 'http://127.0.0.1').set('Host', '127.0.0.1').type('form').send({ _csrf: token, username: 'reader', password: 'wrong-password' });
  const first = await attempt();
  expect(first.status).toBe(401);
  expect((await attempt()).status).toBe(401);
  const limited = await attempt();
  expect(limited.status).toBe(429);
  expect(limited.text).toContain('För många misslyckade inloggningar');
  expect(limited.headers['retry-after']).toBeDefined();
});
