import type { Page } from 'playwright-core';
import { axeViolations, expectHeading, journey, logIn, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Sändlistor and Organisationer, the registers a registrator keeps, in a real Chromium: lists with
 * search and paging, create, edit (with the conflict view on a stale save), delete with
 * confirmation, the organisation in use that cannot be deleted; keyboard only; every page 0 axe
 * violations and no sideways scrolling at 320 px.
 */
let w: WebJourney;
/** Journeys with an axe run per page: long on a shared two-core machine. */
const JOURNEY_MS = 240_000;

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => w?.close());

/** Every page on the way: axe clean, a proper title. */
async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.title()).toMatch(/ – Remisser – Stockholms stad$/);
}

const notice = (page: Page) => page.locator('.govuk-notification-banner--success').textContent();
const errorSummary = (page: Page) => page.locator('.govuk-error-summary').first().textContent();
const memberNames = (page: Page) =>
  page
    .getByRole('group', { name: 'Medlemmar' })
    .locator('.govuk-checkboxes__input:checked + label')
    .evaluateAll((labels) => labels.map((label) => label.firstChild?.textContent?.trim()));

test('Sändlistor: a registrator creates a list, adds and removes members, meets a colleague’s save, and deletes it', async () => {
  const { page } = await w.newPage();
  await journey('sandlistor', page, async () => {
    await logIn(page, 'registrator');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sändlistor' }).click();
    await expectHeading(page, 'Sändlistor');
    expect(await page.getByRole('table').textContent()).toContain('Alla stadsdelsnämnder');
    await checkPage(page);

    // Nothing filled in: the error summary says what is missing, in Swedish.
    await page.getByRole('button', { name: 'Ny sändlista' }).click();
    await expectHeading(page, 'Ny sändlista');
    await checkPage(page);
    await page.getByRole('button', { name: 'Skapa sändlistan' }).click();
    expect(await errorSummary(page)).toContain('Ange sändlistans namn');
    await checkPage(page);

    await page.getByLabel('Namn', { exact: true }).fill('Kultur och idrott');
    await page.getByLabel('Beskrivning (valfritt)').fill('Remisser om kultur- och idrottsfrågor.');
    await page.getByText('Nämnder (', { exact: false }).click();
    await page.getByLabel('Kulturnämnden').check();
    await page.getByLabel('Idrottsnämnden').check();
    await page.getByText('Externa organisationer (').click();
    await page.getByLabel('Fryshuset').check();
    await page.getByRole('button', { name: 'Skapa sändlistan' }).click();
    expect(await notice(page)).toContain('Sändlistan är skapad.');
    await expectHeading(page, 'Kultur och idrott');
    expect(await memberNames(page)).toEqual(['Idrottsnämnden', 'Kulturnämnden', 'Fryshuset']);
    await checkPage(page);

    // Remove one member: clear its box and save.
    await page.getByRole('group', { name: 'Medlemmar' }).getByLabel('Kulturnämnden').uncheck();
    await page.getByRole('button', { name: 'Spara sändlistan' }).click();
    expect(await notice(page)).toContain('Sändlistan är sparad.');
    expect(await memberNames(page)).toEqual(['Idrottsnämnden', 'Fryshuset']);
    const listUrl = page.url().replace(/\?.*$/, '');

    // A colleague saves the same list in another tab meanwhile: nothing is overwritten silently.
    const colleague = await w.newPage();
    await logIn(colleague.page, 'admin');
    await colleague.page.goto(listUrl);
    await colleague.page.getByLabel('Namn', { exact: true }).fill('Kultur, idrott och fritid');
    await colleague.page.getByRole('button', { name: 'Spara sändlistan' }).click();
    expect(await notice(colleague.page)).toContain('Sändlistan är sparad.');

    await page.getByLabel('Beskrivning (valfritt)').fill('Kultur och idrott i staden.');
    await page.getByRole('button', { name: 'Spara sändlistan' }).click();
    expect(await errorSummary(page)).toContain('Någon annan har ändrat uppgifterna');
    const comparison = await page.getByRole('table', { name: 'Sparat och dina ändringar' }).textContent();
    expect(comparison).toContain('Kultur, idrott och fritid');
    expect(comparison).toContain('Kultur och idrott i staden.');
    await checkPage(page);
    // Keep mine: the form holds my values with the new version, so this save goes through.
    await page.getByRole('button', { name: 'Spara sändlistan' }).click();
    expect(await notice(page)).toContain('Sändlistan är sparad.');
    expect(await page.getByLabel('Beskrivning (valfritt)').inputValue()).toBe('Kultur och idrott i staden.');

    // Search finds it; delete asks first.
    await page.goto('/sandlistor?sok=idrott');
    expect(await page.getByRole('table').getByRole('link').allTextContents()).toEqual(['Kultur och idrott']);
    await checkPage(page);
    await page.getByRole('link', { name: 'Kultur och idrott' }).click();
    await page.getByRole('button', { name: 'Ta bort sändlistan' }).click();
    await expectHeading(page, 'Ta bort sändlistan Kultur och idrott?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ja, ta bort sändlistan' }).click();
    await expectHeading(page, 'Sändlistor');
    expect(await notice(page)).toContain('Sändlistan är borttagen.');
    expect(await page.getByRole('table').textContent()).not.toContain('Kultur och idrott');
  });
}, JOURNEY_MS);

test('Organisationer: a registrator filters the register, adds an external body, edits it and meets a stale save; may not delete', async () => {
  const { page } = await w.newPage();
  await journey('organisationer', page, async () => {
    await logIn(page, 'registrator');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer' }).click();
    await expectHeading(page, 'Organisationer');
    await checkPage(page);

    // The register as it was on 30 June 2020: Älvsjö still a stadsdelsnämnd; today it is not active.
    await page.getByLabel('Sök på namn eller förkortning').fill('Älvsjö');
    await page.getByLabel('Typ').selectOption({ label: 'Nämnd' });
    await page.getByLabel('Aktiv den').fill('2020-06-30');
    await page.getByRole('button', { name: 'Visa' }).click();
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('Älvsjö stadsdelsnämnd');
    expect(await rows.nth(1).textContent()).toContain('Hägersten-Älvsjö stadsdelsnämnd');
    expect(await rows.nth(1).textContent()).toContain('Upphört');
    await checkPage(page);
    await page.getByLabel('Aktiv den').fill('2020-13-45');
    await page.getByRole('button', { name: 'Visa' }).click();
    expect(await errorSummary(page)).toContain('Ange dagen som ÅÅÅÅ-MM-DD');
    await checkPage(page);

    // Add an external body; a bad e-mail address is explained beside the field.
    await page.goto('/organisationer');
    await page.getByRole('button', { name: 'Lägg till organisation' }).click();
    await expectHeading(page, 'Lägg till organisation');
    await checkPage(page);
    await page.getByLabel('Namn', { exact: true }).fill('Stockholms Idrottsförbund');
    await page.getByLabel('E-post till registraturen (valfritt)').fill('registrator-at-example');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await errorSummary(page)).toContain('Ange en e-postadress i rätt format');
    await checkPage(page);
    await page.getByLabel('E-post till registraturen (valfritt)').fill('registrator@idrott.example');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await notice(page)).toContain('Organisationen är tillagd i registret.');
    await expectHeading(page, 'Stockholms Idrottsförbund');
    const facts = await page.locator('.govuk-summary-list').textContent();
    expect(facts).toContain('Extern');
    expect(facts).toContain('registrator@idrott.example');
    expect(await page.getByRole('button', { name: 'Ta bort' }).count()).toBe(0);
    await checkPage(page);

    // Edit it, while a colleague edits it too.
    await page.getByRole('button', { name: 'Ändra' }).click();
    await expectHeading(page, 'Ändra organisation');
    await checkPage(page);
    const colleague = await w.newPage();
    await logIn(colleague.page, 'admin');
    await colleague.page.goto(page.url());
    await colleague.page.getByLabel('Förkortning (valfritt)').fill('SIF');
    await colleague.page.getByRole('button', { name: 'Spara' }).click();
    expect(await notice(colleague.page)).toContain('Organisationen är sparad.');

    await page.getByLabel('Aktiv till (valfritt)').fill('2030-12-31');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await errorSummary(page)).toContain('Någon annan har ändrat uppgifterna');
    expect(await page.getByRole('table', { name: 'Sparat och dina ändringar' }).textContent()).toContain('SIF');
    await checkPage(page);
    // Take theirs: the form is loaded again with what is stored.
    await page.getByRole('link', { name: 'Ta deras (ladda de sparade uppgifterna)' }).click();
    expect(await page.getByLabel('Förkortning (valfritt)').inputValue()).toBe('SIF');
    expect(await page.getByLabel('Aktiv till (valfritt)').inputValue()).toBe('');
    await page.getByLabel('Aktiv till (valfritt)').fill('2030-12-31');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await notice(page)).toContain('Organisationen är sparad.');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('31 december 2030');

    // The delete page is the admins' only.
    const forbidden = await page.goto(`${page.url().replace(/\?.*$/, '')}/ta-bort`);
    expect(forbidden?.status()).toBe(403);
  });
}, JOURNEY_MS);

test('Organisationer: an admin cannot delete one in use (told why in Swedish) but deletes a mistaken entry after confirming', async () => {
  const { page } = await w.newPage();
  await journey('organisationer-ta-bort', page, async () => {
    await logIn(page, 'admin');
    await page.goto('/organisationer?sok=Stadsledningskontoret');
    await page.getByRole('link', { name: 'Stadsledningskontoret' }).click();
    await page.getByRole('button', { name: 'Ta bort' }).click();
    await expectHeading(page, 'Ta bort Stadsledningskontoret?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ja, ta bort organisationen' }).click();
    expect(await errorSummary(page)).toContain('Organisationen används');
    expect(await errorSummary(page)).toContain('Ange ett datum under ”Aktiv till” i stället');
    await checkPage(page);
    await page.goto('/organisationer?sok=Stadsledningskontoret');
    expect(await page.getByRole('table').getByRole('link', { name: 'Stadsledningskontoret' }).count()).toBe(1);

    await page.goto('/organisationer/ny');
    await page.getByLabel('Namn', { exact: true }).fill('Felskrivna förbundet');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByRole('button', { name: 'Ta bort' }).click();
    await page.getByRole('button', { name: 'Ja, ta bort organisationen' }).click();
    expect(await notice(page)).toContain('Organisationen är borttagen ur registret.');
    await page.goto('/organisationer?sok=Felskrivna');
    expect(await page.getByText('Ingen organisation matchar filtren.').count()).toBe(1);
  });
}, JOURNEY_MS);

/** Tab until the focused element's accessible text matches; fails after `limit` presses. */
async function tabTo(page: Page, text: string | RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
      return (label ?? el.textContent ?? '').trim();
    });
    if (typeof text === 'string' ? focused === text : text.test(focused)) return;
  }
  throw new Error(`Tabbing never reached "${String(text)}"`);
}

test('keyboard only: a registrator creates a sändlista with one member', async () => {
  const { page } = await w.newPage();
  await journey('sandlistor-tangentbord', page, async () => {
    await page.goto('/logga-in?till=/sandlistor');
    await tabTo(page, 'Användarnamn');
    await page.keyboard.type('registrator');
    await page.keyboard.press('Tab');
    await page.keyboard.type('test-password-1');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Sändlistor');

    await tabTo(page, 'Ny sändlista');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Ny sändlista');
    await tabTo(page, 'Namn');
    await page.keyboard.type('Tangentbordslistan');
    await tabTo(page, /^Råd \(\d+\)$/);
    await page.keyboard.press('Enter'); // opens the group
    await page.keyboard.press('Tab');
    const firstCouncil = await page.evaluate(() => document.querySelector(`label[for="${document.activeElement?.id}"]`)?.textContent?.trim());
    await page.keyboard.press('Space');
    await tabTo(page, 'Skapa sändlistan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=sandlista-skapad/);
    await expectHeading(page, 'Tangentbordslistan');
    expect(await memberNames(page)).toEqual([firstCouncil]);
  });
}, JOURNEY_MS);

test('at 320 px every register page reflows without sideways scrolling and stays axe clean', async () => {
  const { page } = await w.newPage(320);
  await logIn(page, 'admin');
  await page.goto('/sandlistor?sok=Alla stadsdelsnämnder');
  const listHref = await page.getByRole('link', { name: 'Alla stadsdelsnämnder' }).getAttribute('href');
  await page.goto('/organisationer?sok=Södermalms stadsdelsförvaltning');
  const organisationHref = await page.getByRole('link', { name: 'Södermalms stadsdelsförvaltning' }).getAttribute('href');
  for (const path of ['/sandlistor', '/sandlistor/ny', listHref!, `${listHref}/ta-bort`, '/organisationer', '/organisationer?typ=external&aktiv-dag=2020-01-01', '/organisationer/ny', organisationHref!, `${organisationHref}/andra`, `${organisationHref}/ta-bort`]) {
    await page.goto(path);
    expect({ path, sideways: await scrollsSideways(page) }).toEqual({ path, sideways: false });
    expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
  }
}, JOURNEY_MS);

test('a reader has neither register: the pages answer 403', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'reader');
  expect((await page.goto('/sandlistor'))?.status()).toBe(403);
  expect((await page.goto('/organisationer'))?.status()).toBe(403);
  await expectHeading(page, 'Du har inte behörighet');
});
