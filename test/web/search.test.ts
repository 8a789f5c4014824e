import type { Page } from 'playwright-core';
import request from 'supertest';
import { addRecipient, createConsultation, organisationId } from '../support/factories';
import { bearer } from '../support/test-app';
import { TEST_PASSWORD } from '../support/test-constants';
import { checkPage, expectHeading, journey, keyboard, logIn, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Sök and Svarshistorik (issue 15): the coordinator searches the demo data the way it is typed
 * ("vald i nara relationer", without å and ä) and lands on Södermalm's section of KS 2020/924, with
 * the keyboard alone; facets narrow the hits and live in the URL; paging; nobody finds another
 * organisation's draft, and the page lists exactly what GET /api/search gives the same user. The
 * answer history of Södermalms stadsdelsnämnd per year, as the coordinator reaches it.
 */
let w: WebJourney;
let sodermalm: string;
let ks924: string;
/** Södermalm's answer to KS 2020/924 (submitted, in the demo data). */
let sodermalmAnswer: string;
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
  sodermalm = await organisationId(w.t.dataSource, 'sdn-sodermalm');
  const [row] = await w.t.dataSource.query(
    `SELECT c.id AS consultation, p.id AS response FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id
      WHERE c.case_number = 'KS 2020/924' AND r.organisation_id = $1`,
    [sodermalm],
  );
  ks924 = row.consultation;
  sodermalmAnswer = row.response;
}, 60_000);
afterAll(async () => w?.close());

const QUERY = 'vald i nara relationer';
const path = (page: Page) => new URL(page.url()).pathname;
const params = (page: Page) => new URL(page.url()).searchParams;
/** The hits' links, as the page lists them: where each one leads. */
const hitHrefs = (page: Page) => page.locator('.remiss-hit h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
const hitTitles = (page: Page) => page.locator('.remiss-hit h3 a').allTextContents();
const summary = async (page: Page) => (await page.locator('#traffar ~ p[role="status"]').textContent())?.trim();

/** What GET /api/search gives the user for the same query, as the page's links. */
async function apiHrefs(username: string, query: string): Promise<{ total: number; hrefs: string[] }> {
  const res = await request(w.t.app).get(`/api/search?${query}`).set(bearer(await w.t.login(username)));
  expect(res.status).toBe(200);
  const hrefs = res.body.items.map((hit: { kind: string; consultation: { id: string }; response: { id: string } | null; section: { key: string } | null }) =>
    hit.kind === 'consultation' ? `/remisser/${hit.consultation.id}` : hit.kind === 'statement' ? `/svar/${hit.response!.id}/utlatande` : `/svar/${hit.response!.id}/utlatande/avsnitt/${hit.section!.key}`,
  );
  return { total: res.body.total, hrefs };
}

test('keyboard only: the coordinator searches "vald i nara relationer" and lands on Södermalm\'s section of KS 2020/924', async () => {
  const { page } = await w.newPage();
  const hands = keyboard(page);
  await journey('search-keyboard', page, async () => {
    await page.goto('/logga-in');
    await hands.type(page.getByLabel('Användarnamn'), 'coordinator');
    await hands.type(page.getByLabel('Lösenord'), TEST_PASSWORD);
    await hands.press(page.getByRole('button', { name: 'Logga in' }));
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));

    await hands.press(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sök' }));
    await expectHeading(page, 'Sök');
    // Nothing searched yet: the form, what it searches, and how to write a search.
    expect(await page.locator('main').textContent()).toContain('Du hittar det du har rätt att läsa');
    expect(await page.getByRole('heading', { name: 'Så söker du' }).count()).toBe(1);
    await checkPage(page);

    await hands.type(page.getByLabel('Sök', { exact: true }), QUERY);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sok\?/);
    expect(params(page).get('q')).toBe(QUERY);
    await expectHeading(page, 'Sök');
    // Found without å and ä, ranked, the matched words marked in the snippets.
    expect(await summary(page)).toMatch(/^Visar 1–\d+ av \d+\.$/);
    expect(await page.locator('.remiss-hit mark').first().textContent()).toMatch(/^(våld|nära|relation(er)?)$/i);
    const target = `/svar/${sodermalmAnswer}/utlatande/avsnitt/`;
    const hrefs = await hitHrefs(page);
    expect(hrefs).toContain(`/remisser/${ks924}`);
    const section = hrefs.find((href) => href?.startsWith(target));
    expect(section).toBeDefined();
    const link = page.locator(`.remiss-hit h3 a[href="${section}"]`);
    expect(await link.textContent()).toMatch(/ – Södermalms stadsdelsnämnd$/);
    await checkPage(page);

    const heading = (await link.textContent())!.replace(/ – Södermalms stadsdelsnämnd$/, '');
    await hands.press(link);
    await expectHeading(page, heading);
    expect(path(page)).toBe(section);
    // Submitted: read-only for the coordinator, the words there to read.
    expect(await page.locator('[data-section-body]').textContent()).toMatch(/våld/i);
    expect(await page.locator('main form[method="post"]:not([data-session-extend])').count()).toBe(0);
    await checkPage(page);
  });
});

test('facets narrow the hits and stay in the URL (also without JavaScript); the page lists what the API finds', async () => {
  const { page } = await w.newPage();
  // A step that cannot happen fails in seconds, with its screenshot, not at the test's time limit.
  page.setDefaultTimeout(20_000);
  await journey('search-facets', page, async () => {
    await logIn(page, 'coordinator');
    await page.goto('/sok');
    await page.getByLabel('Sök', { exact: true }).fill(QUERY);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/\/sok\?/);
    await expectHeading(page, 'Sök');
    const all = await hitTitles(page);
    expect((await apiHrefs('coordinator', `q=${encodeURIComponent(QUERY)}&limit=25`)).hrefs).toEqual(await hitHrefs(page));

    await page.getByLabel('Svarande organisation').selectOption({ label: 'Södermalms stadsdelsnämnd' });
    await page.getByRole('button', { name: 'Använd filtren' }).click();
    await page.waitForLoadState();
    expect(params(page).get('organisation')).toBe(sodermalm);
    expect(params(page).get('q')).toBe(QUERY);
    const narrowed = await hitTitles(page);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.length);
    for (const title of narrowed) expect(title).toMatch(/ – Södermalms stadsdelsnämnd$/);
    expect(await page.getByRole('link', { name: 'Organisation: Södermalms stadsdelsnämnd (ta bort filtret)' }).count()).toBe(1);
    expect((await apiHrefs('coordinator', `q=${encodeURIComponent(QUERY)}&organisationId=${sodermalm}&limit=25`)).hrefs).toEqual(await hitHrefs(page));
    await checkPage(page);

    // The URL is the whole search: opened again (a bookmark) in a browser without JavaScript, the
    // same hits and the filter still chosen; a filter more is a plain form submit there too.
    const bookmark = page.url();
    const { page: again } = await w.newPage(1280, { javaScript: false });
    again.setDefaultTimeout(20_000);
    await logIn(again, 'coordinator');
    await again.goto(bookmark);
    expect(await hitTitles(again)).toEqual(narrowed);
    expect(await again.getByLabel('Svarande organisation').inputValue()).toBe(sodermalm);
    await again.getByLabel('Tillstyrker med ändringar').check();
    await again.getByRole('button', { name: 'Använd filtren' }).click();
    await again.waitForURL(/stallningstagande=tillstyrker_med_andringar/);
    expect(params(again).get('organisation')).toBe(sodermalm);
    expect(await hitHrefs(again)).toEqual((await apiHrefs('coordinator', `q=${encodeURIComponent(QUERY)}&organisationId=${sodermalm}&stance=tillstyrker_med_andringar&limit=25`)).hrefs);

    // Only sections, then only this remiss (from a hit), then the organisation filter taken off again.
    await page.getByLabel('Avsnitt i svaren').check();
    await page.getByRole('button', { name: 'Använd filtren' }).click();
    await page.waitForLoadState();
    expect(params(page).getAll('typ')).toEqual(['section']);
    const kinds = await page.locator('.remiss-hit .govuk-caption-m').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Avsnitt']));
    await page.getByRole('link', { name: 'Sök bara i KS 2020/924' }).first().click();
    await page.waitForLoadState();
    expect(params(page).get('remiss')).toBe(ks924);
    expect(await page.getByRole('link', { name: /^Remiss: KS 2020\/924 .* \(ta bort filtret\)$/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Organisation: Södermalms stadsdelsnämnd (ta bort filtret)' }).click();
    await page.waitForLoadState();
    expect(params(page).get('organisation')).toBeNull();
    expect(params(page).get('remiss')).toBe(ks924);
    const titles = await hitTitles(page);
    expect(titles.some((title) => !title.endsWith('Södermalms stadsdelsnämnd'))).toBe(true);
    await checkPage(page);

    // A date the search cannot read is named and kept in its field; the rest of the search still runs.
    await page.getByLabel('Från och med').fill('2020-13-01');
    await page.getByRole('button', { name: 'Använd filtren' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Ange datumet som ÅÅÅÅ-MM-DD');
    expect(await page.getByLabel('Från och med').inputValue()).toBe('2020-13-01');
    expect(await page.locator('.remiss-hit').count()).toBeGreaterThan(0);
    await checkPage(page);
  });
});

test('no results, exclusions alone and an empty search each say what to do', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'reader');
  await page.goto(`/sok?q=${encodeURIComponent('zzyzxkvarg')}`);
  expect(await page.locator('main').textContent()).toContain('Inga träffar för ”zzyzxkvarg”.');
  await checkPage(page);
  await page.goto(`/sok?q=${encodeURIComponent('-boende')}`);
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv minst ett ord att söka efter');
  expect(await page.getByLabel('Sök', { exact: true }).inputValue()).toBe('-boende');
  await checkPage(page);
});

test('paging: 25 hits a page, the next page from the link, as the API pages them', async () => {
  for (let n = 1; n <= 30; n++) await createConsultation(w.t.dataSource, { status: 'open', sentDate: '2026-01-10', title: `Lövgrodor i dammen, del ${n}` });
  const { page } = await w.newPage();
  await journey('search-paging', page, async () => {
    await logIn(page, 'coordinator');
    await page.goto(`/sok?q=${encodeURIComponent('lövgrodor')}`);
    expect(await summary(page)).toBe('Visar 1–25 av 30.');
    expect(await page.locator('.remiss-hit').count()).toBe(25);
    const first = await hitHrefs(page);
    await page.getByRole('link', { name: 'Nästa sida' }).click();
    expect(params(page).get('sida')).toBe('2');
    expect(params(page).get('q')).toBe('lövgrodor');
    expect(await summary(page)).toBe('Visar 26–30 av 30.');
    const second = await hitHrefs(page);
    expect(second).toHaveLength(5);
    expect(second.filter((href) => first.includes(href))).toEqual([]);
    expect((await apiHrefs('coordinator', `q=l%C3%B6vgrodor&limit=25&offset=25`)).hrefs).toEqual(second);
    await checkPage(page);
  });
});

test("another organisation's draft is never found, and its text never shown; the draft's own organisation finds it, escaped", async () => {
  const remiss = await createConsultation(w.t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01', title: 'Remiss om dammar' });
  const { response } = await addRecipient(w.t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  await addRecipient(w.t.dataSource, remiss.id, 'sdn-norra-innerstaden', { sentAt: new Date('2026-09-01T08:00:00Z') });
  const drafter = bearer(await w.t.login('handlaggare.sodermalm'));
  expect((await request(w.t.app).post(`/api/responses/${response.id}/transitions`).set(drafter).send({ action: 'start' })).status).toBe(200);
  const sectionUrl = `/api/responses/${response.id}/statement/sections/sammanfattning`;
  const etag = (await request(w.t.app).get(sectionUrl).set(drafter)).headers.etag;
  const text = 'Pingvinkolonin <img src=x onerror=alert(1)> & "citat" behöver en egen damm.';
  const saved = await request(w.t.app).put(sectionUrl).set(drafter).set('If-Match', etag).send({ body: [{ type: 'paragraph', content: [{ text }] }] });
  expect(saved.status).toBe(200);
  const query = 'pingvinkolonin OR dammar';

  // Norra innerstaden received the same remiss: it finds the remiss, never Södermalm's draft.
  for (const username of ['handlaggare.norrainnerstaden', 'coordinator']) {
    const { page } = await w.newPage();
    await logIn(page, username);
    await page.goto(`/sok?q=${encodeURIComponent(query)}`);
    const api = await apiHrefs(username, `q=${encodeURIComponent(query)}&limit=25`);
    expect({ username, hrefs: await hitHrefs(page) }).toEqual({ username, hrefs: api.hrefs });
    expect(api.hrefs).toContain(`/remisser/${remiss.id}`);
    expect(api.hrefs.some((href) => href.startsWith(`/svar/${response.id}`))).toBe(false);
    expect(await page.locator('main').textContent()).not.toContain('Pingvinkolonin');
    await checkPage(page);
  }

  const { page } = await w.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await logIn(page, 'handlaggare.sodermalm');
  await page.goto(`/sok?q=${encodeURIComponent(query)}`);
  expect(await hitHrefs(page)).toEqual((await apiHrefs('handlaggare.sodermalm', `q=${encodeURIComponent(query)}&limit=25`)).hrefs);
  const hit = page.locator('.remiss-hit', { has: page.locator(`h3 a[href="/svar/${response.id}/utlatande/avsnitt/sammanfattning"]`) });
  expect(await hit.locator('.govuk-tag').textContent()).toBe('Utkast');
  expect(await hit.locator('mark').first().textContent()).toBe('Pingvinkolonin');
  // The user's markup is text: shown as typed, never an element.
  expect(await hit.locator('.remiss-hit__snippet').textContent()).toContain('<img src=x onerror=alert(1)> & "citat"');
  expect(await page.locator('.remiss-hits img').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await checkPage(page);
});

test("the coordinator opens Södermalm's svarshistorik from KS 2020/924's svarsläge: the year with its counts, and the answers", async () => {
  const { page } = await w.newPage();
  await journey('answer-history', page, async () => {
    await logIn(page, 'coordinator');
    await page.goto(`/remisser/${ks924}/svar`);
    await page.getByRole('link', { name: 'Svarshistorik för Södermalms stadsdelsnämnd' }).click();
    await expectHeading(page, 'Svarshistorik');
    expect(path(page)).toBe(`/organisationer/${sodermalm}/svarshistorik`);
    expect(await page.locator('main .govuk-caption-l').textContent()).toBe('Södermalms stadsdelsnämnd');

    const api = await request(w.t.app).get(`/api/organisations/${sodermalm}/answer-history`).set(bearer(await w.t.login('coordinator')));
    const year2020 = api.body.years.find((year: { year: number }) => year.year === 2020);
    // KS 2020/924: answered on 2 December 2020, within its anstånd.
    expect(year2020.on_time).toBeGreaterThanOrEqual(1);
    const row = page.locator('table').first().locator('tbody tr', { has: page.locator('th', { hasText: /^2020$/ }) });
    const cell = async (label: string) => (await row.locator(`td[data-label="${label}"]`).textContent())?.trim();
    expect({ answered: await cell('Besvarade'), onTime: await cell('I tid'), late: await cell('Sent'), declined: await cell('Avstår'), noComments: await cell('Inga synpunkter') }).toEqual({
      answered: String(year2020.answered),
      onTime: String(year2020.on_time),
      late: String(year2020.late),
      declined: String(year2020.declined),
      noComments: String(year2020.no_comments),
    });
    const answer = page.locator('table').nth(1).locator('tbody tr', { hasText: 'KS 2020/924' });
    expect(await answer.locator('td[data-label="Utfall"]').textContent()).toBe('I tid');
    expect(await answer.locator('td[data-label="Besvarad"]').textContent()).toBe('2 december 2020');
    await checkPage(page);
    await answer.getByRole('link').click();
    expect(path(page)).toBe(`/remisser/${ks924}`);
  });

  // The registrator from the register's page; another organisation's handläggare may not look.
  const registrar = await w.newPage();
  await logIn(registrar.page, 'registrator');
  await registrar.page.goto(`/organisationer/${sodermalm}`);
  await registrar.page.getByRole('link', { name: 'Svarshistorik' }).click();
  await expectHeading(registrar.page, 'Svarshistorik');
  expect(await registrar.page.getByRole('navigation', { name: 'Du är här' }).getByRole('link').allTextContents()).toEqual(['Start', 'Organisationer', 'Södermalms stadsdelsnämnd']);
  const outsider = await w.newPage();
  await logIn(outsider.page, 'handlaggare.norrainnerstaden');
  const refused = await outsider.page.goto(`/organisationer/${sodermalm}/svarshistorik`);
  expect(refused!.status()).toBe(403);
  await expectHeading(outsider.page, 'Du har inte behörighet');
  // The board offers the link only to those who may follow it.
  const [open] = await w.t.dataSource.query(`SELECT c.id FROM consultations c JOIN recipients r ON r.consultation_id = c.id JOIN organisations o ON o.id = r.organisation_id WHERE c.status = 'open' AND o.register_key = 'sdn-norra-innerstaden' LIMIT 1`);
  await outsider.page.goto(`/remisser/${open.id}/svar`);
  expect(await outsider.page.getByRole('link', { name: /^Svarshistorik/ }).count()).toBe(0);
});
