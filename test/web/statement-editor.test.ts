import type { Page } from 'playwright-core';
import request from 'supertest';
import { addRecipient, createConsultation } from '../support/factories';
import { bearer } from '../support/test-app';
import { axeViolations, expectHeading, journey, logIn, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * The statement editor (issue 13): the tjänsteutlåtande's page with its sections in order (add an
 * own one, move, remove), the header form with its own ETag, and the rule that a draft is its
 * organisation's own: another organisation's handläggare gets 404 for every page of it.
 */
let w: WebJourney;
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => w?.close());

async function check(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.title()).toMatch(/ – Remisser – Stockholms stad$/);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await scrollsSideways(page)).toBe(false);
  await page.setViewportSize(size);
}

const notice = async (page: Page) => (await page.locator('.govuk-notification-banner--success').textContent()) ?? '';

/** Södermalm's answer to a fresh open remiss, its draft started by its handläggare. */
async function startedDraft(): Promise<string> {
  const remiss = await createConsultation(w.t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01', title: 'Remiss att skriva svar på' });
  const { response } = await addRecipient(w.t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  const started = await request(w.t.app).post(`/api/responses/${response.id}/transitions`).set(bearer(await w.t.login('handlaggare.sodermalm'))).send({ action: 'start' });
  expect(started.status).toBe(200);
  return response.id;
}

test('the statement: header fields saved with their own ETag, an own section added, moved up and removed; the required ones cannot be removed', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await journey('statement-overview', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${id}/utlatande`);
    await expectHeading(page, 'Tjänsteutlåtande');
    await check(page);
    const headings = () => page.locator('.remiss-section-list__item h3').allTextContents();
    const before = await headings();
    expect(before.length).toBeGreaterThan(3);

    await page.getByLabel('Lägg till ett eget avsnitt').fill('Vår särskilda fråga');
    await page.getByRole('button', { name: 'Lägg till avsnitt' }).click();
    expect(new URL(page.url()).pathname).toBe(`/svar/${id}/utlatande/avsnitt/egen-var-sarskilda-fraga`);
    await page.goto(`/svar/${id}/utlatande`);
    expect(await headings()).toEqual([...before, 'Vår särskilda fråga']);
    await page.getByRole('button', { name: 'Flytta upp Vår särskilda fråga' }).click();
    expect(await notice(page)).toContain('Avsnittet är flyttat.');
    expect(await headings()).toEqual([...before.slice(0, -1), 'Vår särskilda fråga', before.at(-1)]);

    await page.getByRole('link', { name: 'Ta bort Vår särskilda fråga' }).click();
    await expectHeading(page, 'Ta bort avsnittet Vår särskilda fråga?');
    await check(page);
    await page.getByRole('button', { name: 'Ta bort avsnittet' }).click();
    expect(await notice(page)).toContain('Avsnittet är borttaget.');
    expect(await headings()).toEqual(before);
    // Required sections have no "Ta bort"; asking for one anyway is a page that does not exist.
    const required = (await w.t.dataSource.query(`SELECT key FROM section_templates WHERE required LIMIT 1`))[0].key;
    expect((await page.request.get(`/svar/${id}/utlatande/avsnitt/${required}/ta-bort`)).status()).toBe(404);

    await page.getByRole('link', { name: 'Ändra uppgifterna i huvudet' }).click();
    await expectHeading(page, 'Uppgifter i huvudet');
    await check(page);
    await page.getByLabel('Rubrik', { exact: true }).fill('');
    await page.getByLabel('Eget Dnr (valfritt)').fill('SÖD 2026/77');
    await page.getByLabel('Namn, undertecknare 1').fill('Sara Södersson');
    await page.getByLabel('Titel, undertecknare 1').fill('Stadsdelsdirektör');
    await page.getByLabel('Bilagor').fill('Remissen\nKarta över parkerna');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Fyll i uppgiften.');
    expect(await page.getByLabel('Eget Dnr (valfritt)').inputValue()).toBe('SÖD 2026/77');
    await page.getByLabel('Rubrik', { exact: true }).fill('Svar om parkerna \u{1F333}');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('tecken som inte kan skrivas ut i dokumenten: U+1F333');
    await page.getByLabel('Rubrik', { exact: true }).fill('Svar om parkerna');
    await page.getByLabel('Ställningstagande').selectOption({ label: 'Tillstyrker med ändringar' });

    // A colleague saves a section meanwhile: no conflict for the header.
    const etag = (await request(w.t.app).get(`/api/responses/${id}/statement/sections/${required}`).set(bearer(await w.t.login('handlaggare.sodermalm')))).headers.etag;
    const body = [{ type: 'paragraph', content: [{ text: 'En kollegas text.' }] }];
    expect((await request(w.t.app).put(`/api/responses/${id}/statement/sections/${required}`).set(bearer(await w.t.login('admin'))).set('If-Match', etag).send({ body })).status).toBe(200);
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await notice(page)).toContain('Ändringarna är sparade.');
    const facts = await page.locator('.govuk-summary-list').textContent();
    expect(facts).toContain('SÖD 2026/77');
    expect(facts).toContain('Sara Södersson, Stadsdelsdirektör');
    expect(facts).toContain('Remissen; Karta över parkerna');
    expect(facts).toContain('Tillstyrker med ändringar');
  });
});

test('a stale header save shows theirs and mine; another organisation gets 404 for every page of the draft', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await logIn(page, 'handlaggare.sodermalm');
  await page.goto(`/svar/${id}/utlatande/uppgifter`);
  await page.getByLabel('Rubrik', { exact: true }).fill('Min rubrik');
  const statement = await request(w.t.app).get(`/api/responses/${id}/statement`).set(bearer(await w.t.login('admin')));
  const { id: _id, responseId: _r, sections: _s, version: _v, headerEtag, updatedAt: _u, ...fields } = statement.body;
  const saved = await request(w.t.app).put(`/api/responses/${id}/statement/header`).set(bearer(await w.t.login('admin'))).set('If-Match', headerEtag).send({ ...fields, header: { ...fields.header, title: 'Deras rubrik' } });
  expect(saved.status).toBe(200);
  await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
  expect(await page.locator('main').textContent()).toContain('Någon annan har ändrat uppgifterna');
  const row = page.locator('table tr', { hasText: 'Rubrik' }).first();
  expect(await row.textContent()).toContain('Deras rubrik');
  expect(await row.textContent()).toContain('Min rubrik');
  await check(page);
  await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
  expect(await page.locator('.govuk-summary-list').textContent()).toContain('Min rubrik');

  const { page: foreign } = await w.newPage();
  await logIn(foreign, 'handlaggare.norrainnerstaden');
  const key = (await w.t.dataSource.query(`SELECT key FROM section_templates ORDER BY position LIMIT 1`))[0].key;
  for (const path of [`/svar/${id}/utlatande`, `/svar/${id}/utlatande/uppgifter`, `/svar/${id}/utlatande/avsnitt/${key}/ta-bort`]) {
    expect({ path, status: (await foreign.request.get(path)).status() }).toEqual({ path, status: 404 });
  }
});
