import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { Consultation } from '../../src/consultations/consultation.entity';
import { todayInStockholm } from '../../src/shared/dates';
import { addDays } from '../../src/shared/working-days';
import { createConsultation } from '../support/factories';
import { bearer } from '../support/test-app';
import { fixtures } from '../support/upload-fixtures';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * The registrator's remiss screens (issue 12) in a real Chromium: the list with its filters, sorting
 * and paging in the URL, registering (errors, a duplicate Dnr), remisshandlingar, editing with a
 * stale-save conflict, closing and reopening; the reader's read-only view; keyboard only.
 * Every page: 0 axe violations and no sideways scrolling at 320 px.
 */
// Journeys with axe on every page take a while on a shared machine.
jest.setTimeout(180_000);

let w: WebJourney;
const today = todayInStockholm();

beforeAll(async () => {
  w = await startWebJourney();
  // 30 open remisser to filter, sort and page through; every third one past its deadline.
  for (let n = 1; n <= 30; n++) {
    await createConsultation(w.t.dataSource, {
      caseNumber: `SBK 2099/${1000 + n}`,
      title: `Sidremiss ${String(n).padStart(2, '0')} om detaljplan`,
      kind: 'detaljplan',
      status: 'open',
      registeredDate: addDays(today, -100),
      sentDate: addDays(today, -90),
      dueDate: n % 3 === 0 ? addDays(today, -n) : addDays(today, n),
    });
  }
}, 120_000);
afterAll(async () => w?.close());

const main = (page: Page) => page.locator('main');

async function register(page: Page, fields: { caseNumber: string; title: string; dueDate?: string }): Promise<void> {
  await page.goto('/remisser/ny');
  await expectHeading(page, 'Registrera remiss');
  await page.getByLabel('Diarienummer (Dnr)').fill(fields.caseNumber);
  await page.getByLabel('Rubrik').fill(fields.title);
  await page.getByLabel('Typ av remiss').selectOption({ label: 'Program' });
  await page.getByLabel('Avsändare').selectOption({ label: 'Kommunstyrelsen' });
  await page.getByLabel('Samordnande förvaltning (valfritt)').selectOption({ label: 'Socialförvaltningen' });
  if (fields.dueDate) await page.getByLabel('Sista svarsdag (valfritt)').fill(fields.dueDate);
  await page.getByRole('button', { name: 'Registrera remiss' }).click();
}

test('a registrator registers a remiss: errors in Swedish, a duplicate Dnr links to the remiss that has it', async () => {
  const { page } = await w.newPage();
  await journey('remisser-register', page, async () => {
    await logIn(page, 'registrator');
    await page.goto('/remisser');
    await main(page).getByRole('link', { name: 'Registrera remiss' }).click();
    await expectHeading(page, 'Registrera remiss');
    expect(await page.getByLabel('Registreringsdatum').inputValue()).toBe(today);
    await checkPage(page);

    // Missing title and sender: the summary names both, links to the fields, the Dnr is kept.
    await page.getByLabel('Diarienummer (Dnr)').fill('KS 2099/4711');
    await page.getByLabel('Sista svarsdag (valfritt)').fill('2099-13-45');
    await page.getByRole('button', { name: 'Registrera remiss' }).click();
    await expectHeading(page, 'Registrera remiss');
    const summary = page.locator('.govuk-error-summary');
    const text = await summary.textContent();
    expect(text).toContain('Fyll i rubrik.');
    expect(text).toContain('Välj avsändare.');
    expect(text).toContain('Ange sista svarsdag som ÅÅÅÅ-MM-DD');
    expect(await page.getByLabel('Diarienummer (Dnr)').inputValue()).toBe('KS 2099/4711');
    await summary.getByRole('link', { name: 'Fyll i rubrik.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('title');
    await checkPage(page);

    await register(page, { caseNumber: 'KS 2099/4711', title: 'Remiss om stadens cykelplan', dueDate: addDays(today, 100) });
    await expectHeading(page, 'Remiss om stadens cykelplan');
    expect(await notice(page)).toContain('Remissen är registrerad.');
    const facts = await page.locator('.govuk-summary-list').textContent();
    expect(facts).toContain('KS 2099/4711');
    expect(facts).toContain('Program');
    expect(facts).toContain('Utkast');
    expect(facts).toContain('Kommunstyrelsen');
    expect(facts).toContain('Socialförvaltningen');
    expect(await page.locator('.remiss-timeline').textContent()).toContain('Remissen registrerades');
    // Links to the screens others build: recipients and sending for a draft.
    expect(await main(page).getByRole('link', { name: 'Remissinstanser' }).getAttribute('href')).toMatch(/\/remisser\/[0-9a-f-]+\/remissinstanser$/);
    expect(await main(page).getByRole('link', { name: 'Skicka remissen' }).getAttribute('href')).toMatch(/\/skicka$/);
    await checkPage(page);
    const firstUrl = page.url().split('?')[0];

    // The same Dnr from the same sender, written differently: refused with a link to the first.
    await register(page, { caseNumber: 'ks 2099/4711', title: 'En annan rubrik' });
    await expectHeading(page, 'Registrera remiss');
    const duplicate = page.locator('.govuk-error-summary');
    expect(await duplicate.textContent()).toContain('Avsändaren har redan en remiss med diarienumret KS 2099/4711.');
    await checkPage(page);
    await duplicate.getByRole('link', { name: /Öppna KS 2099\/4711/ }).click();
    await expectHeading(page, 'Remiss om stadens cykelplan');
    expect(page.url()).toBe(firstUrl);
  });
});

test('remisshandlingar: upload with a plain file input, download the same bytes, delete while draft', async () => {
  const { page } = await w.newPage();
  await journey('remisser-handlingar', page, async () => {
    await logIn(page, 'registrator');
    await register(page, { caseNumber: 'KS 2099/4712', title: 'Remiss med handlingar' });
    await expectHeading(page, 'Remiss med handlingar');

    // Nothing chosen: said beside the field.
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await expectHeading(page, 'Remiss med handlingar');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj en fil att ladda upp.');
    await checkPage(page);

    const pdf = fixtures.pdf();
    await page.getByLabel('Ladda upp en remisshandling').setInputFiles({ name: 'Remissförslag cykelplan.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByLabel('Beskrivning av handlingen (valfritt)').fill('Förslaget');
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.waitForURL(/klart=handling-uppladdad/);
    expect(await notice(page)).toContain('Remisshandlingen är uppladdad.');
    const link = main(page).getByRole('link', { name: 'Remissförslag cykelplan.pdf', exact: true });
    await checkPage(page);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Remissförslag cykelplan.pdf');
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'remiss-download-')), 'handling.pdf');
    await download.saveAs(saved);
    expect(Buffer.compare(await readFile(saved), pdf)).toBe(0);

    // A file that is not a document is refused in Swedish.
    await page.getByLabel('Ladda upp en remisshandling').setInputFiles({ name: 'program.exe', mimeType: 'application/octet-stream', buffer: fixtures.exe() });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Filtypen är inte tillåten.');

    await page.goto(page.url().split('?')[0].replace(/\/handlingar$/, ''));
    await main(page).getByRole('link', { name: 'Ta bort Remissförslag cykelplan.pdf' }).click();
    await expectHeading(page, 'Vill du ta bort remisshandlingen?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ta bort handlingen' }).click();
    expect(await notice(page)).toContain('Remisshandlingen är borttagen.');
    expect(await main(page).getByRole('link', { name: 'Remissförslag cykelplan.pdf', exact: true }).count()).toBe(0);
  });
});

test('editing: saved with the ETag; a stale save shows theirs and mine, and keeping mine saves it', async () => {
  const { page } = await w.newPage();
  await journey('remisser-edit', page, async () => {
    await logIn(page, 'registrator');
    await register(page, { caseNumber: 'KS 2099/4713', title: 'Remiss att redigera' });
    const id = /\/remisser\/([0-9a-f-]{36})/.exec(page.url())![1];

    await main(page).getByRole('link', { name: 'Redigera' }).click();
    await expectHeading(page, 'Redigera remiss');
    await checkPage(page);
    await page.getByLabel('Rubrik').fill('Remiss om parker');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expectHeading(page, 'Remiss om parker');
    expect(await notice(page)).toContain('Ändringarna är sparade.');

    // Someone changes it through the API while this user has the form open.
    await main(page).getByRole('link', { name: 'Redigera' }).click();
    const token = await w.t.login('admin');
    const current = await request(w.t.app).get(`/api/consultations/${id}`).set(bearer(token));
    const theirs = await request(w.t.app)
      .patch(`/api/consultations/${id}`)
      .set(bearer(token))
      .set('If-Match', current.headers.etag)
      .send({ title: 'Deras rubrik om parker', description: 'Deras beskrivning' });
    expect(theirs.status).toBe(200);

    await page.getByLabel('Beskrivning (valfritt)').fill('Min beskrivning');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expectHeading(page, 'Redigera remiss');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Någon annan har ändrat uppgifterna');
    const table = page.getByRole('table', { name: 'Sparat och dina ändringar' });
    const titleRow = await table.getByRole('row', { name: /Rubrik/ }).textContent();
    expect(titleRow).toContain('Deras rubrik om parker');
    expect(titleRow).toContain('Remiss om parker');
    expect(await table.getByRole('row', { name: /Beskrivning/ }).textContent()).toContain('Min beskrivning');
    // Mine stay in the form, with the new ETag.
    expect(await page.getByLabel('Beskrivning (valfritt)').inputValue()).toBe('Min beskrivning');
    expect(await page.getByLabel('Rubrik').inputValue()).toBe('Remiss om parker');
    expect(await page.getByRole('link', { name: /Ta deras/ }).getAttribute('href')).toBe(`/remisser/${id}/redigera`);
    await checkPage(page);

    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await expectHeading(page, 'Remiss om parker');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Min beskrivning');
    const stored = await w.t.dataSource.getRepository(Consultation).findOneByOrFail({ id });
    expect(stored.description).toBe('Min beskrivning');
  });
});

test('closing and reopening, each confirmed; cancelling a draft leaves no buttons', async () => {
  const open = await createConsultation(w.t.dataSource, { title: 'Öppen remiss att avsluta', status: 'open', sentDate: addDays(today, -10), dueDate: addDays(today, 60) });
  const draft = await createConsultation(w.t.dataSource, { title: 'Utkast att makulera', registeredDate: today, dueDate: addDays(today, 90) });
  const { page } = await w.newPage();
  await journey('remisser-status', page, async () => {
    await logIn(page, 'registrator');
    await page.goto(`/remisser/${open.id}`);
    await expectHeading(page, 'Öppen remiss att avsluta');
    expect(await main(page).getByRole('link', { name: 'Svar och status' }).getAttribute('href')).toBe(`/remisser/${open.id}/svar`);
    expect(await main(page).getByRole('link', { name: 'Öppna remissen igen' }).count()).toBe(0);
    await main(page).getByRole('link', { name: 'Avsluta remissen' }).click();
    await expectHeading(page, 'Vill du avsluta remissen?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Avsluta remissen' }).click();
    await expectHeading(page, 'Öppen remiss att avsluta');
    expect(await notice(page)).toContain('Remissen är avslutad.');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Avslutad');

    await main(page).getByRole('link', { name: 'Öppna remissen igen' }).click();
    await expectHeading(page, 'Vill du öppna remissen igen?');
    await page.getByRole('button', { name: 'Öppna remissen igen' }).click();
    expect(await notice(page)).toContain('Remissen är öppen igen.');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Ute på remiss');
    const timeline = await page.locator('.remiss-timeline').textContent();
    expect(timeline).toContain('Remissen fick status Avslutad');
    expect(timeline).toContain('Remissen öppnades igen');
    await checkPage(page);

    await page.goto(`/remisser/${draft.id}`);
    expect(await main(page).getByRole('link', { name: 'Avsluta remissen' }).count()).toBe(0);
    await main(page).getByRole('link', { name: 'Makulera remissen' }).click();
    await expectHeading(page, 'Vill du makulera remissen?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Makulera remissen' }).click();
    expect(await notice(page)).toContain('Remissen är makulerad.');
    expect(await main(page).getByRole('button').count()).toBe(0);
    expect(await main(page).getByRole('link', { name: /Redigera|Skicka|Ladda upp|Avsluta|Makulera|Öppna remissen igen/ }).count()).toBe(0);
  });
});

test('the list filters, sorts and pages with the state in the URL', async () => {
  const { page } = await w.newPage();
  await journey('remisser-list', page, async () => {
    await logIn(page, 'registrator');
    await page.goto('/remisser');
    await expectHeading(page, 'Remisser');
    await checkPage(page);

    await page.getByLabel('Sök på rubrik eller Dnr').fill('Sidremiss');
    await page.getByLabel('Typ', { exact: true }).selectOption({ label: 'Detaljplan' });
    await page.getByRole('button', { name: 'Visa' }).click();
    let url = new URL(page.url());
    expect(url.searchParams.get('sok')).toBe('Sidremiss');
    expect(url.searchParams.get('typ')).toBe('detaljplan');
    expect(await main(page).textContent()).toContain('Visar 1–25 av 30.');
    await checkPage(page);

    await page.getByRole('link', { name: /^Sista svarsdag\b.*välj för att sortera/ }).click();
    url = new URL(page.url());
    expect(url.searchParams.get('sortera')).toBe('svarsdag');
    expect(url.searchParams.get('ordning')).toBe('asc');
    expect(url.searchParams.get('sok')).toBe('Sidremiss');
    const firstRow = page.locator('tbody tr').first();
    expect(await firstRow.textContent()).toContain('SBK 2099/1030');

    await page.getByRole('link', { name: 'Nästa sida' }).click();
    url = new URL(page.url());
    expect(url.searchParams.get('sida')).toBe('2');
    expect(url.searchParams.get('typ')).toBe('detaljplan');
    expect(await page.locator('tbody tr').count()).toBe(5);
    expect(await main(page).textContent()).toContain('Visar 26–30 av 30.');

    // Bookmarked: the same URL opened afresh shows the same page.
    const other = await w.newPage();
    await other.page.goto(page.url());
    await logIn(other.page, 'registrator');
    expect(await other.page.locator('tbody tr').count()).toBe(5);
    expect(await other.page.getByLabel('Sök på rubrik eller Dnr').inputValue()).toBe('Sidremiss');

    // Reversed: the latest deadline first.
    await page.goto('/remisser?sok=Sidremiss&sortera=svarsdag&ordning=desc');
    expect(await page.locator('tbody tr').first().textContent()).toContain('SBK 2099/1029');

    // Only those past their deadline: every third one, marked.
    await page.goto('/remisser?sok=Sidremiss');
    await page.getByLabel('Bara remisser vars sista svarsdag har passerat').check();
    await page.getByRole('button', { name: 'Visa' }).click();
    expect(new URL(page.url()).searchParams.get('forsenade')).toBe('ja');
    expect(await page.locator('tbody tr').count()).toBe(10);
    for (const row of await page.locator('tbody tr').all()) expect(await row.textContent()).toContain('Passerad');

    // By sender: none of them comes from Södermalm.
    await page.getByLabel('Avsändare').selectOption({ label: 'Södermalms stadsdelsnämnd' });
    await page.getByRole('button', { name: 'Visa' }).click();
    expect(await main(page).textContent()).toContain('Inga remisser matchar filtret.');

    // A mistyped date: said in Swedish, the rest of the filter still applies.
    await page.goto('/remisser?sok=Sidremiss&svarsdag-till=31%2F12');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Ange datumet som ÅÅÅÅ-MM-DD');
    expect(await main(page).textContent()).toContain('av 30.');
    await checkPage(page);
  });
});

test('the reader sees the sent remisser and a remiss, with no buttons', async () => {
  const draft = await createConsultation(w.t.dataSource, { title: 'Hemligt utkast för läsaren' });
  const { page } = await w.newPage();
  await journey('remisser-reader', page, async () => {
    await logIn(page, 'reader');
    await expectHeading(page, /Välkommen/);
    expect(await main(page).getByText('Att göra i dag').count()).toBe(0);
    await checkPage(page);
    await page.goto('/remisser?sok=2020%2F924');
    await expectHeading(page, 'Remisser');
    expect(await main(page).getByRole('link', { name: 'Registrera remiss' }).count()).toBe(0);
    await checkPage(page);
    await main(page).getByRole('link', { name: /Stockholms stads program mot våld/ }).click();
    await expectHeading(page, /Stockholms stads program mot våld/);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Avslutad');
    expect(await main(page).getByRole('button').count()).toBe(0);
    expect(await main(page).getByRole('link', { name: /Redigera|Skicka|Remissinstanser|Avsluta|Makulera|Öppna remissen igen|Ta bort/ }).count()).toBe(0);
    expect(await page.getByLabel('Ladda upp en remisshandling').count()).toBe(0);
    expect(await main(page).getByRole('link', { name: 'Svar och status' }).count()).toBe(1);
    expect(await page.locator('.remiss-timeline').textContent()).toMatch(/Remissen skickades till \d+ remissinstanser med sista svarsdag 27 november 2020/);
    await checkPage(page);

    await page.goto('/remisser?sok=Hemligt');
    expect(await main(page).textContent()).toContain('Inga remisser matchar filtret.');
    expect((await page.goto(`/remisser/${draft.id}`))?.status()).toBe(404);
    expect((await page.goto(`/remisser/${draft.id}/redigera`))?.status()).toBe(403);
    expect((await page.goto('/remisser/ny'))?.status()).toBe(403);
  });
});

test("the registrator's start page: what needs doing today, each count a link to the list it counts", async () => {
  const { page } = await w.newPage();
  await journey('remisser-start', page, async () => {
    await logIn(page, 'registrator');
    await expectHeading(page, /Välkommen/);
    await checkPage(page);
    const overdue = main(page).getByRole('link', { name: /remisser? vars sista svarsdag har passerat/ });
    const count = Number((await overdue.locator('.remiss-count__number').textContent())?.trim());
    expect(count).toBeGreaterThanOrEqual(10);
    await overdue.click();
    await expectHeading(page, 'Remisser');
    expect(await main(page).textContent()).toContain(`av ${count}.`);

    await page.goto('/');
    await main(page).getByRole('link', { name: /utkast som inte är skickade?/ }).click();
    expect(new URL(page.url()).searchParams.get('status')).toBe('draft');
    for (const row of await page.locator('tbody tr').all()) expect(await row.textContent()).toContain('Utkast');
  });
});

test('keyboard only: a registrator registers a remiss without a mouse', async () => {
  const { page } = await w.newPage();
  await journey('remisser-keyboard', page, async () => {
    await logIn(page, 'registrator');
    await page.goto('/remisser/ny');
    await expectHeading(page, 'Registrera remiss');
    const tabTo = async (id: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await tabTo('caseNumber');
    await page.keyboard.type('KS 2099/4714');
    await tabTo('title');
    await page.keyboard.type('Remiss registrerad med tangentbordet');
    await tabTo('kind');
    await page.keyboard.type('Motion');
    await tabTo('senderId');
    await page.keyboard.type('Kommunstyrelsen');
    await tabTo('dueDate');
    await page.keyboard.type(addDays(today, 95));
    await tabTo('description');
    await page.keyboard.type('Skriven utan mus.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Registrera remiss');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Remiss registrerad med tangentbordet');
    const facts = await page.locator('.govuk-summary-list').textContent();
    expect(facts).toContain('Motion');
    expect(facts).toContain('Kommunstyrelsen');
  });
});
