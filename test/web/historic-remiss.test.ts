import type { Page } from 'playwright-core';
import { addRecipient, createConsultation } from '../support/factories';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Issue 16, item 6: a remiss sent in 2020, before the remisstjänst, registered through the pages with
 * its real send date (the register of 2020: Östermalms stadsdelsnämnd, which no longer exists, and
 * not Norra innerstaden, which came in 2023), then a paper answer recorded on it with its real date.
 */
let w: WebJourney;
jest.setTimeout(180_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const row = (page: Page, name: string) => page.locator('main table tbody tr', { hasText: name });

test('a registrator registers a 2020 remiss as sent on its real date and records a late paper answer with its real date', async () => {
  // The draft, with one body of today's register already on it (a mistake the sending will catch).
  const remiss = await createConsultation(w.t.dataSource, { caseNumber: 'KS 2020/9924', title: 'Program mot våld, registrerat i efterhand', registeredDate: '2020-08-26', dueDate: '2020-11-27' });
  const { recipient: norraInnerstaden } = await addRecipient(w.t.dataSource, remiss.id, 'sdn-norra-innerstaden', { sentAt: null });

  const { page } = await w.newPage();
  await journey('historic-remiss', page, async () => {
    await logIn(page, 'registrator');
    // The recipients from the register as it was on 28 August 2020: Östermalm still exists.
    await page.goto(`${w.base}/remisser/${remiss.id}/remissinstanser`);
    await page.getByText('Skickades remissen före remisstjänsten?').click();
    await page.getByLabel('Dagen remissen skickades').fill('2020-08-28');
    await page.getByRole('button', { name: 'Visa registret den dagen' }).click();
    expect(await page.locator('main').textContent()).toContain('Organisationerna är registret som det var 28 augusti 2020');
    await page.getByLabel('Sök sändlista eller organisation').fill('stadsdelsnämnd');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByLabel('Östermalms stadsdelsnämnd', { exact: true }).check();
    await page.getByLabel('Södermalms stadsdelsnämnd', { exact: true }).check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForURL(/klart=instanser-tillagda/);
    await checkPage(page);
    for (const name of ['Östermalms stadsdelsnämnd', 'Södermalms stadsdelsnämnd']) expect(await row(page, name).count()).toBe(1);

    await page.goto(`${w.base}/remisser/${remiss.id}/skicka`);
    await expectHeading(page, 'Skicka remissen');
    await page.getByRole('link', { name: 'Registrera en remiss som skickades före remisstjänsten' }).click();
    await expectHeading(page, 'Registrera en remiss som skickades före remisstjänsten');
    await checkPage(page);

    // A date in the future, and no confirmation: both said at their fields, nothing registered.
    await page.getByLabel('Dagen remissen skickades').fill('2999-01-01');
    await page.getByRole('button', { name: 'Registrera som skickad' }).click();
    expect(await page.locator('#sentDate-error').textContent()).toContain('Datumet kan inte vara i framtiden');
    expect(await page.locator('#confirmed-error').textContent()).toContain('Bekräfta att remissen redan är skickad');
    await checkPage(page);

    // Norra innerstaden did not exist in 2020: named at the date field.
    await page.getByLabel('Dagen remissen skickades').fill('2020-08-28');
    await page.getByLabel('Remissen är redan skickad till remissinstanserna. Ingen e-post ska gå ut.').check();
    await page.getByRole('button', { name: 'Registrera som skickad' }).click();
    expect(await page.locator('#sentDate-error').textContent()).toContain('Norra innerstadens stadsdelsnämnd fanns inte ännu: den finns från 2023-07-01.');
    await checkPage(page);

    await w.t.dataSource.query('DELETE FROM recipients WHERE id = $1', [norraInnerstaden.id]);
    await page.goto(`${w.base}/remisser/${remiss.id}/skicka/i-efterhand`);
    await page.getByLabel('Dagen remissen skickades').fill('2020-08-28');
    await page.getByLabel('Remissen är redan skickad till remissinstanserna. Ingen e-post ska gå ut.').check();
    await page.getByRole('button', { name: 'Registrera som skickad' }).click();
    await expectHeading(page, 'Svarsläge');
    expect(await notice(page)).toContain('Remissen är registrerad som skickad. Ingen e-post gick ut.');
    expect(await page.locator('main').textContent()).toContain('Skickad 28 augusti 2020.');
    for (const name of ['Östermalms stadsdelsnämnd', 'Södermalms stadsdelsnämnd']) {
      expect(await row(page, name).locator('[data-label="Utskick"]').textContent()).toBe('Registrerad i efterhand');
    }
    await checkPage(page);

    // Södermalm's paper answer came on 3 December 2020, after the deadline: late.
    await row(page, 'Södermalms stadsdelsnämnd').getByRole('link', { name: /Registrera svar/ }).click();
    await expectHeading(page, 'Registrera svar');
    await page.getByLabel('Svar (på papper eller med e-post)').check();
    await page.getByLabel('Dag svaret kom in').fill('2020-08-27');
    await page.getByLabel('Ställningstagande').selectOption('tillstyrker');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    expect(await page.locator('main').textContent()).toContain('Datumet kan inte vara före 2020-08-28, dagen remissen skickades.');
    await page.getByLabel('Dag svaret kom in').fill('2020-12-03');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    await expectHeading(page, 'Bifoga svarsdokument');
    await page.goto(`${w.base}/remisser/${remiss.id}/svar`);
    await expectHeading(page, 'Svarsläge');
    const sodermalm = row(page, 'Södermalms stadsdelsnämnd');
    expect(await sodermalm.locator('[data-label="Status"]').textContent()).toContain('3 december 2020');
    expect(await sodermalm.locator('[data-label="Sen"]').textContent()).toBe('Sen');
    expect(await row(page, 'Östermalms stadsdelsnämnd').locator('[data-label="Sen"]').textContent()).toBe('Sen');
    await checkPage(page);

    await page.goto(`${w.base}/remisser/${remiss.id}`);
    expect(await page.locator('.remiss-timeline').textContent()).toContain('Remissen registrerades i efterhand som skickad 28 augusti 2020, utan e-post');
  });
});
