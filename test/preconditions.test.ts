import request from 'supertest';
import { IfMatch } from '../src/http/etag';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let auth: Record<string, Record<string, string>>;

beforeAll(async () => {
  t = await startTestApp();
  auth = Object.fromEntries(await Promise.all(['admin', 'registrator', 'handlaggare.sodermalm'].map(async (u) => [u, bearer(await t.login(u))])));
});
afterAll(() => t.close());

/** An editable resource: where its ETag is read, and a harmless write that needs If-Match. */
interface Editable {
  name: string;
  url: () => Promise<string>;
  user: string;
  /** `current` is the resource as GET answers it. */
  write: (url: string, current: Record<string, unknown>) => { method: 'patch' | 'put'; url: string; body: object };
}

const responseOfSodermalm = async () => {
  const consultation = await createConsultation(t.dataSource, { status: 'open' });
  const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date() });
  return response.id;
};

const editables: Editable[] = [
  { name: 'organisation', user: 'registrator', url: async () => `/api/organisations/${await organisationId(t.dataSource, 'unizon')}`, write: (url) => ({ method: 'patch', url, body: { shortName: 'UZ' } }) },
  { name: 'remiss', user: 'registrator', url: async () => `/api/consultations/${(await createConsultation(t.dataSource)).id}`, write: (url) => ({ method: 'patch', url, body: { title: 'Ny titel' } }) },
  {
    name: 'sändlista',
    user: 'registrator',
    url: async () => {
      const created = await request(t.app).post('/api/distribution-lists').set(auth.registrator).send({ name: `Lista ${Date.now()}`, organisationIds: [await organisationId(t.dataSource, 'roks')] });
      return `/api/distribution-lists/${created.body.id}`;
    },
    write: (url) => ({ method: 'patch', url, body: { description: 'Uppdaterad' } }),
  },
  {
    name: 'user',
    user: 'admin',
    url: async () => `/api/users/${(await t.dataSource.query(`SELECT id FROM users WHERE username = 'reader'`))[0].id}`,
    write: (url) => ({ method: 'patch', url, body: { title: 'Utredare' } }),
  },
  { name: 'response (sharing)', user: 'handlaggare.sodermalm', url: async () => `/api/responses/${await responseOfSodermalm()}`, write: (url) => ({ method: 'patch', url, body: { sharedWithCoordinator: false } }) },
  {
    name: 'document template',
    user: 'admin',
    url: async () => '/api/document-templates/statement',
    write: (url, current) => ({ method: 'put', url, body: { source: current.source } }),
  },
];

async function etagOf(user: string, url: string): Promise<string> {
  const res = await request(t.app).get(url).set(auth[user]);
  expect(res.status).toBe(200);
  expect(res.headers.etag).toMatch(/^"v\d+"$/);
  return res.headers.etag;
}

describe.each(editables)('If-Match on $name (RFC 9110 §13.1.1)', ({ user, url: makeUrl, write }) => {
  let url: string;
  beforeAll(async () => {
    url = await makeUrl();
  });
  const send = async (ifMatch: string) => {
    const current = await request(t.app).get(url).set(auth[user]);
    const { method, url: target, body } = write(url, current.body);
    return request(t.app)[method](target).set(auth[user]).set('If-Match', ifMatch).send(body);
  };

  it('a well-formed tag that is not current is 412, as is the current version as a weak tag', async () => {
    const current = await etagOf(user, url);
    expect((await send('"stale-0"')).status).toBe(412);
    expect((await send(`W/${current}`)).status).toBe(412);
    expect((await send(`W/${current}, "v999999"`)).status).toBe(412);
    expect(await etagOf(user, url)).toBe(current);
  });

  it('a malformed header is 400 and changes nothing', async () => {
    const current = await etagOf(user, url);
    for (const malformed of [current.replace(/"/g, ''), `${current} ${current}`, `*, ${current}`, '"v1']) {
      const res = await send(malformed);
      expect([malformed, res.status]).toEqual([malformed, 400]);
      expect(res.body.errors).toEqual([{ path: 'headers.if-match', message: expect.any(String) }]);
    }
    expect(await etagOf(user, url)).toBe(current);
  });

  it('a list matches when one of its tags is current, and * matches the existing resource', async () => {
    const current = await etagOf(user, url);
    const listed = await send(`"stale-0", W/"v1",${current} , "v999999"`);
    expect(listed.status).toBeLessThan(300);
    const next = await etagOf(user, url);
    const any = await send('*');
    expect(any.status).toBeLessThan(300);
    expect(await etagOf(user, url)).not.toBe(next);
  });
});

describe('If-Match on statement sections and optional preconditions', () => {
  it('a section PUT compares strongly; * writes; transitions with a stale If-Match are 412', async () => {
    const responseId = await responseOfSodermalm();
    const handlaggare = auth['handlaggare.sodermalm'];
    const start = await request(t.app).post(`/api/responses/${responseId}/transitions`).set(handlaggare).set('If-Match', '"stale-0"').send({ action: 'start' });
    expect(start.status).toBe(412);
    const started = await request(t.app).post(`/api/responses/${responseId}/transitions`).set(handlaggare).set('If-Match', '*').send({ action: 'start' });
    expect(started.status).toBe(200);
    const statement = await request(t.app).get(`/api/responses/${responseId}/statement`).set(handlaggare);
    const key = statement.body.sections[0].key;
    const sectionUrl = `/api/responses/${responseId}/statement/sections/${key}`;
    const etag = (await request(t.app).get(sectionUrl).set(handlaggare)).headers.etag;
    const body = { body: [{ type: 'paragraph', content: [{ text: 'Förvaltningen tillstyrker.' }] }] };
    expect((await request(t.app).put(sectionUrl).set(handlaggare).set('If-Match', `W/${etag}`).send(body)).status).toBe(412);
    expect((await request(t.app).put(sectionUrl).set(handlaggare).set('If-Match', `"x", ${etag}`).send(body)).status).toBe(200);
    expect((await request(t.app).put(sectionUrl).set(handlaggare).set('If-Match', '*').send(body)).status).toBe(200);
  });

  it('* does not make a missing resource appear: 404', async () => {
    const res = await request(t.app).patch('/api/organisations/00000000-0000-4000-8000-000000000000').set(auth.registrator).set('If-Match', '*').send({ shortName: 'X' });
    expect(res.status).toBe(404);
  });
});

describe('IfMatch.parse', () => {
  it('reads lists, empty elements, commas inside a tag and obs-text; refuses what is not an entity-tag list', () => {
    expect(IfMatch.parse('"v3"')?.matches(3)).toBe(true);
    expect(IfMatch.parse(' , "v2" ,, "v3",')?.matches(3)).toBe(true);
    expect(IfMatch.parse('"a,b", "v4"')?.matches(4)).toBe(true);
    expect(IfMatch.parse('"\u00e5", "v5"')?.matches(5)).toBe(true);
    expect(IfMatch.parse('W/"v3"')?.matches(3)).toBe(false);
    expect(IfMatch.parse('*')?.matches(12)).toBe(true);
    for (const malformed of ['', ',', 'v3', '"v3" "v4"', 'w/"v3"', '* , "v3"', '"v"3"', '"v 3"']) expect([malformed, IfMatch.parse(malformed)]).toEqual([malformed, undefined]);
  });
});
