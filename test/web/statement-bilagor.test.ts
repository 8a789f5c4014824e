import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { bearer } from '../support/test-app';
import { fixtures, multipart } from '../support/upload-fixtures';
import { openDemoResponseId } from '../support/factories';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * Bilagor on the tjänsteutlåtande (issue 13): Södermalm's handläggare uploads a file to the
 * statement of the open demo remiss from the statement page, sees it listed, downloads the same
 * bytes and removes it after confirming; a refused upload is said in Swedish beside the file field,
 * also without JavaScript; another organisation's handläggare gets 404 for the file; once the
 * answer has gone on to review the bilagor stay as they are.
 */
let w: WebJourney;
jest.setTimeout(240_000);

/** Small, so "too big" needs no large file; a real PDF is far below it. */
const MAX_BYTES = 100_000;
let responseId: string;

beforeAll(async () => {
  w = await startWebJourney({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  responseId = await openDemoResponseId(w.t.dataSource, 'sdn-sodermalm');
}, 60_000);
afterAll(async () => w?.close());

/** A one-page PDF with a line of text, its cross-reference table at the offsets it claims. */
function smallPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const bilagor = (page: Page) => page.locator('main [data-bilagor]');
const fileError = (page: Page) => page.locator('#file-error');

test('the handläggare uploads a bilaga to the statement, sees it, downloads the same bytes and removes it after confirming; another organisation gets 404', async () => {
  const pdf = smallPdf('Karta over parkerna pa Sodermalm');
  const { page } = await w.newPage();
  let downloadHref = '';
  await journey('statement-bilagor', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}`);
    await page.getByRole('button', { name: 'Påbörja svaret' }).click();
    expect(await notice(page)).toContain('Arbetet med svaret är påbörjat.');
    await page.getByRole('link', { name: 'Skriv och läs tjänsteutlåtandet' }).click();
    await expectHeading(page, 'Tjänsteutlåtande');
    expect(await page.locator('main').textContent()).toContain('Inga bilagor ännu.');
    // The PDF's bilageförteckning is the header's list: the page says where it is edited.
    const hint = page.locator('main p', { hasText: 'Bilageförteckningen' });
    expect(await hint.getByRole('link', { name: 'Uppgifter i huvudet' }).getAttribute('href')).toBe(`/svar/${responseId}/utlatande/uppgifter`);
    await checkPage(page);

    // Nothing chosen (with JavaScript the form posts through the progress bar's script): said beside the field.
    await page.getByRole('button', { name: 'Ladda upp bilagan' }).click();
    await fileError(page).waitFor();
    expect(await fileError(page).textContent()).toContain('Välj en fil att ladda upp.');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Välj en fil att ladda upp.');
    await checkPage(page);

    await page.getByLabel('Ladda upp en bilaga').setInputFiles({ name: 'Karta över parkerna.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByLabel('Beskrivning (valfritt)').fill('Parkerna som berörs');
    await page.getByRole('button', { name: 'Ladda upp bilagan' }).click();
    await page.waitForURL(/klart=bilaga-uppladdad/);
    expect(await notice(page)).toContain('Bilagan är uppladdad.');
    const entry = bilagor(page).locator('li', { hasText: 'Karta över parkerna.pdf' });
    expect(await entry.textContent()).toMatch(/Karta över parkerna\.pdf\s+\(\d+ byte, uppladdad \d{1,2} \w+ \d{4} kl\. \d{2}\.\d{2} av Hanna Söderberg\)/);
    expect(await entry.textContent()).toContain('Parkerna som berörs');
    await checkPage(page);

    const link = entry.getByRole('link', { name: 'Karta över parkerna.pdf', exact: true });
    downloadHref = (await link.getAttribute('href'))!;
    expect(downloadHref).toMatch(new RegExp(`^/svar/${responseId}/bilagor/[0-9a-f-]{36}$`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Karta över parkerna.pdf');
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'remiss-bilaga-')), 'bilaga.pdf');
    await download.saveAs(saved);
    expect(Buffer.compare(await readFile(saved), pdf)).toBe(0);

    // Another organisation's handläggare: the file, and its removal, do not exist for them.
    const other = await w.newPage();
    await logIn(other.page, 'handlaggare.norrainnerstaden');
    for (const href of [downloadHref, `${downloadHref}/ta-bort`]) {
      const answer = await other.page.goto(href);
      expect({ href, status: answer?.status() }).toEqual({ href, status: 404 });
      await expectHeading(other.page, 'Sidan finns inte');
    }
    await other.context.close();

    await entry.getByRole('link', { name: 'Ta bort Karta över parkerna.pdf' }).click();
    await expectHeading(page, 'Ta bort bilagan?');
    expect(await page.locator('main').textContent()).toContain('Karta över parkerna.pdf – Parkerna som berörs');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ta bort bilagan' }).click();
    await expectHeading(page, 'Tjänsteutlåtande');
    expect(await notice(page)).toContain('Bilagan är borttagen.');
    expect(await bilagor(page).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Inga bilagor ännu.');
    expect((await page.request.get(downloadHref)).status()).toBe(404);
  });
});

// Runs after the journey above, which started the draft.
test('without JavaScript: nothing chosen, a program and a file too big are each said in Swedish beside the file field, the description kept', async () => {
  const { page } = await w.newPage(1280, { javaScript: false });
  await journey('statement-bilagor-errors', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}/utlatande`);
    await expectHeading(page, 'Tjänsteutlåtande');
    const submit = async (file: { name: string; mimeType: string; buffer: Buffer } | null) => {
      if (file) await page.getByLabel('Ladda upp en bilaga').setInputFiles(file);
      await page.getByLabel('Beskrivning (valfritt)').fill('Underlag från parkenheten');
      await page.getByRole('button', { name: 'Ladda upp bilagan' }).click();
      await expectHeading(page, 'Tjänsteutlåtande');
      expect(await page.getByLabel('Beskrivning (valfritt)').inputValue()).toBe('Underlag från parkenheten');
      return { summary: await page.locator('.govuk-error-summary').textContent(), beside: await fileError(page).textContent() };
    };

    const empty = await submit(null);
    expect(empty.summary).toContain('Välj en fil att ladda upp.');
    expect(empty.beside).toContain('Välj en fil att ladda upp.');
    // The summary's link leads to the field.
    expect(await page.locator('.govuk-error-summary a', { hasText: 'Välj en fil att ladda upp.' }).getAttribute('href')).toBe('#file');

    const program = await submit({ name: 'karta.pdf.exe', mimeType: 'application/octet-stream', buffer: fixtures.exe() });
    expect(program.beside).toContain('Filtypen är inte tillåten.');

    const tooBig = await submit({ name: 'Stor karta.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([fixtures.pdf(), Buffer.alloc(MAX_BYTES)]) });
    expect(tooBig.beside).toContain('Filen är för stor.');

    await page.goto(`/svar/${responseId}/utlatande`);
    expect(await page.locator('main').textContent()).toContain('Inga bilagor ännu.');
  });
});

// Last: it sends the demo draft on to review.
test('once the answer is in review the bilaga stays listed, with no upload form and no Ta bort; an old removal link says why', async () => {
  const handlaggare = bearer(await w.t.login('handlaggare.sodermalm'));
  const { body, contentType } = multipart({ name: 'Underlag.pdf', data: fixtures.pdf(), type: 'application/pdf' });
  const uploaded = await request(w.t.app).post(`/api/responses/${responseId}/attachments`).set(handlaggare).set('content-type', contentType).send(body);
  expect(uploaded.status).toBe(201);
  const current = await request(w.t.app).get(`/api/responses/${responseId}/statement`).set(handlaggare);
  const { header, signatories, enclosures, sections } = current.body;
  const filled = sections.map(({ key, heading }: { key: string; heading: string }) => ({ key, heading, body: [{ type: 'paragraph', content: [{ text: `Text i ${heading}.` }] }], stance: null }));
  expect((await request(w.t.app).put(`/api/responses/${responseId}/statement`).set(handlaggare).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance: 'tillstyrker', sections: filled })).status).toBe(200);
  expect((await request(w.t.app).post(`/api/responses/${responseId}/transitions`).set(handlaggare).send({ action: 'submit_for_review' })).status).toBe(200);

  const { page } = await w.newPage();
  await journey('statement-bilagor-locked', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}/utlatande`);
    await expectHeading(page, 'Tjänsteutlåtande');
    expect(await bilagor(page).getByRole('link', { name: 'Underlag.pdf', exact: true }).count()).toBe(1);
    expect(await bilagor(page).getByRole('link', { name: /^Ta bort/ }).count()).toBe(0);
    expect(await page.getByLabel('Ladda upp en bilaga').count()).toBe(0);

    await page.goto(`/svar/${responseId}/bilagor/${uploaded.body.id}/ta-bort`);
    await expectHeading(page, 'Ta bort bilagan?');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('Bilagor kan bara läggas till och tas bort medan svaret skrivs.');
    expect(await page.getByRole('button', { name: 'Ta bort bilagan' }).count()).toBe(0);
    await checkPage(page);
  });
});
