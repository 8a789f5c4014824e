import type { Page } from 'playwright-core';
import { Recipient } from '../../src/recipients/recipient.entity';
import { formatSwedishDate, todayInStockholm } from '../../src/shared/dates';
import { addDays, nextWorkingDayOnOrAfter, nonWorkingReason } from '../../src/shared/working-days';
import { addRecipient, createConsultation } from '../support/factories';
import { fixtures } from '../support/upload-fixtures';
import { axeViolations, expectHeading, journey, logIn, notice, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Remissinstanser, Skicka, the status board (anstånd, an answer from outside) and Bevakning, as a
 * registrator does them in a real Chromium; every page 0 axe violations and no sideways scrolling
 * at 320 px.
 */
let w: WebJourney;
// Journeys of many pages, each checked with axe and again at 320 px, on a shared two-core machine.
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => w?.close());

async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  const narrow = await w.newPage(320);
  await narrow.context.addCookies(await page.context().cookies());
  await narrow.page.goto(page.url());
  expect(await scrollsSideways(narrow.page)).toBe(false);
  await narrow.context.close();
}

/** A Saturday about a month away: short and on a weekend, so both warnings show. */
function shortSaturday(): string {
  let day = addDays(todayInStockholm(), 30);
  while (nonWorkingReason(day) !== 'lördag') day = addDays(day, 1);
  return day;
}

test('Remissinstanser and Skicka: add a sändlista and two external bodies, remove one, move the deadline to a working day in one click, send', async () => {
  const due = shortSaturday();
  const consultation = await createConsultation(w.t.dataSource, { registeredDate: todayInStockholm(), dueDate: due, title: 'Program för idrott' });
  const { page } = await w.newPage();
  await journey('distribution', page, async () => {
    await logIn(page, 'registrator');
    await page.goto(`/remisser/${consultation.id}/remissinstanser`);
    await expectHeading(page, 'Remissinstanser');
    expect(await page.textContent('main')).toContain('Remissen har inga remissinstanser ännu.');
    await checkPage(page);

    // Nothing chosen: a Swedish error, linked to the field.
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj minst en sändlista eller organisation.');
    await checkPage(page);

    await page.getByLabel(/Alla stadsdelsnämnder/).check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await notice(page)).toContain('Remissinstanserna är tillagda.');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(11);

    // Search without JavaScript: the query narrows lists and organisations; those already added are gone.
    await page.getByLabel('Sök sändlista eller organisation').fill('Fryshuset');
    await page.getByRole('button', { name: 'Sök' }).click();
    expect(new URL(page.url()).searchParams.get('sok')).toBe('Fryshuset');
    await page.getByLabel('Fryshuset').check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByLabel('Sök sändlista eller organisation').fill('Länsstyrelsen');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByLabel('Länsstyrelsen Stockholm').check();
    await page.getByLabel('För kännedom').check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    expect(await rows.count()).toBe(13);
    expect(await rows.filter({ hasText: 'Länsstyrelsen Stockholm' }).textContent()).toContain('För kännedom');
    await checkPage(page);

    // Each one's remissbrev is a PDF.
    const letter = await page.request.get((await rows.filter({ hasText: 'Fryshuset' }).getByRole('link', { name: /PDF/ }).getAttribute('href'))!);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toContain('application/pdf');

    // Remove one before sending, after a confirmation page.
    await rows.filter({ hasText: 'Länsstyrelsen Stockholm' }).getByRole('link', { name: /Ta bort/ }).click();
    await expectHeading(page, 'Ta bort Länsstyrelsen Stockholm?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ta bort' }).click();
    expect(await notice(page)).toContain('Remissinstansen är borttagen.');
    expect(await rows.count()).toBe(12);

    // Skicka: the recipients and both warnings; the next working day is one click.
    await page.getByRole('link', { name: 'Granska och skicka remissen' }).click();
    await expectHeading(page, 'Skicka remissen');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Remisstiden är kortare än tre månader');
    expect(await main.textContent()).toContain(`Sista svarsdag ${formatSwedishDate(due)} är inte en vardag`);
    expect(await page.locator('main table tbody tr').count()).toBe(12);
    await checkPage(page);
    const monday = nextWorkingDayOnOrAfter(due);
    await page.getByRole('button', { name: `Flytta sista svarsdag till ${formatSwedishDate(monday)}` }).click();
    expect(await notice(page)).toContain('Sista svarsdag är flyttad.');
    expect(await main.textContent()).not.toContain('är inte en vardag');
    expect(await main.textContent()).toContain(formatSwedishDate(monday));

    await page.getByRole('button', { name: 'Skicka remissen' }).click();
    await expectHeading(page, 'Svarsläge');
    expect(await notice(page)).toContain('Remissen är skickad till remissinstanserna.');
    expect(await page.locator('main table tbody tr').count()).toBe(12);
    // Each delivery on the board: e-mail to those with a registratur address, the post for Fryshuset.
    const delivery = (name: string) => page.locator('main table tbody tr', { hasText: name }).locator('[data-label="Utskick"]').textContent();
    expect(await delivery('Fryshuset')).toContain('Ingen e-postadress: skickas med post');
    expect(await delivery('Södermalms stadsdelsnämnd')).toMatch(/E-post (väntar på att skickas|skickad)/);
    const postal = await page.request.get((await page.getByRole('link', { name: /Remissbrev att skicka med post/ }).getAttribute('href'))!);
    expect(postal.status()).toBe(200);
    expect(postal.headers()['content-type']).toBe('application/pdf');
    await checkPage(page);
    // Once sent, nobody can be removed any more and Skicka says it went.
    await page.goto(`/remisser/${consultation.id}/remissinstanser`);
    expect(await page.getByRole('link', { name: /Ta bort/ }).count()).toBe(0);
    await page.goto(`/remisser/${consultation.id}/skicka`);
    expect(await page.getByRole('button', { name: 'Skicka remissen' }).count()).toBe(0);
  });
});

test('Skicka with a stale form: someone changed the remiss meanwhile, so it does not go out unseen', async () => {
  const consultation = await createConsultation(w.t.dataSource, { registeredDate: todayInStockholm(), dueDate: addDays(todayInStockholm(), 120) });
  await addRecipient(w.t.dataSource, consultation.id, 'sdn-sodermalm');
  const { page } = await w.newPage();
  await logIn(page, 'registrator');
  await page.goto(`/remisser/${consultation.id}/skicka`);
  await w.t.dataSource.query('UPDATE consultations SET version = version + 1 WHERE id = $1', [consultation.id]);
  await page.getByRole('button', { name: 'Skicka remissen' }).click();
  expect(await page.locator('main').textContent()).toContain('Någon annan har ändrat remissen');
  expect((await w.t.dataSource.query('SELECT status FROM consultations WHERE id = $1', [consultation.id]))[0].status).toBe('draft');
  await checkPage(page);
  await page.getByRole('button', { name: 'Skicka remissen' }).click();
  await expectHeading(page, 'Svarsläge');
});

test('status board: counts, filters in the URL, anstånd from a row, an answer on paper with its document, and Bevakning finds the late ones', async () => {
  const today = todayInStockholm();
  const consultation = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -90), sentDate: addDays(today, -60), dueDate: addDays(today, -3), title: 'Sen remiss om parker' });
  const sentAt = new Date(Date.now() - 60 * 86_400_000);
  await addRecipient(w.t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt });
  await addRecipient(w.t.dataSource, consultation.id, 'sdn-farsta', { sentAt });
  await addRecipient(w.t.dataSource, consultation.id, 'fryshuset', { sentAt });
  await addRecipient(w.t.dataSource, consultation.id, 'sdn-skarpnack', { sentAt, responseStatus: 'submitted', answeredDate: addDays(today, -10) });
  const { page } = await w.newPage();
  await journey('status-board', page, async () => {
    await logIn(page, 'registrator');
    await page.goto(`/remisser/${consultation.id}/svar`);
    await expectHeading(page, 'Svarsläge');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('4 remissinstanser, varav 3 sena');
    await checkPage(page);

    await page.getByRole('link', { name: 'Sena', exact: true }).click();
    expect(new URL(page.url()).search).toBe('?visa=sena');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(3);
    await page.getByRole('link', { name: 'Inte besvarade' }).click();
    expect(await rows.count()).toBe(3);
    expect(await main.textContent()).not.toContain('Skarpnäck');

    // Anstånd: a later date and a reason; the row is no longer late.
    await rows.filter({ hasText: 'Södermalm' }).getByRole('link', { name: /Bevilja anstånd/ }).click();
    await expectHeading(page, 'Bevilja anstånd');
    await checkPage(page);
    await page.getByLabel('Ny sista svarsdag').fill(addDays(today, -5));
    await page.getByLabel('Skäl').fill('Nämnden sammanträder först i nästa månad.');
    await page.getByRole('button', { name: 'Bevilja anstånd' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/måste vara senare än nuvarande svarsdag/);
    await page.getByLabel('Ny sista svarsdag').fill(addDays(today, 20));
    await page.getByRole('button', { name: 'Bevilja anstånd' }).click();
    expect(await notice(page)).toContain('Anståndet är beviljat.');
    const sodermalm = page.locator('main table tbody tr', { hasText: 'Södermalm' });
    expect(await sodermalm.locator('[data-label="Anstånd"]').textContent()).toBe('Ja');
    expect(await sodermalm.locator('[data-label="Sista svarsdag"]').textContent()).toBe(formatSwedishDate(addDays(today, 20)));
    expect(await sodermalm.locator('[data-label="Sen"]').textContent()).toBe('Nej');

    // A paper answer: the day it came, the stance, then its scanned document.
    await page.locator('main table tbody tr', { hasText: 'Farsta' }).getByRole('link', { name: /Registrera svar/ }).click();
    await expectHeading(page, 'Registrera svar');
    await checkPage(page);
    await page.getByLabel('Svar (på papper eller med e-post)').check();
    await page.getByLabel('Dag svaret kom in').fill(addDays(today, -1));
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj remissinstansens ställningstagande.');
    await page.getByLabel('Ställningstagande').selectOption('tillstyrker');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    await expectHeading(page, 'Bifoga svarsdokument');
    await checkPage(page);
    await page.getByLabel('Svarsdokument').setInputFiles({ name: 'program.exe', mimeType: 'application/pdf', buffer: fixtures.exe() });
    await page.getByRole('button', { name: 'Bifoga' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Filtypen är inte tillåten.');
    await page.getByLabel('Svarsdokument').setInputFiles({ name: 'svar-farsta.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
    await page.getByRole('button', { name: 'Bifoga' }).click();
    expect(await notice(page)).toContain('Svarsdokumentet är bifogat.');
    const farsta = page.locator('main table tbody tr', { hasText: 'Farsta' });
    expect(await farsta.locator('[data-label="Status"]').textContent()).toContain('Besvarat');
    expect(await farsta.locator('[data-label="Sen"]').textContent()).toContain('Sen');
    const files = await w.t.dataSource.query("SELECT a.file_name, a.answer_document FROM attachments a JOIN responses p ON p.id = a.response_id JOIN recipients r ON r.id = p.recipient_id WHERE r.consultation_id = $1", [consultation.id]);
    expect(files).toEqual([{ file_name: 'svar-farsta.pdf', answer_document: true }]);

    // Avstår with a reason.
    await page.locator('main table tbody tr', { hasText: 'Fryshuset' }).getByRole('link', { name: /Registrera svar/ }).click();
    await page.getByLabel('Avstår från att svara').check();
    await page.getByLabel('Dag svaret kom in').fill(today);
    await page.getByLabel('Skäl eller anteckning (frivilligt)').fill('Berörs inte av förslaget.');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    expect(await notice(page)).toContain('Svaret är registrerat.');
    expect(await page.locator('main table tbody tr', { hasText: 'Fryshuset' }).locator('[data-label="Status"]').textContent()).toContain('Avstår');

    // Bevakning: what is still owed, by effective date; the overdue filter in the URL.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bevakning' }).click();
    await expectHeading(page, 'Bevakning');
    await checkPage(page);
    await page.getByRole('link', { name: 'Kommande' }).click();
    expect(new URL(page.url()).search).toBe('?visa=kommande');
    const ours = page.locator('main table tbody tr', { hasText: 'Sen remiss om parker' });
    expect(await ours.count()).toBe(1);
    expect(await ours.textContent()).toContain('Södermalm');
  });
});

test('an answer of inga synpunkter on paper, with its motivering: an unprintable one is refused at the field, as the API refuses it', async () => {
  const today = todayInStockholm();
  const consultation = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -40), sentDate: addDays(today, -30), dueDate: addDays(today, 10), title: 'Remiss om lekplatser' });
  const { response } = await addRecipient(w.t.dataSource, consultation.id, 'sdn-bromma', { sentAt: new Date(Date.now() - 30 * 86_400_000) });
  const { page } = await w.newPage();
  await journey('paper-no-comments', page, async () => {
    await logIn(page, 'registrator');
    await page.goto(`/remisser/${consultation.id}/svar`);
    await page.locator('main table tbody tr', { hasText: 'Bromma' }).getByRole('link', { name: /Registrera svar/ }).click();
    await expectHeading(page, 'Registrera svar');
    await page.getByLabel('Inga synpunkter').check();
    await page.getByLabel('Dag svaret kom in').fill(addDays(today, -1));
    await page.getByLabel('Skäl eller anteckning (frivilligt)').fill('Berörs inte ✓');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    await page.locator('#reason-error').waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('Texten innehåller tecken som inte kan skrivas ut i dokumenten: U+2713 ✓.');
    expect(await page.getByLabel('Skäl eller anteckning (frivilligt)').inputValue()).toBe('Berörs inte ✓');
    expect((await w.t.dataSource.query('SELECT status FROM responses WHERE id = $1', [response.id]))[0].status).toBe('not_started');
    await checkPage(page);

    await page.getByLabel('Skäl eller anteckning (frivilligt)').fill('Förslaget berör inte nämndens verksamhetsområde.');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    expect(await notice(page)).toContain('Svaret är registrerat.');
    expect(await page.locator('main table tbody tr', { hasText: 'Bromma' }).locator('[data-label="Status"]').textContent()).toContain('Inga synpunkter');
    expect(await w.t.dataSource.query('SELECT status, answered_date::text AS answered_date, answer_reason FROM responses WHERE id = $1', [response.id])).toEqual([
      { status: 'no_comments', answered_date: addDays(today, -1), answer_reason: 'Förslaget berör inte nämndens verksamhetsområde.' },
    ]);
  });
});

test('Bevakning lists the overdue ones first, and a reader sees the status board without any button', async () => {
  const today = todayInStockholm();
  const consultation = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -90), sentDate: addDays(today, -60), dueDate: addDays(today, -2), title: 'Försenad remiss om bad' });
  await addRecipient(w.t.dataSource, consultation.id, 'sdn-bromma', { sentAt: new Date(Date.now() - 60 * 86_400_000) });
  const { page } = await w.newPage();
  await logIn(page, 'registrator');
  await page.goto('/bevakning?visa=forsenade');
  const row = page.locator('main table tbody tr', { hasText: 'Försenad remiss om bad' });
  expect(await row.textContent()).toContain('Försenad');
  expect(await row.textContent()).toContain(formatSwedishDate(addDays(today, -2)));

  const reader = await w.newPage();
  await logIn(reader.page, 'reader');
  await reader.page.goto(`/remisser/${consultation.id}/svar`);
  await expectHeading(reader.page, 'Svarsläge');
  expect(await reader.page.getByRole('link', { name: /Bevilja anstånd|Registrera svar/ }).count()).toBe(0);
  expect((await reader.page.goto('/bevakning'))?.status()).toBe(403);
  expect((await reader.page.goto(`/remisser/${consultation.id}/remissinstanser`))?.status()).toBe(403);
  expect((await reader.page.goto('/remisser/inte-ett-id/svar'))?.status()).toBe(404);
  expect(await w.t.dataSource.getRepository(Recipient).countBy({ consultationId: consultation.id })).toBe(1);
});
