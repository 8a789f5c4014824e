import type { Locator, Page } from 'playwright-core';
import { todayInStockholm } from '../../src/shared/dates';
import { checkPage, expectHeading, journey, keyboard, logIn, mouse, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * The administrator's screens (issue 15) in a real Chromium: Användare (create with Swedish field
 * errors, the new user logs in, a colleague's save meets the conflict view, deactivating ends the
 * user's session, reactivate, a new password), Granskningslogg (the creation and the deactivation
 * found by filtering, active: true → false), Avsnittskatalogen (move a section by keyboard, make one
 * required, a broken default text refused in Swedish), and 403 for everyone else. Every page: 0 axe
 * violations and nothing sideways at 320 px.
 */
let w: WebJourney;
const JOURNEY_MS = 300_000;
const NEW_PASSWORD = 'ett-nytt-langt-losenord';

beforeAll(async () => {
  // Sessions cached for a minute: a deactivation must end the session at once, not when the cache expires.
  w = await startWebJourney({ SESSION_CACHE_SECONDS: '60' });
}, 60_000);
afterAll(async () => w?.close());

const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });
const errorSummary = async (page: Page) => (await page.locator('.govuk-error-summary').first().textContent()) ?? '';
const fieldError = async (page: Page, field: string) => (await page.locator(`#${field}-error`).textContent())?.trim() ?? '';
const cards = (page: Page) => page.locator('main .govuk-summary-card');
const catalogueRow = (page: Page, heading: string) => page.locator('main table tbody tr', { has: page.getByRole('link', { name: `${heading} (ändra)`, exact: true }) });
const place = async (row: Locator) => Number((await row.locator('td').first().textContent())?.trim());

test(
  'an admin creates a handläggare at Södermalm, who logs in; deactivated, the session ends; the log shows it; reactivated with a new password',
  async () => {
    const { page } = await w.newPage();
    const user = await w.newPage();
    await journey('admin-users', page, async () => {
      await logIn(page, 'admin');
      await nav(page).getByRole('link', { name: 'Användare' }).click();
      await expectHeading(page, 'Användare');
      expect(await page.getByRole('table').textContent()).toContain('handlaggare.sodermalm');
      await checkPage(page);

      // Nothing filled in: every missing field is named, in Swedish, in the summary and at the field.
      await page.getByRole('button', { name: 'Ny användare' }).click();
      await expectHeading(page, 'Ny användare');
      await checkPage(page);
      await page.getByRole('button', { name: 'Skapa användaren' }).click();
      await expectHeading(page, 'Ny användare');
      const summary = await errorSummary(page);
      for (const message of ['Ange ett användarnamn.', 'Ange namnet.', 'Välj organisation.', 'Välj minst en roll.', 'Ange ett lösenord.']) expect(summary).toContain(message);
      expect(await fieldError(page, 'username')).toContain('Ange ett användarnamn.');
      expect(await fieldError(page, 'roles')).toContain('Välj minst en roll.');
      await checkPage(page);

      // A username someone has: said at the field; the values stay, the password does not.
      await page.getByLabel('Användarnamn').fill('Handlaggare.Sodermalm');
      await page.getByLabel('Namn', { exact: true }).fill('Nora Nyberg');
      await page.getByLabel('Titel (valfritt)').fill('Utredare');
      await page.getByLabel('E-post (valfritt)').fill('nora.nyberg@example.se');
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Södermalms stadsdelsförvaltning' });
      await page.getByLabel('Handläggare', { exact: true }).check();
      await page.getByLabel('Första lösenord').fill('ett-langt-losenord');
      await page.getByRole('button', { name: 'Skapa användaren' }).click();
      expect(await fieldError(page, 'username')).toContain('Användarnamnet är upptaget. Välj ett annat.');
      expect(await page.getByLabel('Namn', { exact: true }).inputValue()).toBe('Nora Nyberg');
      expect(await page.getByLabel('Handläggare', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('Första lösenord').inputValue()).toBe('');
      await checkPage(page);

      await page.getByLabel('Användarnamn').fill('nora.nyberg');
      await page.getByLabel('Första lösenord').fill('ett-langt-losenord');
      await page.getByRole('button', { name: 'Skapa användaren' }).click();
      expect(await notice(page)).toContain('Användaren är skapad och kan logga in.');
      await expectHeading(page, 'Nora Nyberg');
      const summaryList = (await page.locator('main .govuk-summary-list').textContent()) ?? '';
      expect(summaryList).toContain('Södermalms stadsdelsförvaltning');
      expect(summaryList).toContain('Handläggare');
      const userPath = new URL(page.url()).pathname;
      const userId = userPath.split('/').pop()!;
      await checkPage(page);

      // The new user logs in, in a browser of their own.
      await logIn(user.page, 'nora.nyberg', 'ett-langt-losenord');
      await expectHeading(user.page, 'Välkommen, Nora Nyberg');
      await checkPage(user.page);

      // A colleague saves the user meanwhile: nothing is overwritten, theirs beside mine.
      await page.getByRole('button', { name: 'Ändra', exact: true }).click();
      await expectHeading(page, 'Ändra Nora Nyberg');
      await checkPage(page);
      const colleague = await w.newPage();
      await logIn(colleague.page, 'admin');
      await colleague.page.goto(`${userPath}/andra`);
      await colleague.page.getByLabel('Titel (valfritt)').fill('Utredare, avdelningen för stöd');
      await colleague.page.getByRole('button', { name: 'Spara' }).click();
      expect(await notice(colleague.page)).toContain('Användaren är sparad.');
      await page.getByLabel('Telefon (valfritt)').fill('08-508 12 000');
      await page.getByRole('button', { name: 'Spara' }).click();
      expect(await errorSummary(page)).toContain('Någon annan har ändrat uppgifterna');
      expect(await page.getByRole('table').textContent()).toContain('Utredare, avdelningen för stöd');
      await checkPage(page);
      // Take theirs, then make the change again on top of it: both stay.
      await page.getByRole('link', { name: 'Ta deras (ladda de sparade uppgifterna)' }).click();
      expect(await page.getByLabel('Titel (valfritt)').inputValue()).toBe('Utredare, avdelningen för stöd');
      await page.getByLabel('Telefon (valfritt)').fill('08-508 12 000');
      await page.getByRole('button', { name: 'Spara' }).click();
      expect(await notice(page)).toContain('Användaren är sparad.');
      const saved = (await page.locator('main .govuk-summary-list').textContent()) ?? '';
      expect(saved).toContain('08-508 12 000');
      expect(saved).toContain('Utredare, avdelningen för stöd');

      // Deactivate: a confirmation page, then the user's next page is the login page.
      await page.getByRole('button', { name: 'Inaktivera' }).click();
      await expectHeading(page, 'Vill du inaktivera användaren?');
      await checkPage(page);
      await page.getByRole('button', { name: 'Inaktivera användaren' }).click();
      expect(await notice(page)).toContain('Användaren är inaktiverad och utloggad.');
      expect(await page.locator('main .govuk-summary-list').textContent()).toContain('Inaktiv');
      await user.page.reload();
      await expectHeading(user.page, 'Logga in');
      expect(new URL(user.page.url()).pathname).toBe('/logga-in');
      await logIn(user.page, 'nora.nyberg', 'ett-langt-losenord');
      await expectHeading(user.page, 'Logga in');
      expect(await errorSummary(user.page)).toContain('Fel användarnamn eller lösenord');

      // Granskningslogg: the deactivation found by who did it, what and to what kind of record.
      await nav(page).getByRole('link', { name: 'Granskningslogg' }).click();
      await expectHeading(page, 'Granskningslogg');
      await checkPage(page);
      await page.getByLabel('Utförd av (användarnamn)').fill('admin');
      await page.getByLabel('Händelse').selectOption({ label: 'Användare ändrad (user.updated)' });
      await page.getByLabel('Typ av post').selectOption({ label: 'Användare (user)' });
      await page.getByLabel('Postens id').fill(userId);
      await page.getByLabel('Från och med').fill(todayInStockholm());
      await page.getByLabel('Till och med').fill(todayInStockholm());
      await page.getByRole('button', { name: 'Visa' }).click();
      await expectHeading(page, 'Granskningslogg');
      // Newest first: the deactivation, then the two saves.
      expect(await cards(page).count()).toBe(3);
      const deactivation = cards(page).first();
      expect(await deactivation.getByRole('heading', { level: 2 }).textContent()).toBe('Användare ändrad');
      const change = deactivation.locator('li', { has: page.locator('code', { hasText: /^active$/ }) });
      expect((await change.textContent())?.replace(/\s+/g, ' ')).toMatch(/^active: true\s*→\s*ändrat till\s*false$/);
      expect(await deactivation.textContent()).toContain('admin');
      await checkPage(page);

      // The creation, by its action alone; and from the user's page, everything about the user.
      await page.getByLabel('Händelse').selectOption({ label: 'Användare skapad (user.created)' });
      await page.getByRole('button', { name: 'Visa' }).click();
      expect(await cards(page).count()).toBe(1);
      const created = (await cards(page).first().textContent()) ?? '';
      expect(created).toContain('nora.nyberg');
      expect(created).toContain('Användare skapad');
      expect(created).not.toMatch(/ett-langt-losenord|argon/);

      // A day that is not a day is said at its field, not applied.
      await page.getByLabel('Från och med').fill('2025-02-30');
      await page.getByRole('button', { name: 'Visa' }).click();
      expect(await fieldError(page, 'fran')).toContain('Ange dagen som ÅÅÅÅ-MM-DD');
      await checkPage(page);

      await page.goto(userPath);
      await page.getByRole('link', { name: 'Ändringar av användaren i granskningsloggen' }).click();
      await expectHeading(page, 'Granskningslogg');
      expect(await cards(page).count()).toBe(4);

      // Reactivate, and a new password (typed twice; a mismatch is said at the field).
      await page.goto(userPath);
      await page.getByRole('button', { name: 'Aktivera' }).click();
      await expectHeading(page, 'Vill du aktivera användaren igen?');
      await checkPage(page);
      await page.getByRole('button', { name: 'Aktivera användaren' }).click();
      expect(await notice(page)).toContain('Användaren är aktiv igen och kan logga in.');
      await page.getByRole('button', { name: 'Nytt lösenord' }).click();
      await expectHeading(page, 'Nytt lösenord');
      await checkPage(page);
      await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
      await page.getByLabel('Upprepa lösenordet').fill('något annat');
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      expect(await fieldError(page, 'repeatPassword')).toContain('Lösenorden är inte lika.');
      expect(await page.getByLabel('Nytt lösenord').inputValue()).toBe('');
      await checkPage(page);
      await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
      await page.getByLabel('Upprepa lösenordet').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      expect(await notice(page)).toContain('Lösenordet är bytt.');
      await logIn(user.page, 'nora.nyberg', NEW_PASSWORD);
      await expectHeading(user.page, 'Välkommen, Nora Nyberg');

      // The list finds her by filters.
      await nav(page).getByRole('link', { name: 'Användare' }).click();
      await page.getByLabel('Roll').selectOption({ label: 'Handläggare' });
      await page.getByLabel('Organisation').selectOption({ label: 'Södermalms stadsdelsförvaltning' });
      await page.getByLabel('Sök på namn eller användarnamn').fill('nyberg');
      await page.getByRole('button', { name: 'Visa' }).click();
      expect(await page.locator('main table tbody tr').count()).toBe(1);
      expect(await page.locator('main table tbody').textContent()).toContain('nora.nyberg');
      await checkPage(page);
    });
  },
  JOURNEY_MS,
);

test(
  'Avsnittskatalogen by keyboard: move Bakgrund up, make it required, a broken default text is refused in Swedish',
  async () => {
    const { page } = await w.newPage();
    const hands = keyboard(page);
    await journey('admin-catalogue', page, async () => {
      await logIn(page, 'admin');
      await hands.press(nav(page).getByRole('link', { name: 'Avsnittskatalogen' }));
      await expectHeading(page, 'Avsnittskatalogen');
      await checkPage(page);
      const bakgrund = catalogueRow(page, 'Bakgrund');
      const was = await place(bakgrund);
      const above = (await page.locator('main table tbody tr').nth(was - 2).locator('td').nth(1).textContent())?.replace(' (ändra)', '').trim() ?? '';

      await hands.press(bakgrund.getByRole('button', { name: /^Upp/ }));
      expect(await notice(page)).toContain('Avsnittet är flyttat.');
      expect(await place(catalogueRow(page, 'Bakgrund'))).toBe(was - 1);
      expect(await place(catalogueRow(page, above))).toBe(was);
      await checkPage(page);

      // Not required yet: make it so.
      expect(await catalogueRow(page, 'Bakgrund').locator('td[data-label="Obligatoriskt"]').textContent()).toBe('Nej');
      await hands.press(page.getByRole('link', { name: 'Bakgrund (ändra)' }));
      await expectHeading(page, 'Ändra Bakgrund');
      await checkPage(page);
      await hands.check(page.getByLabel('Obligatoriskt'));
      await hands.replace(page.getByLabel('Standardtext för nämnder'), 'Nämnden {{#if recipient.name}}har');
      await hands.press(page.getByRole('button', { name: 'Spara' }));
      expect(await fieldError(page, 'default-committee')).toContain('Texten går inte att använda som mall');
      expect(await page.getByLabel('Obligatoriskt').isChecked()).toBe(true);
      await checkPage(page);
      await hands.replace(page.getByLabel('Standardtext för nämnder'), 'Bakgrunden för {{recipient.name}}.');
      await hands.press(page.getByRole('button', { name: 'Spara' }));
      expect(await notice(page)).toContain('Avsnittet är sparat.');
      const row = catalogueRow(page, 'Bakgrund');
      expect(await row.locator('td[data-label="Obligatoriskt"]').textContent()).toBe('Ja');
      expect(await row.locator('td[data-label="Egen standardtext"]').textContent()).toBe('Alla, nämnder');

      // A new section goes last.
      const count = await page.locator('main table tbody tr').count();
      await hands.press(page.getByRole('button', { name: 'Nytt avsnitt' }));
      await expectHeading(page, 'Nytt avsnitt');
      await hands.press(page.getByRole('button', { name: 'Lägg till avsnittet' }));
      expect(await errorSummary(page)).toContain('Ange en nyckel.');
      await checkPage(page);
      await hands.type(page.getByLabel('Nyckel'), 'ekonomiska-konsekvenser');
      await hands.type(page.getByLabel('Rubrik'), 'Ekonomiska konsekvenser');
      await hands.press(page.getByRole('button', { name: 'Lägg till avsnittet' }));
      expect(await notice(page)).toContain('Avsnittet är tillagt i katalogen.');
      expect(await place(catalogueRow(page, 'Ekonomiska konsekvenser'))).toBe(count + 1);

      // The move page of its own (where Upp and Ned post): Bakgrund goes back down.
      await page.goto('/avsnittskatalog/bakgrund/flytta');
      await expectHeading(page, 'Flytta Bakgrund');
      expect(await page.locator('main').textContent()).toContain(`Avsnittet står på plats ${was - 1} av ${count + 1}.`);
      await checkPage(page);
      await hands.press(page.getByRole('button', { name: 'Flytta ned' }));
      expect(await notice(page)).toContain('Avsnittet är flyttat.');
      expect(await place(catalogueRow(page, 'Bakgrund'))).toBe(was);
    });
  },
  JOURNEY_MS,
);

test('the admin screens are the admins’: 403 for a registrator and a handläggare, not in their navigation; an admin cannot deactivate themselves', async () => {
  for (const username of ['registrator', 'handlaggare.sodermalm']) {
    const { page } = await w.newPage();
    await logIn(page, username);
    const links = (await nav(page).textContent()) ?? '';
    for (const label of ['Användare', 'Avsnittskatalogen', 'Granskningslogg']) expect(links).not.toContain(label);
    for (const path of ['/anvandare', '/anvandare/ny', '/avsnittskatalog', '/avsnittskatalog/bakgrund/andra', '/granskningslogg']) {
      expect({ path, status: (await page.goto(path))?.status() }).toEqual({ path, status: 403 });
    }
    await checkPage(page);
  }
  // The admin's navigation has all three; an admin cannot deactivate their own account.
  const { page } = await w.newPage();
  await logIn(page, 'admin');
  await mouse().press(nav(page).getByRole('link', { name: 'Användare' }));
  await expectHeading(page, 'Användare');
  for (const label of ['Avsnittskatalogen', 'Granskningslogg']) expect(await nav(page).getByRole('link', { name: label }).count()).toBe(1);
  await page.locator('main table tbody tr', { hasText: 'Administratör' }).first().getByRole('link').click();
  await page.getByRole('button', { name: 'Inaktivera' }).click();
  await page.getByRole('button', { name: 'Inaktivera användaren' }).click();
  expect(await errorSummary(page)).toContain('Du kan inte inaktivera ditt eget konto');
  await checkPage(page);
  await page.goto('/anvandare');
  await expectHeading(page, 'Användare');
}, JOURNEY_MS);
