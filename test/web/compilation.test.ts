import type { Page } from 'playwright-core';
import { cleanUpPdfs, pdftotext, savePdf } from '../documents/pdf-tools';
import { checkPage, expectHeading, journey, keyboard, logIn, mouse, notice, startWebJourney, type Hands, type WebJourney } from '../support/web-journey';

/*
 * The coordinating förvaltning's screens (issue 15): Samordning (open remisser, closed ones behind a
 * filter) and the Sammanställning of KS 2020/924: the matrix filtered by stance, Förvaltningens
 * synpunkter side by side, Svaren i korthet written for Södermalm and found in the downloaded PDF.
 * With the mouse and with the keyboard alone; every page 0 axe violations, nothing sideways at 320 px.
 */
let w: WebJourney;
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => {
  cleanUpPdfs();
  await w?.close();
});

async function coordinatorJourney(page: Page, hands: Hands, line: string): Promise<void> {
  page.setDefaultTimeout(20_000);
  await logIn(page, 'coordinator');
  // The start page lists what the organisation coordinates; KS 2020/924 is closed: behind the filter.
  await hands.press(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Samordning' }));
  await expectHeading(page, 'Samordning');
  await checkPage(page);
  await hands.press(page.getByRole('link', { name: 'Avslutade' }));
  await page.waitForURL(/visa=avslutade/);
  await hands.press(page.getByRole('link', { name: /handlingsplan|våld/i }).first());
  await expectHeading(page, /^Sammanställning: /);
  expect(await page.locator('.govuk-caption-l').first().textContent()).toBe('KS 2020/924');
  await checkPage(page);

  // The matrix filtered by stance: only the answers that tillstyrker med ändringar … or whatever Södermalm said.
  const all = await page.locator('[data-matrix] tbody tr').count();
  expect(all).toBeGreaterThan(40);
  await hands.choose(page.getByLabel('Ställningstagande', { exact: true }), 'Tillstyrker');
  await hands.press(page.getByRole('button', { name: 'Visa', exact: true }));
  await page.waitForURL(/stallning=tillstyrker/);
  const filtered = await page.locator('[data-matrix] tbody th').allTextContents();
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.length).toBeLessThan(all);
  expect(filtered.join(' ')).toContain('Södermalms stadsdelsnämnd');
  for (const cell of await page.locator('[data-matrix] tbody td[data-label="Ställningstagande"]').allTextContents()) expect(cell).toMatch(/^Tillstyrker/);

  // Förvaltningens synpunkter, two answers side by side.
  await hands.press(page.getByRole('link', { name: /^Förvaltningens synpunkter/ }));
  await page.waitForURL(/avsnitt=/);
  await hands.check(page.getByRole('checkbox', { name: 'Södermalms stadsdelsnämnd' }));
  await hands.check(page.getByRole('checkbox', { name: 'Östermalms stadsdelsnämnd' }));
  await hands.press(page.getByRole('button', { name: 'Jämför' }));
  await page.waitForURL(/jamfor=/);
  expect(await page.locator('.remiss-columns [data-answer] h4').allTextContents()).toEqual(expect.arrayContaining(['Södermalms stadsdelsnämnd', 'Östermalms stadsdelsnämnd']));
  expect(await page.locator('.remiss-columns [data-answer]').count()).toBe(2);
  await checkPage(page);

  // Svaren i korthet for Södermalm: from the suggestion to the coordinator's own line.
  const row = page.locator('[data-summary]', { hasText: 'Södermalms stadsdelsnämnd' });
  await hands.press(row.getByRole('link', { name: /raden för Södermalms stadsdelsnämnd/ }));
  await expectHeading(page, 'Svaren i korthet: Södermalms stadsdelsnämnd');
  expect(await page.locator('[data-suggestion]').textContent()).toContain('Förslaget:');
  await checkPage(page);
  await hands.replace(page.getByLabel('Raden'), line);
  await hands.press(page.getByRole('button', { name: 'Spara raden' }));
  await page.waitForURL(/korthet-sparad|meddelande/);
  expect(await notice(page)).toContain('Raden i Svaren i korthet är sparad.');
  expect(await page.locator('[data-summary]', { hasText: 'Södermalms stadsdelsnämnd' }).textContent()).toContain(line);

  // The PDF printed with the line in place of the suggestion.
  const href = (await page.getByRole('link', { name: 'PDF per avsnitt' }).getAttribute('href'))!;
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdftotext(savePdf(await pdf.body(), 'coordinator-compilation')).replace(/\s+/g, ' ')).toContain(line);
}

test('the coordinator reads KS 2020/924, filters by stance, compares two answers, writes Södermalm’s line and finds it in the PDF', async () => {
  const { page } = await w.newPage();
  await journey('coordinator-mouse', page, () => coordinatorJourney(page, mouse(), 'Södermalm tillstyrker och vill stärka stödet till barn.'));
});

test('the same journey with the keyboard alone', async () => {
  const { page } = await w.newPage();
  await journey('coordinator-keyboard', page, () => coordinatorJourney(page, keyboard(page), 'Södermalm tillstyrker; stödet till barn bör stärkas.'));
});
