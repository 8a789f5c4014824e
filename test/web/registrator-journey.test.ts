import type { Locator, Page } from 'playwright-core';
import { todayInStockholm } from '../../src/shared/dates';
import { addDays } from '../../src/shared/working-days';
import { addRecipient, createConsultation } from '../support/factories';
import { axeViolations, expectHeading, journey, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';
import { TEST_PASSWORD } from '../support/test-constants';

/*
 * The registrator's distribution and follow-up with the keyboard alone: no click anywhere. The remiss
 * is registered directly (its own pages are another screen's); from there: add "Alla
 * stadsdelsnämnder" and two external bodies, send, grant an anstånd, record a paper answer, find the
 * late ones on the status board and in Bevakning. Every page: 0 axe violations, no sideways scroll at 320 px.
 */
let w: WebJourney;
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => w?.close());

/** Presses Tab until the element has the focus, as a keyboard user would (and fails if it never gets it). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 250; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function check(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await scrollsSideways(page)).toBe(false);
  await page.setViewportSize(size);
}

test('keyboard only: distribute, send, anstånd, a paper answer, the late ones', async () => {
  const today = todayInStockholm();
  const consultation = await createConsultation(w.t.dataSource, { registeredDate: today, dueDate: addDays(today, 100), title: 'Tangentbordsremiss' });
  const late = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -90), sentDate: addDays(today, -60), dueDate: addDays(today, -4), title: 'Sen tangentbordsremiss' });
  await addRecipient(w.t.dataSource, late.id, 'sdn-bromma', { sentAt: new Date(Date.now() - 60 * 86_400_000) });
  const { page } = await w.newPage();
  await journey('registrator-keyboard', page, async () => {
    await page.goto(`/remisser/${consultation.id}/remissinstanser`);
    await tabTo(page, page.getByLabel('Användarnamn'));
    await page.keyboard.type('registrator');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Remissinstanser');
    await check(page);

    await tabTo(page, page.getByLabel(/Alla stadsdelsnämnder/));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Lägg till' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=instanser-tillagda/);
    for (const name of ['Fryshuset', 'Kriminalvården']) {
      await tabTo(page, page.getByLabel('Sök sändlista eller organisation'));
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await page.waitForURL(/sok=/);
      await tabTo(page, page.getByLabel(name, { exact: true }));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Lägg till' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/klart=instanser-tillagda/);
    }
    expect(await page.locator('main table tbody tr').count()).toBe(13);
    await check(page);

    await tabTo(page, page.getByRole('link', { name: 'Granska och skicka remissen' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Skicka remissen');
    await check(page);
    await tabTo(page, page.getByRole('button', { name: 'Skicka remissen' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Svarsläge');
    await check(page);

    const row = (name: string) => page.locator('main table tbody tr', { hasText: name });
    await tabTo(page, row('Södermalm').getByRole('link', { name: /Bevilja anstånd/ }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bevilja anstånd');
    await check(page);
    await tabTo(page, page.getByLabel('Ny sista svarsdag'));
    await page.keyboard.type(addDays(today, 130));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nämnden sammanträder senare.');
    await tabTo(page, page.getByRole('button', { name: 'Bevilja anstånd' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=anstand-beviljat/);
    expect(await row('Södermalm').locator('[data-label="Anstånd"]').textContent()).toBe('Ja');

    await tabTo(page, row('Kriminalvården').getByRole('link', { name: /Registrera svar/ }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Registrera svar');
    await check(page);
    await tabTo(page, page.getByLabel('Svar (på papper eller med e-post)'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Dag svaret kom in'));
    await page.keyboard.type(today);
    await tabTo(page, page.getByLabel('Ställningstagande'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByRole('button', { name: 'Registrera svar' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bifoga svarsdokument');
    await check(page);
    // The file itself comes through the system's file dialog; the keyboard user may also skip it.
    await tabTo(page, page.getByRole('link', { name: 'Hoppa över' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Svarsläge');
    expect(await row('Kriminalvården').locator('[data-label="Status"]').textContent()).toContain('Besvarat');

    await page.goto(`/remisser/${late.id}/svar`);
    await tabTo(page, page.getByRole('link', { name: 'Sena', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/visa=sena/);
    expect(await row('Bromma').locator('[data-label="Sen"]').textContent()).toBe('Sen');
    await check(page);

    await tabTo(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bevakning' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bevakning');
    await tabTo(page, page.getByRole('link', { name: 'Försenade' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/visa=forsenade/);
    expect(await row('Sen tangentbordsremiss').textContent()).toContain('Försenad');
    await check(page);
  });
});
