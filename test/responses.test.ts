import request from 'supertest';
import { loadStatementDocument } from '../src/documents/statement-document.loader';
import { todayInStockholm } from '../src/shared/dates';
import { addRecipient, createConsultation, organisationId } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { TEST_PASSWORD } from './support/test-constants';

let t: TestApp;
let registrator: Record<string, string>;
let handlaggare: Record<string, string>;
let attestant: Record<string, string>;
let colleague: Record<string, string>;
let consultationId: string;
const responseOf: Record<string, string> = {};

const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text }] }];
const transition = (id: string, body: object, auth = handlaggare) => request(t.app).post(`/api/responses/${id}/transitions`).set(auth).send(body);
const statement = (id: string, auth = handlaggare) => request(t.app).get(`/api/responses/${id}/statement`).set(auth);
const saveSection = (id: string, key: string, etag: string | undefined, body: object, auth = handlaggare) => {
  const req = request(t.app).put(`/api/responses/${id}/statement/sections/${key}`).set(auth);
  return (etag ? req.set('If-Match', etag) : req).send(body);
};

beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  handlaggare = bearer(await t.login('handlaggare.sodermalm'));
  attestant = bearer(await t.login('attestant.sodermalm'));
  const admin = bearer(await t.login('admin'));
  await request(t.app)
    .post('/api/users')
    .set(admin)
    .send({ username: 'kollega.sodermalm', name: 'Kim Kollega', organisationId: await organisationId(t.dataSource, 'sdf-sodermalm'), roles: ['handlaggare'], password: TEST_PASSWORD });
  colleague = bearer(await t.login('kollega.sodermalm'));
  const ids = Object.fromEntries(await Promise.all(['kommunstyrelsen', 'socialforvaltningen', 'sdn-sodermalm', 'sdn-norra-innerstaden', 'unizon', 'roks'].map(async (k) => [k, await organisationId(t.dataSource, k)])));
  const created = await request(t.app).post('/api/consultations').set(registrator).send({ caseNumber: 'KS 2026/300', title: 'Program för trygghet', kind: 'program', senderId: ids.kommunstyrelsen, coordinatorId: ids.socialforvaltningen, registeredDate: '2026-10-01', dueDate: '2027-02-26' });
  consultationId = created.body.id;
  await request(t.app).post(`/api/consultations/${consultationId}/recipients`).set(registrator).send({ organisationIds: [ids['sdn-sodermalm'], ids['sdn-norra-innerstaden'], ids.unizon, ids.roks] });
  await request(t.app).post(`/api/consultations/${consultationId}/send`).set(registrator);
  const board = await request(t.app).get(`/api/consultations/${consultationId}/recipients`).set(registrator);
  for (const row of board.body.items) responseOf[row.organisation.name] = row.responseId;
});
afterAll(() => t.close());

describe('organisation scope', () => {
  it('a råd answers for itself: its staff do not act for kommunstyrelsen, nor kommunstyrelsen’s for the råd', async () => {
    const admin = bearer(await t.login('admin'));
    const councilUser = { username: 'handlaggare.pensionarsradet', name: 'Pia Rådsdotter', organisationId: await organisationId(t.dataSource, 'ks-pensionarsrad'), roles: ['handlaggare'], password: TEST_PASSWORD };
    const slkUser = { username: 'handlaggare.slk', name: 'Sam Ledning', organisationId: await organisationId(t.dataSource, 'stadsledningskontoret'), roles: ['handlaggare'], password: TEST_PASSWORD };
    for (const user of [councilUser, slkUser]) expect((await request(t.app).post('/api/users').set(admin).send(user)).status).toBe(201);
    const council = bearer(await t.login(councilUser.username));
    const slk = bearer(await t.login(slkUser.username));
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
    const { response: ks } = await addRecipient(t.dataSource, remiss.id, 'kommunstyrelsen', { sentAt: new Date('2026-10-01') });
    const { response: rad } = await addRecipient(t.dataSource, remiss.id, 'ks-pensionarsrad', { sentAt: new Date('2026-10-01') });
    // Stadsledningskontoret is kommunstyrelsen's förvaltning: it writes kommunstyrelsen's answer.
    expect((await transition(ks.id, { action: 'start' }, slk)).status).toBe(200);
    expect((await statement(ks.id, council)).status).toBe(404);
    expect((await transition(ks.id, { action: 'submit_for_review' }, council)).status).toBe(404);
    expect((await transition(rad.id, { action: 'start' }, council)).status).toBe(200);
    expect((await statement(rad.id, slk)).status).toBe(404);
  });
});

describe('from not_started to submitted', () => {
  const id = () => responseOf['Södermalms stadsdelsnämnd'];

  it('starting fills the standard sections in order with default texts and a header', async () => {
    expect((await statement(id())).status).toBe(404);
    const started = await transition(id(), { action: 'start' });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('drafting');
    const res = await statement(id());
    expect(res.body.sections.map((s: { heading: string }) => s.heading)).toEqual([
      'Förslag till beslut',
      'Sammanfattning',
      'Bakgrund',
      'Ärendets beredning',
      'Ärendet',
      'Jämställdhetsanalys',
      'Barnrättsperspektiv',
      'Förvaltningens synpunkter och förslag',
    ]);
    expect(res.body.sections[0].body).toEqual(paragraph('Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det som svar till kommunstyrelsen.'));
    expect(res.body.sections[2].body[0].content[0].text).toContain('senast den 26 februari 2027');
    expect(res.body.header).toMatchObject({ administration: 'Södermalms stadsdelsförvaltning', to: 'Södermalms stadsdelsnämnd', remissCaseNumber: 'KS 2026/300', subtitle: 'Svar på remiss från kommunstyrelsen, Dnr KS 2026/300', officer: { name: 'Hanna Söderberg' } });
  });

  it('two people save different sections at the same time; both land', async () => {
    const current = (await statement(id())).body;
    const etagOf = (key: string) => current.sections.find((s: { key: string }) => s.key === key).etag;
    const [a, b] = await Promise.all([
      saveSection(id(), 'sammanfattning', etagOf('sammanfattning'), { body: paragraph('Förvaltningen är positiv till programmet.') }),
      saveSection(id(), 'forvaltningens-synpunkter', etagOf('forvaltningens-synpunkter'), { body: [{ type: 'bullet_list', items: [{ content: [{ text: 'Tydligare mål', bold: true }, { footnote: 'Se avsnitt 3.' }] }] }], stance: 'tillstyrker_med_andringar' }, colleague),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = (await statement(id())).body;
    expect(after.sections.find((s: { key: string }) => s.key === 'sammanfattning').body).toEqual(paragraph('Förvaltningen är positiv till programmet.'));
    expect(after.sections.find((s: { key: string }) => s.key === 'forvaltningens-synpunkter').stance).toBe('tillstyrker_med_andringar');
  });

  it('the header is saved with its own ETag, so a section saved meanwhile is no conflict; a stale header save is 412; a required section cannot be removed', async () => {
    const current = (await statement(id())).body;
    const { header, signatories, enclosures, stance, headerEtag } = current;
    const section = current.sections.find((s: { key: string }) => s.key === 'bakgrund');
    expect((await saveSection(id(), 'bakgrund', section.etag, { body: paragraph('Bakgrunden i korthet.') }, colleague)).status).toBe(200);
    const put = (etag: string, title: string) => request(t.app).put(`/api/responses/${id()}/statement/header`).set(handlaggare).set('If-Match', etag).send({ header: { ...header, title }, signatories, enclosures, stance });
    const saved = await put(headerEtag, 'Svar om trygghet');
    expect(saved.status).toBe(200);
    expect(saved.body.header.title).toBe('Svar om trygghet');
    expect(saved.body.headerEtag).not.toBe(headerEtag);
    expect(saved.body.sections.find((s: { key: string }) => s.key === 'bakgrund').body).toEqual(paragraph('Bakgrunden i korthet.'));
    expect((await put(headerEtag, 'Någon annans rubrik')).status).toBe(412);
    expect((await statement(id())).body.header.title).toBe('Svar om trygghet');

    const whole = (await statement(id())).body;
    const withoutRequired = whole.sections.filter((s: { key: string }) => s.key !== 'forslag-till-beslut').map((s: { key: string; heading: string; body: unknown; stance: unknown }) => ({ key: s.key, heading: s.heading, body: s.body, stance: s.stance }));
    const removed = await request(t.app).put(`/api/responses/${id()}/statement`).set(handlaggare).set('If-Match', `"v${whole.version}"`).send({ header: whole.header, signatories, enclosures, stance, sections: withoutRequired });
    expect(removed.status).toBe(400);
    expect(removed.body.errors).toEqual([{ path: 'body.sections.forslag-till-beslut', message: 'is a required section and cannot be removed' }]);
  });

  it('of 50 concurrent saves of one section with the same ETag exactly one wins, adding one revision', async () => {
    const etag = (await request(t.app).get(`/api/responses/${id()}/statement/sections/arendet`).set(handlaggare)).headers.etag;
    const before = (await request(t.app).get(`/api/responses/${id()}/revisions`).set(handlaggare)).body.total;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => saveSection(id(), 'arendet', etag, { body: paragraph(`Version ${i}`) })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(49);
    expect((await request(t.app).get(`/api/responses/${id()}/revisions`).set(handlaggare)).body.total).toBe(before + 1);
  });

  it('refuses bad edits precisely and changes nothing', async () => {
    const etag = (await request(t.app).get(`/api/responses/${id()}/statement/sections/sammanfattning`).set(handlaggare)).headers.etag;
    expect((await saveSection(id(), 'sammanfattning', undefined, { body: paragraph('x') })).status).toBe(428);
    expect((await saveSection(id(), 'sammanfattning', '"v999"', { body: paragraph('x') })).status).toBe(412);
    expect((await saveSection(id(), 'okand-rubrik', '"v1"', { body: paragraph('x') })).status).toBe(404);
    const empty = await saveSection(id(), 'sammanfattning', etag, { body: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toMatch(/required section/);
    const long = await saveSection(id(), 'sammanfattning', etag, { body: Array.from({ length: 6 }, () => ({ type: 'paragraph', content: [{ text: 'å'.repeat(9_000) }] })) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].message).toMatch(/at most 50000/);
    const html = await saveSection(id(), 'sammanfattning', etag, { body: [{ type: 'html', content: '<script>' }] });
    expect(html.status).toBe(400);
    const whole = (await statement(id())).body;
    const unknownKey = await request(t.app).put(`/api/responses/${id()}/statement`).set(handlaggare).set('If-Match', `"v${whole.version}"`).send({ header: whole.header, signatories: [], enclosures: [], stance: null, sections: [{ key: 'hemlig', body: paragraph('x') }] });
    expect(unknownKey.status).toBe(400);
    expect((await statement(id())).body.sections.find((s: { key: string }) => s.key === 'sammanfattning').body).toEqual(paragraph('Förvaltningen är positiv till programmet.'));
  });

  it('other organisations see neither the draft nor its revisions (404)', async () => {
    const norraInnerstaden = bearer(await t.login('handlaggare.norrainnerstaden'));
    expect((await statement(id(), norraInnerstaden)).status).toBe(404);
    expect((await request(t.app).get(`/api/responses/${id()}/revisions`).set(norraInnerstaden)).status).toBe(404);
    expect((await transition(id(), { action: 'submit_for_review' }, norraInnerstaden)).status).toBe(404);
    expect((await statement(id(), bearer(await t.login('coordinator')))).status).toBe(404);
    expect((await statement(id(), registrator)).status).toBe(404);
  });

  it('checks state and role on every transition', async () => {
    const wrongState = await transition(id(), { action: 'approve' }, attestant);
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.detail).toBe('Cannot approve a response that is drafting; it must be in_review.');
    // A statement goes to review with its overall ställningstagande (response-visibility.test.ts).
    const current = await statement(id());
    const { header, signatories, enclosures, sections } = current.body;
    const keep = sections.map(({ key, heading, body, stance }: { key: string; heading: string; body: unknown; stance: string | null }) => ({ key, heading, body, stance }));
    expect((await request(t.app).put(`/api/responses/${id()}/statement`).set(handlaggare).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance: 'tillstyrker_med_andringar', sections: keep })).status).toBe(200);
    expect((await transition(id(), { action: 'submit_for_review' })).status).toBe(200);
    expect((await transition(id(), { action: 'approve' })).status).toBe(403);
    const approved = await transition(id(), { action: 'approve' }, attestant);
    expect(approved.body).toMatchObject({ status: 'approved', approvals: [{ name: 'Arvid Malmsten', title: 'Stadsdelsdirektör' }] });
    const decided = await transition(id(), { action: 'decide', meetingDate: '2027-02-18', paragraph: '§ 14', outcome: 'approved_as_proposed', decisionText: 'Stadsdelsnämnden beslutade enligt förvaltningens förslag.' }, attestant);
    expect(decided.body).toMatchObject({ status: 'decided', decisions: [{ paragraph: '§ 14', outcome: 'approved_as_proposed' }] });
    const submitted = await transition(id(), { action: 'submit', submittedDate: todayInStockholm() });
    expect(submitted.body).toMatchObject({ status: 'submitted', answeredDate: todayInStockholm(), late: false });
    expect(submitted.body.timeline.filter((e: { type: string }) => e.type === 'response_status_changed').map((e: { detail: { to: string } }) => e.detail.to)).toEqual(['drafting', 'in_review', 'approved', 'decided', 'submitted']);
  });

  it('after submission the statement is a record: edits 409, corrections are revisions with a reason', async () => {
    const etag = (await request(t.app).get(`/api/responses/${id()}/statement/sections/sammanfattning`).set(handlaggare)).headers.etag;
    const edit = await saveSection(id(), 'sammanfattning', etag, { body: paragraph('Ändrat i efterhand') });
    expect(edit.status).toBe(409);
    const correct = (ifMatch: string | undefined, body: object) => {
      const req = request(t.app).post(`/api/responses/${id()}/statement/corrections`).set(handlaggare);
      return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
    };
    const fix = (text: string) => ({ reason: 'Felskrivet årtal rättat', sections: [{ key: 'sammanfattning', body: paragraph(text) }] });
    const current = (await statement(id())).headers.etag;
    expect((await correct(undefined, fix('Utan ETag'))).status).toBe(428);
    // A correction may not empty a required section: the record keeps its required text.
    expect((await correct(current, { reason: 'Tömt', sections: [{ key: 'sammanfattning', body: [] }] })).status).toBe(400);
    // Two people correcting from the same reading: one wins, the other is told to read again.
    const [a, b] = await Promise.all([correct(current, fix('Förvaltningen är positiv till programmet 2027.')), correct(current, fix('Förvaltningen är positiv till programmet 2028.'))]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    const correction = a.status === 201 ? a : b;
    expect(correction.headers.etag).not.toBe(current);
    const revisions = await request(t.app).get(`/api/responses/${id()}/revisions`).set(handlaggare);
    expect(revisions.body.items[0]).toMatchObject({ kind: 'correction', reason: 'Felskrivet årtal rättat', authorName: 'Hanna Söderberg' });
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'statement.corrected'`);
    expect(audit[0].n).toBe(1);
  });

  it('the coordinator and the registrator read the submitted answer', async () => {
    expect((await statement(id(), bearer(await t.login('coordinator')))).status).toBe(200);
    expect((await statement(id(), registrator)).status).toBe(200);
  });
});

describe('revisions', () => {
  const id = () => responseOf['Norra innerstadens stadsdelsnämnd'];
  const norraInnerstaden = () => t.login('handlaggare.norrainnerstaden').then(bearer);

  it('diffs two revisions per section and restores an old one as a new revision', async () => {
    const auth = await norraInnerstaden();
    await transition(id(), { action: 'start' }, auth);
    const etag = (await request(t.app).get(`/api/responses/${id()}/statement/sections/sammanfattning`).set(auth)).headers.etag;
    await saveSection(id(), 'sammanfattning', etag, { body: paragraph('Nämnden stöder förslaget.') }, auth);
    const list = (await request(t.app).get(`/api/responses/${id()}/revisions`).set(auth)).body.items;
    const [latest, first] = [list[0], list[list.length - 1]];
    const diff = await request(t.app).get(`/api/responses/${id()}/revisions/diff?from=${first.id}&to=${latest.id}`).set(auth);
    const summary = diff.body.sections.find((s: { key: string }) => s.key === 'sammanfattning');
    expect(summary.change).toBe('changed');
    expect(summary.parts).toEqual(expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('stöder') }]));
    expect(diff.body.sections.find((s: { key: string }) => s.key === 'bakgrund').change).toBe('unchanged');
    const restore = (ifMatch: string) => request(t.app).post(`/api/responses/${id()}/revisions/${first.id}/restore`).set(auth).set('If-Match', ifMatch).send({ reason: 'Tillbaka till utgångsläget' });
    // A restore replaces every section: with a stale statement ETag it would undo a save it never saw.
    expect((await restore('"v1"')).status).toBe(412);
    const restored = await restore((await statement(id(), auth)).headers.etag);
    expect(restored.status).toBe(201);
    expect(restored.body.sections.find((s: { key: string }) => s.key === 'sammanfattning').body).toEqual([]);
    const after = (await request(t.app).get(`/api/responses/${id()}/revisions`).set(auth)).body;
    expect(after.total).toBe(list.length + 1);
    expect(after.items[0]).toMatchObject({ kind: 'restore', reason: 'Tillbaka till utgångsläget' });
  });

  it('a section removed and added again does not take an ETag read before: the stale editor gets 412', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
    const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01') });
    await transition(response.id, { action: 'start' });
    const putWhole = async (mutate: (sections: Array<{ key: string; heading: string; body: unknown; stance: string | null }>) => unknown[]) => {
      const current = await statement(response.id);
      const { header, signatories, enclosures, stance, sections } = current.body;
      const body = { header, signatories, enclosures, stance, sections: mutate(sections.map(({ key, heading, body, stance }: { key: string; heading: string; body: unknown; stance: string | null }) => ({ key, heading, body, stance }))) };
      return request(t.app).put(`/api/responses/${response.id}/statement`).set(handlaggare).set('If-Match', current.headers.etag).send(body);
    };
    const own = { key: 'egen-ekonomi', heading: 'Ekonomi', body: paragraph('Första texten.'), stance: null };
    // Every section gets text, so the required ones are satisfied.
    const withRequired = (sections: Array<{ key: string; body: unknown }>) => sections.map((section) => ({ ...section, body: paragraph('Text.') }));
    expect((await putWhole((sections) => [...withRequired(sections), own])).status).toBe(200);
    const staleEtag = (await request(t.app).get(`/api/responses/${response.id}/statement/sections/egen-ekonomi`).set(handlaggare)).headers.etag;
    expect((await putWhole((sections) => sections.filter((section) => section.key !== 'egen-ekonomi'))).status).toBe(200);
    expect((await putWhole((sections) => [...sections, { ...own, body: paragraph('Den nya texten.') }])).status).toBe(200);
    expect((await saveSection(response.id, 'egen-ekonomi', staleEtag, { body: paragraph('Skriver över?') })).status).toBe(412);
    const now = await request(t.app).get(`/api/responses/${response.id}/statement/sections/egen-ekonomi`).set(handlaggare);
    expect(JSON.stringify(now.body)).toContain('Den nya texten.');
  });

  it("refuses to restore another response's revision", async () => {
    const other = (await request(t.app).get(`/api/responses/${responseOf['Södermalms stadsdelsnämnd']}/revisions`).set(handlaggare)).body.items[0].id;
    const auth = await norraInnerstaden();
    const etag = (await statement(id(), auth)).headers.etag;
    expect((await request(t.app).post(`/api/responses/${id()}/revisions/${other}/restore`).set(auth).set('If-Match', etag).send({})).status).toBe(404);
  });

  it('shares the draft with the coordinator only when the organisation chooses to', async () => {
    const coordinator = bearer(await t.login('coordinator'));
    expect((await statement(id(), coordinator)).status).toBe(404);
    const current = await request(t.app).get(`/api/responses/${id()}`).set(await norraInnerstaden());
    const shared = await request(t.app).patch(`/api/responses/${id()}`).set(await norraInnerstaden()).set('If-Match', current.headers.etag).send({ sharedWithCoordinator: true });
    expect(shared.status).toBe(200);
    expect((await statement(id(), coordinator)).status).toBe(200);
  });
});

describe('answers from outside the system', () => {
  it('the registrator uploads the paper answer to the response; others see it once the answer is recorded', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const uploaded = await request(t.app).post(`/api/responses/${responseOf['Unizon']}/attachments`).set(registrator).attach('file', pdf, { filename: 'Svar från Unizon.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const norraInnerstaden = bearer(await t.login('handlaggare.norrainnerstaden'));
    expect((await request(t.app).get(`/api/responses/${responseOf['Unizon']}/attachments`).set(norraInnerstaden)).status).toBe(404);
    expect((await request(t.app).post(`/api/responses/${responseOf['Unizon']}/attachments`).set(norraInnerstaden).attach('file', pdf, 'x.pdf')).status).toBe(404);
  });

  it('the registrator records a paper answer and an avstår; the status board counts all of it', async () => {
    // An answer cannot arrive in the future, nor before the remiss was sent.
    const tomorrow = todayInStockholm(new Date(Date.now() + 86_400_000));
    const early = await transition(responseOf['Unizon'], { action: 'record_external', receivedDate: tomorrow, stance: 'tillstyrker' }, registrator);
    expect(early.status).toBe(400);
    expect(early.body.errors[0].path).toBe('body.receivedDate');
    expect((await transition(responseOf['Unizon'], { action: 'record_external', receivedDate: '2020-01-01', stance: 'tillstyrker' }, registrator)).status).toBe(400);
    const external = await transition(responseOf['Unizon'], { action: 'record_external', receivedDate: todayInStockholm(), stance: 'tillstyrker' }, registrator);
    expect(external.body).toMatchObject({ status: 'submitted', receivedExternally: true, answeredDate: todayInStockholm(), stance: 'tillstyrker' });
    const roks = Object.keys(responseOf).find((name) => name.includes('kvinnojourer'))!;
    const declined = await transition(responseOf[roks], { action: 'decline', reason: 'Saknar resurser att svara' }, registrator);
    expect(declined.body).toMatchObject({ status: 'declined', declinedReason: 'Saknar resurser att svara' });
    expect((await transition(responseOf[roks], { action: 'decline' }, registrator)).status).toBe(409);
    expect((await transition(responseOf['Unizon'], { action: 'start' }, registrator)).status).toBe(404);
    const board = await request(t.app).get(`/api/consultations/${consultationId}/recipients`).set(registrator);
    expect(board.body.counts.byStatus).toMatchObject({ submitted: 2, declined: 1, drafting: 1 });
    const norraInnerstaden = bearer(await t.login('handlaggare.norrainnerstaden'));
    const files = await request(t.app).get(`/api/responses/${responseOf['Unizon']}/attachments`).set(norraInnerstaden);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['Svar från Unizon.pdf']);
    const content = await request(t.app).get(`/api/responses/${responseOf['Unizon']}/attachments/${files.body.items[0].id}/content`).set(norraInnerstaden).buffer(true);
    expect(content.status).toBe(200);
    expect(content.body.toString('latin1')).toMatch(/^%PDF-1.4/);
  });
});

describe('a fresh draft', () => {
  it('takes a whole-statement save (a new header) before its required sections are written; submit_for_review is where they must hold text', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
    const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01') });
    await transition(response.id, { action: 'start' });
    const current = await statement(response.id);
    const { header, signatories, enclosures, stance, sections } = current.body;
    expect(sections.some((section: { body: unknown[] }) => section.body.length === 0)).toBe(true);
    const saved = await request(t.app)
      .put(`/api/responses/${response.id}/statement`)
      .set(handlaggare)
      .set('If-Match', current.headers.etag)
      .send({ header: { ...header, ownCaseNumber: 'SÖ 2026/77' }, signatories, enclosures, stance, sections: sections.map(({ key, heading, body, stance: own }: { key: string; heading: string; body: unknown; stance: string | null }) => ({ key, heading, body, stance: own })) });
    expect(saved.status).toBe(200);
    expect((await transition(response.id, { action: 'submit_for_review' })).status).toBe(409);
  });
});

describe('attest', () => {
  it('the statement shows only the attest given to its current version: one from before a return to drafting is history', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
    const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01') });
    await transition(response.id, { action: 'start' });
    const current = await statement(response.id);
    const { header, signatories, enclosures, sections } = current.body;
    const filled = sections.map(({ key, heading }: { key: string; heading: string }) => ({ key, heading, body: paragraph('Text.'), stance: null }));
    expect((await request(t.app).put(`/api/responses/${response.id}/statement`).set(handlaggare).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance: 'tillstyrker', sections: filled })).status).toBe(200);
    for (const [action, auth] of [['submit_for_review', handlaggare], ['approve', attestant], ['return_to_drafting', handlaggare], ['submit_for_review', handlaggare]] as const) {
      expect([action, (await transition(response.id, { action }, auth)).status]).toEqual([action, 200]);
    }
    expect((await loadStatementDocument(t.dataSource.manager, response.id)).approvals).toEqual([]);
    expect((await transition(response.id, { action: 'approve' }, attestant)).status).toBe(200);
    expect((await loadStatementDocument(t.dataSource.manager, response.id)).approvals).toHaveLength(1);
    // The response keeps both approvals as its history.
    expect((await request(t.app).get(`/api/responses/${response.id}`).set(handlaggare)).body.approvals).toHaveLength(2);
  });
});

describe('a remissinstans the remiss has not been sent to', () => {
  it('has nothing to answer yet: every transition is a 409, even for a registrator', async () => {
    const draft = await createConsultation(t.dataSource, { status: 'draft' });
    const { response } = await addRecipient(t.dataSource, draft.id, 'sdn-sodermalm', { sentAt: null });
    for (const body of [{ action: 'decline', reason: 'Hinner inte' }, { action: 'record_external', receivedDate: todayInStockholm(), stance: 'tillstyrker' }]) {
      const res = await transition(response.id, body, registrator);
      expect([body.action, res.status, res.body.type]).toEqual([body.action, 409, expect.stringMatching(/not-sent$/)]);
    }
  });
});

describe('a statement abandoned for avstår', () => {
  it('stays a draft: nobody outside the organisation reads it', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28' });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    await transition(response.id, { action: 'start' });
    const etag = (await request(t.app).get(`/api/responses/${response.id}/statement/sections/sammanfattning`).set(handlaggare)).headers.etag;
    await saveSection(response.id, 'sammanfattning', etag, { body: paragraph('Ett halvfärdigt utkast') });
    expect((await transition(response.id, { action: 'decline', reason: 'Berör inte nämnden' })).body.status).toBe('declined');
    for (const auth of [registrator, bearer(await t.login('coordinator')), bearer(await t.login('reader'))]) {
      expect((await statement(response.id, auth)).status).toBe(404);
      expect((await request(t.app).get(`/api/responses/${response.id}/revisions`).set(auth)).status).toBe(404);
    }
    expect((await request(t.app).get(`/api/responses/${response.id}`).set(registrator)).body).toMatchObject({ status: 'declined', declinedReason: 'Berör inte nämnden' });
  });

  it.each(['decline', 'record_external'] as const)('its bilagor stay the organisation’s own too (%s)', async (action) => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', coordinatorId: await organisationId(t.dataSource, 'socialforvaltningen') });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    await addRecipient(t.dataSource, consultation.id, 'sdn-ostermalm', { sentAt: new Date('2020-08-28') });
    await transition(response.id, { action: 'start' });
    const text = Buffer.from('Utkast till bilaga: siffror som inte är klara.\n');
    const bilaga = await request(t.app).post(`/api/responses/${response.id}/attachments`).set(handlaggare).attach('file', text, { filename: 'utkast-bilaga.txt', contentType: 'text/plain' });
    expect(bilaga.body).toMatchObject({ answerDocument: false });
    const body = action === 'decline' ? { action, reason: 'Berör inte nämnden' } : { action, receivedDate: '2020-11-20', stance: 'tillstyrker' };
    expect((await transition(response.id, body, registrator)).status).toBe(200);
    const paper = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const answer = await request(t.app).post(`/api/responses/${response.id}/attachments`).set(registrator).attach('file', paper, { filename: 'Svaret.pdf', contentType: 'application/pdf' });
    expect(answer.body).toMatchObject({ answerDocument: true });
    for (const auth of [registrator, bearer(await t.login('coordinator')), bearer(await t.login('handlaggare.ostermalm')), bearer(await t.login('reader'))]) {
      const files = await request(t.app).get(`/api/responses/${response.id}/attachments`).set(auth);
      expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['Svaret.pdf']);
      expect((await request(t.app).get(`/api/responses/${response.id}/attachments/${bilaga.body.id}/content`).set(auth)).status).toBe(404);
    }
    const own = await request(t.app).get(`/api/responses/${response.id}/attachments`).set(handlaggare);
    expect(own.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['utkast-bilaga.txt', 'Svaret.pdf']);
  });
});
