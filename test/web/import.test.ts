import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pdftotext, savePdf } from '../documents/pdf-tools';
import { invented } from '../imports/file-text-statement';
import { statementDocx } from '../imports/file-text-writers';
import { imageOnlyPdf, SCAN_PAGES, typesetStatement } from '../imports/ocr-scan-fixture';
import { runOcrCycle } from '../../src/imports/import-ocr-job';
import { createFileStore } from '../../src/storage/create-file-store';
import type { Block, Inline } from '../../src/statements/statement-body';
import { openDemoResponseId } from '../support/factories';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Importera från fil (issue 16): Södermalm's handläggare imports a Word file of a past answer (an
 * OCR'd scan saved as Word: two words lost their ö), sees the proposal beside the text it was read
 * from, undoes one of the two repairs, accepts with the file kept as a bilaga, and the draft's PDF
 * holds every word of the file's sections in order, the undone word as the file has it.
 */
let w: WebJourney;
jest.setTimeout(240_000);
let responseId: string;

beforeAll(async () => {
  w = await startWebJourney();
  responseId = await openDemoResponseId(w.t.dataSource, 'sdn-sodermalm');
}, 60_000);
afterAll(async () => w?.close());

/** The invented statement with OCR damage in two places: "Forvaltningen" and "forvaltningen". */
function damagedStatement() {
  const model = invented();
  const damage = (blocks: Block[], from: string, to: string) =>
    blocks.forEach((block) => {
      if (block.type === 'paragraph') block.content.forEach((inline) => 'text' in inline && (inline.text = inline.text.replace(from, to)));
    });
  damage(model.sections[1].body, 'Förvaltningen delar', 'Forvaltningen delar');
  damage(model.sections[5].body, 'och förvaltningen vill', 'och forvaltningen vill');
  return model;
}

const inlineWords = (content: readonly Inline[]) => content.flatMap((inline) => ('text' in inline ? [inline.text] : []));
function blockText(block: Block): string[] {
  if (block.type === 'paragraph') return inlineWords(block.content);
  if (block.type === 'subheading') return [block.text];
  return block.items.flatMap((item) => [...inlineWords(item.content), ...(item.children?.items.flatMap((child) => inlineWords(child.content)) ?? [])]);
}
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
/** The PDF's words, a footnote's number taken off the word it follows ("lokalerna1" → "lokalerna"). */
const printedWords = (text: string) => wordsOf(text).map((word) => word.replace(/(\p{L})\d+$/u, '$1'));

/** Where the words run out of order: null when every expected word is found after the one before. */
function firstMissing(expected: readonly string[], actual: readonly string[]): string | null {
  let at = 0;
  for (const [index, word] of expected.entries()) {
    const found = actual.indexOf(word, at);
    if (found < 0) return `${word} (word ${index + 1}: …${expected.slice(Math.max(0, index - 5), index + 1).join(' ')})`;
    at = found + 1;
  }
  return null;
}

test('a handläggare imports a Word file, undoes one repair, accepts, and the draft PDF holds every word of its sections in order', async () => {
  const model = damagedStatement();
  const folder = mkdtempSync(path.join(tmpdir(), 'remiss-import-'));
  const file = path.join(folder, 'Svar om biblioteken.docx');
  writeFileSync(file, await statementDocx(model, 'styles'));
  const { page } = await w.newPage();
  await journey('import', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}`);
    await page.getByRole('button', { name: 'Påbörja svaret' }).click();
    await page.getByRole('link', { name: 'Importera från fil' }).click();
    await expectHeading(page, 'Importera från fil');
    await checkPage(page);

    // Nothing chosen: said beside the field.
    await page.getByRole('button', { name: 'Läs filen' }).click();
    expect(await page.locator('#file-error').textContent()).toContain('Välj en fil');

    await page.getByLabel('Fil att importera').setInputFiles(file);
    await page.getByRole('button', { name: 'Läs filen' }).click();
    await expectHeading(page, 'Förslag ur Svar om biblioteken.docx');
    await checkPage(page);
    // The file answers another remiss (KS 2024/903): said before anything is accepted.
    expect(await page.locator('[data-other-remiss]').textContent()).toContain('KS 2024/903');
    const title = page.locator('#title');
    expect(await title.inputValue()).toBe(model.title);
    const repairs = page.locator('table.remiss-repairs tbody tr');
    expect(await repairs.count()).toBe(2);
    expect(await repairs.allTextContents()).toEqual([expect.stringMatching(/Forvaltningen\s+Förvaltningen/), expect.stringMatching(/forvaltningen\s+förvaltningen/)]);
    // The source beside the proposal marks the repaired word where it stands.
    expect(await page.locator('.remiss-import-source mark').allTextContents()).toEqual(['Forvaltningen', 'forvaltningen']);
    const views = page.getByLabel(/Förvaltningens synpunkter och förslag/);
    expect(await views.inputValue()).toContain('och förvaltningen vill');

    await repairs.nth(1).getByRole('button', { name: /Ångra/ }).click();
    expect(await notice(page)).toContain('Ändringen är ångrad');
    expect(await views.inputValue()).toContain('och forvaltningen vill');
    const summary = await page.getByLabel('Sammanfattning').inputValue();
    expect(summary).toContain('Förvaltningen delar');
    // Each paragraph as its own, not indented by the page's markup around the field.
    expect(summary).toContain('arbete.\n\nFörvaltningen anser');
    expect(await page.getByLabel(/Spara .* som bilaga/).isChecked()).toBe(true);
    const proposalUrl = page.url();
    await page.getByRole('button', { name: 'Använd förslaget som utkast' }).click();
    expect(await notice(page)).toContain('Förslaget är sparat som utkast');
    await expectHeading(page, 'Tjänsteutlåtande');
    expect(await page.locator('main [data-bilagor]').textContent()).toContain('Svar om biblioteken.docx');

    const pdf = await page.request.get(`/api/responses/${responseId}/pdf`);
    expect(pdf.status()).toBe(200);
    const printed = printedWords(pdftotext(savePdf(Buffer.from(await pdf.body()), 'imported-draft')));
    const expected = model.sections.flatMap((section) => [section.heading, ...section.body.flatMap(blockText)]).map((text) => text.replace('Forvaltningen delar', 'Förvaltningen delar'));
    expect(firstMissing(wordsOf(expected.join(' ')), printed)).toBeNull();

    // Used once: the import's page says so (a second click, a bookmark) instead of offering it again.
    await page.goto(proposalUrl);
    expect(await page.locator('main').textContent()).toContain('Förslaget ur filen är redan använt som utkast.');
  });
});

test('a scanned PDF waits for OCR with its progress said, then shows its proposal; a file that cannot be read is said beside the field', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'remiss-import-'));
  const scan = path.join(folder, 'inskannat.pdf');
  writeFileSync(scan, await imageOnlyPdf(await typesetStatement(SCAN_PAGES), 150));
  const broken = path.join(folder, 'trasig.pdf');
  writeFileSync(broken, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
  const { page } = await w.newPage();
  await journey('import-scan', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}/importera`);
    await page.getByLabel('Fil att importera').setInputFiles(broken);
    await page.getByRole('button', { name: 'Läs filen' }).click();
    expect(await page.locator('#file-error').textContent()).toMatch(/skadad|kan inte läsas/);
    await checkPage(page);

    await page.getByLabel('Fil att importera').setInputFiles(scan);
    await page.getByRole('button', { name: 'Läs filen' }).click();
    await expectHeading(page, 'inskannat.pdf');
    expect(await page.getByRole('status').textContent()).toContain('Väntar på textigenkänning (OCR)');
    await checkPage(page);

    // The background job (every process runs it; here called once).
    const store = createFileStore(w.t.config);
    expect(await runOcrCycle({ dataSource: w.t.dataSource, store })).toEqual({ done: 1, failed: 0 });
    // The page asks for the progress itself and shows the proposal once it is ready.
    await page.getByRole('heading', { level: 1, name: 'Förslag ur inskannat.pdf' }).waitFor({ timeout: 20_000 });
    await checkPage(page);
    expect(await page.getByLabel(/Förvaltningens synpunkter och förslag/).inputValue()).toContain('Förvaltningen föreslår att försöket utvärderas');

    await page.goto(`/svar/${responseId}/importera`);
    expect(await page.locator('main li', { hasText: 'inskannat.pdf' }).textContent()).toContain('Förslaget är klart att granska');
  });
});
