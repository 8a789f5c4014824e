import request from 'supertest';
import { DECISION_OUTCOMES } from '../src/responses/decision.entity';
import { organisationId } from './support/factories';
import { OpenApiContract } from './support/openapi-contract';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';
import { fixtures, multipart } from './support/upload-fixtures';

/**
 * Walks every documented operation, its success and its main error answers; test-app's recorder
 * checks each answer (status, media type, every field) against /openapi.json, and the last test
 * asserts that every operation was answered with its documented success at least once.
 */
let t: TestApp;
type Auth = Record<string, string>;
const as: Record<string, Auth> = {};
const ids: Record<string, string> = {};
const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text }] }];

const get = (path: string, auth: Auth) => request(t.app).get(path).set(auth);
const send = (method: 'post' | 'put' | 'patch' | 'delete', path: string, auth: Auth, body?: object, ifMatch?: string) => {
  const req = request(t.app)[method](path).set(auth);
  if (ifMatch) req.set('If-Match', ifMatch);
  return body === undefined ? req : req.send(body);
};
const upload = (path: string, auth: Auth, name: string, data: Buffer, type: string) => {
  const { body, contentType } = multipart({ name, data, type }, { description: 'Underlag' });
  return request(t.app).post(path).set(auth).set('content-type', contentType).send(body);
};
/** GET a resource, then send it back unchanged with its ETag, as a client would. */
const roundTrip = async (path: string, method: 'put' | 'patch', auth: Auth) => {
  const read = await get(path, auth);
  expect(read.status).toBe(200);
  return send(method, path, auth, read.body, read.headers.etag);
};

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['admin', 'registrator', 'handlaggare.sodermalm', 'handlaggare.norrainnerstaden', 'attestant.sodermalm', 'coordinator', 'reader']) as[user] = bearer(await t.login(user));
  for (const key of ['kommunstyrelsen', 'socialforvaltningen', 'sdn-sodermalm', 'sdn-norra-innerstaden', 'unizon', 'fryshuset']) ids[key] = await organisationId(t.dataSource, key);
});
afterAll(() => t.close());

describe('GET → PUT/PATCH round trips: read-only fields are accepted and ignored', () => {
  it('a remiss, its recipients and a statement go back unchanged; read-only values are ignored; unknown fields still 400', async () => {
    const { registrator, admin } = as;
    const created = await send('post', '/api/consultations', registrator, { caseNumber: 'KS 2026/777', title: 'Kontraktsremiss', kind: 'program', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate: '2026-10-01', dueDate: '2027-03-01' });
    expect(created.status).toBe(201);
    ids.remiss = created.body.id;
    const remissPath = `/api/consultations/${ids.remiss}`;
    const draftBack = await roundTrip(remissPath, 'patch', registrator);
    expect(draftBack.status).toBe(200);
    expect(draftBack.body.version).toBe(created.body.version + 1);

    const duplicate = await send('post', '/api/consultations', registrator, { caseNumber: 'Dnr ks 2026/777', title: 'Samma Dnr', kind: 'program', senderId: ids.kommunstyrelsen, registeredDate: '2026-10-02' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.existing).toEqual({ id: ids.remiss, caseNumber: 'KS 2026/777', title: 'Kontraktsremiss', href: remissPath });
    expect(duplicate.body.detail).toContain('KS 2026/777');
    expect((await get(duplicate.body.existing.href, registrator)).body.id).toBe(ids.remiss);
    const other = await send('post', '/api/consultations', registrator, { caseNumber: 'KS 2026/778', title: 'En annan remiss', kind: 'program', senderId: ids.kommunstyrelsen, registeredDate: '2026-10-02' });
    const renamed = await send('patch', `/api/consultations/${other.body.id}`, registrator, { caseNumber: 'KS 2026/777' }, other.headers.etag);
    expect([renamed.status, renamed.body.existing?.id]).toEqual([409, ids.remiss]);

    expect((await upload(`${remissPath}/attachments`, registrator, 'Remisshandling.pdf', fixtures.pdf(), 'application/pdf')).status).toBe(201);
    const extra = await upload(`${remissPath}/attachments`, registrator, 'Bilaga.txt', fixtures.text(), 'text/plain');
    expect((await send('delete', `${remissPath}/attachments/${extra.body.id}`, registrator)).status).toBe(204);
    const added = await send('post', `${remissPath}/recipients`, registrator, { organisationIds: [ids['sdn-sodermalm'], ids['sdn-norra-innerstaden'], ids.unizon] });
    expect(added.status).toBe(201);
    const board = await get(`${remissPath}/recipients`, registrator);
    const recipientOf = (orgId: string) => board.body.items.find((r: { organisation: { id: string } }) => r.organisation.id === orgId);
    expect((await send('delete', `${remissPath}/recipients/${recipientOf(ids.unizon).id}`, registrator)).status).toBe(204);
    const sent = await send('post', `${remissPath}/send`, registrator);
    expect(sent.status).toBe(200);
    ids.recipient = recipientOf(ids['sdn-sodermalm']).id;
    ids.response = recipientOf(ids['sdn-sodermalm']).responseId;
    ids.declined = recipientOf(ids['sdn-norra-innerstaden']).responseId;
    expect((await roundTrip(remissPath, 'patch', admin)).status).toBe(200);

    // A remiss sent before the remisstjänst, registered afterwards on its real date.
    const historic = await send('post', '/api/consultations', registrator, { caseNumber: 'KS 2020/7770', title: 'Remiss från 2020', kind: 'program', senderId: ids.kommunstyrelsen, registeredDate: '2020-08-26', dueDate: '2020-11-27' });
    expect((await send('post', `/api/consultations/${historic.body.id}/recipients`, registrator, { organisationIds: [ids['sdn-sodermalm']], registerDate: '2020-08-28' })).status).toBe(201);
    expect((await send('post', `/api/consultations/${historic.body.id}/record-sent`, registrator, { sentDate: '2020-08-28' })).body).toMatchObject({ status: 'open', sentDate: '2020-08-28' });

    const handlaggare = as['handlaggare.sodermalm'];
    expect((await send('post', `/api/responses/${ids.response}/transitions`, handlaggare, { action: 'start' })).status).toBe(200);
    const statementPath = `/api/responses/${ids.response}/statement`;
    const before = await get(statementPath, handlaggare);
    const back = await send('put', statementPath, handlaggare, before.body, before.headers.etag);
    expect(back.status).toBe(200);
    expect(back.body.sections.map((s: { key: string }) => s.key)).toEqual(before.body.sections.map((s: { key: string }) => s.key));

    // Read-only values are ignored, not applied: the server's version wins over the client's.
    const edited = { ...back.body, version: 999, id: 'someone-else', sections: back.body.sections.map((s: object, i: number) => (i === 0 ? { ...s, body: paragraph('Förvaltningen tillstyrker.'), position: 40, etag: '"v77"' } : s)) };
    const saved = await send('put', statementPath, handlaggare, edited, back.headers.etag);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(back.body.version + 1);
    expect(saved.body.id).toBe(before.body.id);
    expect(saved.body.sections[0]).toMatchObject({ body: paragraph('Förvaltningen tillstyrker.'), position: before.body.sections[0].position });

    const unknown = await send('put', statementPath, handlaggare, { ...saved.body, secret: true, sections: saved.body.sections.map((s: object) => ({ ...s, colour: 'red' })) }, saved.headers.etag);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.secret', 'body.sections.0.colour']));

    const key = saved.body.sections[1].key;
    expect((await roundTrip(`${statementPath}/sections/${key}`, 'put', handlaggare)).status).toBe(200);
    const { header, signatories, enclosures, stance, headerEtag } = (await get(statementPath, handlaggare)).body;
    expect((await send('put', `${statementPath}/header`, handlaggare, { header, signatories, enclosures, stance }, headerEtag)).status).toBe(200);
    expect((await roundTrip(`/api/responses/${ids.response}`, 'patch', handlaggare)).status).toBe(200);
  });

  it('organisations, users, distribution lists, document and section templates go back unchanged', async () => {
    const { admin, registrator } = as;
    const organisation = await send('post', '/api/organisations', registrator, { name: 'Kontraktsrådet', kind: 'council', email: 'rad@example.se' });
    expect(organisation.status).toBe(201);
    expect((await roundTrip(`/api/organisations/${organisation.body.id}`, 'patch', registrator)).status).toBe(200);
    const user = await send('post', '/api/users', admin, { username: 'kontrakt.user', name: 'Kim Kontrakt', organisationId: ids['sdn-sodermalm'], roles: ['reader'], password: TEST_PASSWORD });
    expect(user.status).toBe(201);
    expect((await roundTrip(`/api/users/${user.body.id}`, 'patch', admin)).status).toBe(200);
    const list = await send('post', '/api/distribution-lists', registrator, { name: 'Kontraktslistan', organisationIds: [ids.unizon] });
    expect(list.status).toBe(201);
    expect((await roundTrip(`/api/distribution-lists/${list.body.id}`, 'patch', registrator)).status).toBe(200);
    expect((await roundTrip('/api/document-templates/cover-letter', 'put', admin)).status).toBe(200);
    const section = await send('post', '/api/section-templates', admin, { key: 'kontrakt', heading: 'Kontrakt', position: 900 });
    expect(section.status).toBe(201);
    const sectionBack = await roundTrip('/api/section-templates/kontrakt', 'put', admin);
    expect([sectionBack.status, sectionBack.body.version]).toEqual([200, section.body.version + 1]);
    const moved = await send('post', '/api/section-templates/kontrakt/move', admin, { direction: 'up' }, sectionBack.headers.etag);
    expect([moved.status, moved.body.position < sectionBack.body.position]).toEqual([200, true]);

    const template = await get('/api/document-templates/cover-letter', admin);
    expect((await send('delete', '/api/document-templates/cover-letter', admin, undefined, template.headers.etag)).status).toBe(200);
    expect((await send('delete', `/api/distribution-lists/${list.body.id}`, registrator)).status).toBe(204);
    expect((await send('delete', `/api/organisations/${organisation.body.id}`, admin)).status).toBe(204);
  });
});

describe('every other route, success and main errors', () => {
  it('answers what the document says', async () => {
    const { admin, registrator, coordinator, reader } = as;
    const handlaggare = as['handlaggare.sodermalm'];
    const remissPath = `/api/consultations/${ids.remiss}`;
    for (const path of ['/health', '/ready', '/openapi.json']) expect((await request(t.app).get(path)).status).toBe(200);
    expect((await request(t.app).post('/api/auth/login').send({ username: 'reader', password: 'wrong-password-1' })).status).toBe(401);
    expect((await request(t.app).post('/api/auth/login').send({ username: 'reader' })).status).toBe(400);
    expect((await get('/api/auth/me', reader)).status).toBe(200);
    expect((await get('/api/auth/me/notifications', reader)).body).toEqual({ email: true });
    expect((await send('put', '/api/auth/me/notifications', reader, { email: 'nej' })).status).toBe(400);
    expect((await send('put', '/api/auth/me/notifications', reader, { email: true })).body).toEqual({ email: true });
    expect((await send('post', '/api/auth/session', reader)).status).toBe(200);
    expect((await send('post', '/api/auth/password', reader, { currentPassword: 'wrong-password-1', newPassword: 'a-new-password-1' })).status).toBe(400);
    // The same password again: the walk's own session goes on, and later logins still work.
    expect((await send('post', '/api/auth/password', reader, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).status).toBe(204);
    const session = await request(t.app).post('/api/auth/login').send({ username: 'reader', password: TEST_PASSWORD });
    expect((await send('post', '/api/auth/logout', bearer(session.body.token))).status).toBe(204);
    expect((await request(t.app).get('/api/auth/me')).status).toBe(401);

    for (const path of ['/api/users', '/api/organisations', '/api/distribution-lists', '/api/consultations', '/api/audit', '/api/document-templates', '/api/section-templates']) {
      expect({ path, status: (await get(`${path}?limit=2`, admin)).status }).toEqual({ path, status: 200 });
    }
    expect((await get('/api/users', reader)).status).toBe(403);
    expect((await get(`/api/users/${ids.remiss}`, admin)).status).toBe(404);
    expect((await get(`/api/organisations/${ids.unizon}`, reader)).status).toBe(200);
    expect((await get(`/api/distribution-lists/${ids.remiss}`, reader)).status).toBe(404);
    expect((await get('/api/consultations?limit=0', reader)).status).toBe(400);
    expect((await get(remissPath, reader)).status).toBe(200);
    expect((await get(`${remissPath}/attachments`, reader)).status).toBe(200);
    const [attachment] = (await get(`${remissPath}/attachments`, reader)).body.items;
    expect((await get(`${remissPath}/attachments/${attachment.id}`, reader)).status).toBe(200);
    const content = await get(`${remissPath}/attachments/${attachment.id}/content`, reader);
    expect([content.status, content.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((await get(`${remissPath}/attachments/${attachment.id}/content`, reader).set('If-None-Match', content.headers.etag)).status).toBe(304);

    const recipientPath = `${remissPath}/recipients/${ids.recipient}`;
    const extension = await send('post', `${recipientPath}/extensions`, registrator, { dueDate: '2027-04-01', reason: 'Nämnden sammanträder först i april.' });
    expect(extension.status).toBe(201);
    expect((await get(`${recipientPath}/extensions`, registrator)).body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect((await get(`${recipientPath}/extensions/${extension.body.extension.id}/letter.pdf`, registrator)).headers['content-type']).toBe('application/pdf');
    expect((await get(`${recipientPath}/reminders`, registrator)).body).toMatchObject({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await get(`${recipientPath}/cover-letter.pdf`, registrator)).headers['content-type']).toBe('application/pdf');
    // Fryshuset has no registratur address in the (demo) register: its letter goes by post until one is entered.
    const fryshuset = (await send('post', `${remissPath}/recipients`, registrator, { organisationIds: [ids.fryshuset] })).body.added[0];
    expect(fryshuset.delivery).toMatchObject({ status: 'no_address', address: null });
    expect((await get(`${remissPath}/recipients?delivery=no_address`, reader)).body).toMatchObject({ total: 1, counts: { byDelivery: { no_address: 1, queued: 2 } } });
    expect((await get(`${remissPath}/postal-letters.pdf`, registrator)).headers['content-type']).toBe('application/pdf');
    expect((await send('post', `${remissPath}/recipients/${fryshuset.id}/delivery`, registrator)).status).toBe(409);
    await t.dataSource.query(`UPDATE organisations SET email = 'registrator@fryshuset.example' WHERE id = $1`, [ids.fryshuset]);
    expect((await send('post', `${remissPath}/recipients/${fryshuset.id}/delivery`, registrator)).body).toMatchObject({ status: 'queued', address: 'registrator@fryshuset.example' });
    expect((await get(`${remissPath}/postal-letters.pdf`, registrator)).status).toBe(409);

    const deadlines = await get(`/api/deadlines?consultationId=${ids.remiss}`, handlaggare);
    expect(deadlines.status).toBe(200);
    expect(deadlines.body.items.map((d: { consultation: { id: string } }) => d.consultation.id)).toEqual([ids.remiss]);
    expect((await get(`/api/deadlines?consultationId=${ids.unizon}`, handlaggare)).body.total).toBe(0);
    expect((await get('/api/deadlines?consultationId=nope', handlaggare)).status).toBe(400);

    const responsePath = `/api/responses/${ids.response}`;
    const response = await get(responsePath, handlaggare);
    expect([response.status, response.body.assignee?.name]).toEqual([200, 'Hanna Söderberg']);
    const candidates = await get(`${responsePath}/assignee-candidates`, handlaggare);
    expect(candidates.status).toBe(200);
    const attestant = candidates.body.items.find((c: { roles: string[] }) => c.roles.includes('attestant'));
    expect((await send('put', `${responsePath}/assignee`, handlaggare, { assigneeId: attestant.id })).status).toBe(428);
    expect((await send('put', `${responsePath}/assignee`, handlaggare, { assigneeId: attestant.id }, '"v1"')).status).toBe(412);
    expect((await send('put', `${responsePath}/assignee`, handlaggare, { assigneeId: ids.remiss }, response.headers.etag)).status).toBe(400);
    expect((await send('put', `${responsePath}/assignee`, as['handlaggare.norrainnerstaden'], { assigneeId: attestant.id }, response.headers.etag)).status).toBe(404);
    expect((await get(`${responsePath}/assignee-candidates`, as['handlaggare.norrainnerstaden'])).status).toBe(404);
    const assigned = await send('put', `${responsePath}/assignee`, handlaggare, { assigneeId: attestant.id }, response.headers.etag);
    expect([assigned.status, assigned.body.assignee?.id]).toEqual([200, attestant.id]);
    expect((await send('post', `${responsePath}/transitions`, handlaggare, { action: 'approve' })).status).toBe(403);
    expect((await send('post', `${responsePath}/transitions`, handlaggare, { action: 'start' })).status).toBe(409);
    const file = await upload(`${responsePath}/attachments`, handlaggare, 'Underlag.txt', fixtures.text(), 'text/plain');
    expect(file.status).toBe(201);
    expect((await get(`${responsePath}/attachments`, handlaggare)).body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect((await get(`${responsePath}/attachments/${file.body.id}/content`, handlaggare)).status).toBe(200);
    const mistake = await upload(`${responsePath}/attachments`, handlaggare, 'Fel fil.txt', fixtures.text(), 'text/plain');
    expect((await send('delete', `${responsePath}/attachments/${mistake.body.id}`, as['handlaggare.norrainnerstaden'])).status).toBe(404);
    expect((await send('delete', `${responsePath}/attachments/${mistake.body.id}`, handlaggare)).status).toBe(204);
    const revisions = await get(`${responsePath}/revisions`, handlaggare);
    expect(revisions.body.total).toBeGreaterThanOrEqual(2);
    const [newest, older] = revisions.body.items;
    expect((await get(`${responsePath}/revisions/diff?from=${older.id}&to=${newest.id}`, handlaggare)).status).toBe(200);
    expect((await get(`${responsePath}/revisions/${older.id}`, handlaggare)).status).toBe(200);
    const statement = await get(`${responsePath}/statement`, handlaggare);
    expect((await send('post', `${responsePath}/revisions/${older.id}/restore`, handlaggare, { reason: 'Tillbaka' }, statement.headers.etag)).status).toBe(201);
    expect((await send('put', `${responsePath}/statement`, handlaggare, statement.body)).status).toBe(428);
    expect((await send('put', `${responsePath}/statement`, handlaggare, statement.body, statement.headers.etag)).status).toBe(412);
    expect((await send('post', `${responsePath}/statement/corrections`, handlaggare, { reason: 'Fel datum i rubriken', header: statement.body.header }, '"v1"')).status).toBeGreaterThanOrEqual(409);
    // Import from a file: a proposal, one repair undone, accepted as the draft; a second import discarded.
    const importFile = (name: string) => {
      const text = 'Förslag till beslut\nNämnden tillstyrker förslaget.\n\nSammanfattning\nForvaltningen stöder förslaget.\n\nFörvaltningens synpunkter och förslag\nFörvaltningen har inget att tillägga.\n';
      const { body, contentType } = multipart({ name, data: Buffer.from(text), type: 'text/plain' });
      return request(t.app).post(`${responsePath}/imports`).set(handlaggare).set('content-type', contentType).send(body);
    };
    const imported = await importFile('Utlåtande.txt');
    expect([imported.status, imported.body.repairs.length]).toEqual([201, 1]);
    expect((await get(`${responsePath}/imports/${imported.body.id}`, handlaggare)).status).toBe(200);
    expect((await send('put', `${responsePath}/imports/${imported.body.id}/repairs/${imported.body.repairs[0].id}`, handlaggare, { undone: true })).status).toBe(200);
    const beforeImport = await get(`${responsePath}/statement`, handlaggare);
    expect((await send('post', `${responsePath}/imports/${imported.body.id}/accept`, handlaggare, { keepFile: false }, beforeImport.headers.etag)).status).toBe(200);
    const unwanted = await importFile('Annan.txt');
    expect((await send('delete', `${responsePath}/imports/${unwanted.body.id}`, handlaggare)).status).toBe(204);
    const current = await get(`${responsePath}/statement`, handlaggare);
    expect((await send('put', `${responsePath}/statement`, handlaggare, { ...current.body, stance: 'tillstyrker', sections: current.body.sections.map((section: { heading: string }) => ({ ...section, body: paragraph(`Förvaltningen om ${section.heading}.`) })) }, current.headers.etag)).status).toBe(200);
    const decision = { action: 'decide', meetingDate: '2026-11-20', paragraph: '12', outcome: DECISION_OUTCOMES[0], decisionText: 'Nämnden beslutar enligt förvaltningens förslag.' };
    for (const [body, who] of [[{ action: 'submit_for_review' }, handlaggare], [{ action: 'approve' }, as['attestant.sodermalm']], [decision, handlaggare], [{ action: 'submit' }, handlaggare]] as const) {
      const moved = await send('post', `${responsePath}/transitions`, who, body);
      expect({ action: body.action, status: moved.status, detail: moved.body.detail }).toEqual({ action: body.action, status: 200, detail: undefined });
      if (body.action !== 'submit_for_review') continue;
      // In review: the attestant comments; the thread is answered and resolved.
      const comment = await send('post', `${responsePath}/comments`, as['attestant.sodermalm'], { sectionKey: 'sammanfattning', text: 'Kortare, tack.' });
      expect(comment.status).toBe(201);
      expect((await send('post', `${responsePath}/comments/${comment.body.id}/replies`, handlaggare, { text: 'Åtgärdat.' })).status).toBe(201);
      expect((await send('put', `${responsePath}/comments/${comment.body.id}/resolution`, handlaggare, { resolved: true })).body.resolved).not.toBeNull();
      expect((await get(`${responsePath}/comments?section=sammanfattning`, handlaggare)).body).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect((await get(`${responsePath}/comments`, as['handlaggare.norrainnerstaden'])).status).toBe(404);
    }
    const [decided] = (await get(responsePath, handlaggare)).body.decisions;
    const extract = `${responsePath}/decisions/${decided.id}/protokollsutdrag`;
    expect((await upload(extract, handlaggare, 'Protokollsutdrag.pdf', fixtures.pdf(), 'application/pdf')).status).toBe(201);
    expect((await upload(extract, handlaggare, 'Protokollsutdrag.pdf', fixtures.pdf(), 'application/pdf')).status).toBe(409);
    expect((await get(extract, handlaggare)).headers['content-type']).toBe('application/pdf');
    const submitted = await get(`${responsePath}/statement`, handlaggare);
    expect((await send('post', `${responsePath}/statement/corrections`, handlaggare, { reason: 'Fel datum i rubriken', header: { ...submitted.body.header, date: '2026-11-21' } }, submitted.headers.etag)).status).toBe(201);
    expect((await get(`${responsePath}/pdf`, handlaggare)).headers['content-type']).toBe('application/pdf');
    expect((await get(`${responsePath}/preview`, handlaggare)).headers['content-type']).toMatch(/^text\/html/);
    expect((await get(`${responsePath}/answer-letter.pdf`, handlaggare)).status).toBe(409);
    const norra = as['handlaggare.norrainnerstaden'];
    expect((await send('post', `/api/responses/${ids.declined}/transitions`, norra, { action: 'decline', reason: 'Berör inte nämnden.' })).status).toBe(200);
    expect((await get(`/api/responses/${ids.declined}/answer-letter.pdf`, norra)).headers['content-type']).toBe('application/pdf');

    for (const suffix of ['', '.csv', '.xlsx', '.pdf']) expect((await get(`${remissPath}/compilation${suffix}`, coordinator)).status).toBe(200);
    const [answered] = (await get(`${remissPath}/compilation`, coordinator)).body.summaries;
    expect((await send('put', `${remissPath}/compilation/summaries/${answered.responseId}`, coordinator, { text: 'Tillstyrker i korthet.' }, '"v0"')).status).toBe(200);
    expect((await send('put', `${remissPath}/compilation/summaries/${answered.responseId}`, coordinator, { text: 'Igen.' }, '"v0"')).status).toBe(412);
    expect((await get(`${remissPath}/compilation`, handlaggare)).status).toBe(403);
    expect((await get('/api/coordination/open-consultations', coordinator)).status).toBe(200);
    expect((await get(`/api/organisations/${ids['sdn-sodermalm']}/answer-history`, coordinator)).status).toBe(200);
    expect((await get('/api/search?q=Kontraktsremiss', reader)).status).toBe(200);
    expect((await get('/api/document-templates/nope', admin)).status).toBe(404);
  });

  it('paged lists say so: items, total, limit and offset, and limit/offset are taken', async () => {
    const { admin } = as;
    const all = await get('/api/section-templates', admin);
    const page = await get('/api/section-templates?limit=2&offset=1', admin);
    expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1 });
    expect(page.body.items).toEqual(all.body.items.slice(1, 3));
    const templates = await get('/api/document-templates?limit=1&offset=1', admin);
    expect(templates.body.items).toHaveLength(1);
    expect(templates.body.total).toBeGreaterThan(1);
    const document = (await request(t.app).get('/openapi.json')).body;
    for (const [path, item] of Object.entries(document.paths as Record<string, { get?: { parameters?: Array<{ name: string }>; responses: Record<string, { content?: Record<string, { schema: object }> }> } }>)) {
      const schema = JSON.stringify(item.get?.responses['200']?.content?.['application/json']?.schema ?? {});
      const resolved = schema.replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (_, name) => JSON.stringify(document.components.schemas[name]));
      if (!/"items":\{"type":"array"/.test(resolved)) continue;
      const fields = ['items', 'total', 'limit', 'offset'].filter((field) => resolved.includes(`"${field}":`));
      const query = (item.get!.parameters ?? []).map((p) => p.name);
      expect({ path, fields, paged: ['limit', 'offset'].every((p) => query.includes(p)) }).toEqual({ path, fields: ['items', 'total', 'limit', 'offset'], paged: true });
    }
  });
});

describe('the OpenAPI document', () => {
  it('marks read-only fields, takes real Dnr, names binary media types and the timeline detail, and says who sees what truly', async () => {
    const document = (await request(t.app).get('/openapi.json')).body;
    const put = document.paths['/api/responses/{id}/statement'].put.requestBody.content['application/json'].schema;
    expect(put.properties.version).toMatchObject({ readOnly: true });
    expect(put.properties.sections.items.properties.position).toMatchObject({ readOnly: true });
    expect(put.properties.header.readOnly).toBeUndefined();
    expect(put.additionalProperties).toBe(false);

    const contract = new OpenApiContract(document);
    const caseNumber = document.components.schemas.CreateConsultation.properties.caseNumber.pattern;
    for (const dnr of ['KS 2020/924', '3.1.1-723/2019', 'T 2010-313-01743', 'SDN 2021/12']) expect({ dnr, ok: new RegExp(caseNumber, 'u').test(dnr) }).toEqual({ dnr, ok: true });
    expect(caseNumber.endsWith('/u')).toBe(false);
    expect(contract.operation('post', '/api/consultations')).toBeDefined();

    const media = (path: string) => Object.keys(document.paths[path].get.responses['200'].content ?? {});
    expect(media('/api/consultations/{id}/compilation.csv')).toEqual(['text/csv']);
    expect(media('/api/consultations/{id}/compilation.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    for (const path of ['/api/responses/{id}/pdf', '/api/responses/{id}/answer-letter.pdf', '/api/consultations/{id}/compilation.pdf', '/api/consultations/{id}/recipients/{recipientId}/cover-letter.pdf', '/api/consultations/{id}/postal-letters.pdf']) {
      expect({ path, media: media(path) }).toEqual({ path, media: ['application/pdf'] });
    }
    expect(media('/api/consultations/{id}/attachments/{attachmentId}/content')).toEqual(expect.arrayContaining(['application/pdf', 'text/plain']));
    expect(media('/api/responses/{id}/attachments/{attachmentId}/content')).toEqual(expect.arrayContaining(['application/pdf']));

    const timeline = JSON.stringify(document.components.schemas.TimelineEvent);
    expect(timeline).toContain('previousDueDate');
    expect(timeline).toContain('response_status_changed');
    expect(timeline).toContain('delivery_no_address');
    expect(JSON.stringify(document.components.schemas.RecipientDelivery)).toContain('no_address');

    const descriptions = Object.values(document.paths as Record<string, Record<string, { description: string }>>).flatMap((item) => Object.values(item).map((op) => op.description));
    expect(descriptions.filter((d) => d.includes("limited to the caller's organisation"))).toEqual([]);
    expect(document.paths['/api/consultations'].get.description).toMatch(/a reader every remiss once sent/);
    expect(document.paths['/api/consultations'].get.description).toMatch(/registrators every remiss/);
    expect(document.paths['/api/deadlines'].get.description).toMatch(/Without scope: all for registrators and admins, coordinated for coordinators/);
    expect(document.paths['/api/responses/{id}'].get.description).toMatch(/answering organisation's \(nämnd or förvaltning\) until it has answered/);
  });

  it('every documented operation was answered with its documented success in this file, and nothing outside the document', () => {
    const contract = new OpenApiContract({ paths: {}, components: {} });
    expect(contract.check({ method: 'GET', path: '/anything', status: 200, contentType: 'text/plain', body: Buffer.alloc(0) })).toEqual([]);
    const document = t.api.document() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const full = new OpenApiContract(document as never);
    const answered = new Set(
      t.answers.map((a) => {
        const op = full.operation(a.method, a.path.split('?')[0]);
        return op ? `${a.method.toLowerCase()} ${op.template} ${a.status}` : '';
      }),
    );
    const missing = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) => {
        const success = Object.keys(op.responses).find((status) => status.startsWith('2'))!;
        return answered.has(`${method} ${path} ${success}`) ? [] : [`${method} ${path} ${success}`];
      }),
    );
    expect(missing).toEqual([]);
    expect(t.contractViolations).toEqual([]);

    // The checker itself: an undocumented status, media type or field is caught.
    const answer = t.answers.find((a) => a.method === 'GET' && /^\/api\/consultations\/[0-9a-f-]{36}$/.test(a.path) && a.status === 200)!;
    const body = JSON.parse(answer.body.toString());
    const withExtra = Buffer.from(JSON.stringify({ ...body, internalNote: 'x', sender: { ...body.sender, secret: 1 } }));
    expect(full.check({ ...answer, body: withExtra }).join('\n')).toMatch(/internalNote[\s\S]*secret|secret[\s\S]*internalNote/);
    expect(full.check({ ...answer, status: 418 })).toEqual([expect.stringContaining('status not documented')]);
    expect(full.check({ ...answer, contentType: 'text/html' })).toEqual([expect.stringContaining('content type text/html not documented')]);
    expect(full.check(answer)).toEqual([]);
  });
});
