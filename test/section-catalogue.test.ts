import request from 'supertest';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.login('admin'));
});
afterAll(() => t.close());

const entry = async (key: string) => (await request(t.app).get('/api/section-templates').set(admin)).body.items.find((i: { key: string }) => i.key === key);

describe('the section catalogue', () => {
  it('lists the standard sections in order, seeded from templates/', async () => {
    const res = await request(t.app).get('/api/section-templates').set(bearer(await t.login('reader')));
    expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([
      'forslag-till-beslut',
      'sammanfattning',
      'bakgrund',
      'arendets-beredning',
      'arendet',
      'jamstalldhetsanalys',
      'barnrattsperspektiv',
      'forvaltningens-synpunkter',
    ]);
    expect((await entry('forslag-till-beslut')).defaults.committee).toContain('godkänner förvaltningens tjänsteutlåtande');
  });

  it('refuses a broken template whole, with the Handlebars error, and keeps the old one', async () => {
    const before = await entry('bakgrund');
    const res = await request(t.app).put('/api/section-templates/bakgrund').set(admin).set('If-Match', `"v${before.version}"`).send({ heading: 'Ny rubrik', defaults: { '*': 'Hej {{#if}}' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'body.defaults.*', message: expect.stringMatching(/if/) });
    expect(await entry('bakgrund')).toEqual(before);
  });

  it('is data an admin changes: a new heading and default text apply to the next draft', async () => {
    const before = await entry('arendets-beredning');
    const res = await request(t.app)
      .put('/api/section-templates/arendets-beredning')
      .set(admin)
      .set('If-Match', `"v${before.version}"`)
      .send({ heading: 'Beredning', defaults: { administration: 'x', '*': 'Beredd av {{administration.name}} för {{recipient.name}}.' } });
    expect(res.status).toBe(200);
    expect((await request(t.app).put('/api/section-templates/arendets-beredning').set(admin).set('If-Match', `"v${before.version}"`).send({ heading: 'Igen' })).status).toBe(412);
    expect((await request(t.app).put('/api/section-templates/arendets-beredning').set(bearer(await t.login('registrator'))).set('If-Match', '"v2"').send({ heading: 'Igen' })).status).toBe(403);

    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28' });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    const handlaggare = bearer(await t.login('handlaggare.sodermalm'));
    await request(t.app).post(`/api/responses/${response.id}/transitions`).set(handlaggare).send({ action: 'start' });
    const statement = await request(t.app).get(`/api/responses/${response.id}/statement`).set(handlaggare);
    const section = statement.body.sections.find((s: { key: string }) => s.key === 'arendets-beredning');
    expect(section.heading).toBe('Beredning');
    expect(section.body[0].content[0].text).toBe('Beredd av Södermalms stadsdelsförvaltning för Södermalms stadsdelsnämnd.');
  });
});
