import { writeFileSync } from 'node:fs';
import { launchBrowser } from './test/support/browser';
import { invented } from './test/imports/file-text-statement';
import { statementDocx } from './test/imports/file-text-writers';
import { imageOnlyPdf, SCAN_PAGES, typesetStatement } from './test/imports/ocr-scan-fixture';

const BASE = 'http://localhost:3991';
async function main() {
  const model = invented();
  (model.sections[1].body[0] as { content: Array<{ text: string }> }).content[0].text = (model.sections[1].body[0] as { content: Array<{ text: string }> }).content[0].text.replace('Förvaltningen delar', 'Forvaltningen delar');
  writeFileSync('/tmp/shots/Svar om biblioteken.docx', await statementDocx(model, 'direct'));
  writeFileSync('/tmp/shots/inskannat.pdf', await imageOnlyPdf(await typesetStatement(SCAN_PAGES), 200));
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, baseURL: BASE });
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('handlaggare.sodermalm');
  await page.getByLabel('Lösenord').fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.goto('/att-besvara');
  const link = page.locator('main a[href^="/svar/"]').first();
  const href = (await link.getAttribute('href'))!;
  await page.goto(href);
  const start = page.getByRole('button', { name: 'Påbörja svaret' });
  if (await start.count()) await start.click();
  const shot = async (name: string) => {
    await page.screenshot({ path: `/tmp/shots/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: `/tmp/shots/${name}-320.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  await shot('answer');
  await page.getByRole('link', { name: 'Importera från fil' }).click();
  await shot('start');
  await page.getByLabel('Fil att importera').setInputFiles('/tmp/shots/Svar om biblioteken.docx');
  await page.getByRole('button', { name: 'Läs filen' }).click();
  await shot('proposal');
  await page.goto(`${href}/importera`);
  await page.getByLabel('Fil att importera').setInputFiles('/tmp/shots/inskannat.pdf');
  await page.getByRole('button', { name: 'Läs filen' }).click();
  await shot('progress');
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(2000);
    await page.reload();
    if (await page.locator('h1', { hasText: 'Förslag ur' }).count()) break;
  }
  await shot('scan-proposal');
  await browser.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
