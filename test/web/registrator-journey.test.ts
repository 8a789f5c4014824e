import type { Page } from 'playwright-core';
import pino from 'pino';
import { startDeliveryScheduler } from '../../src/deliveries/delivery-scheduler';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import type { BackgroundJob } from '../../src/shared/background-job';
import { todayInStockholm } from '../../src/shared/dates';
import { addDays } from '../../src/shared/working-days';
import { pdftotext, savePdf, cleanUpPdfs } from '../documents/pdf-tools';
import { addRecipient, createConsultation } from '../support/factories';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../support/smtp-capture';
import { TEST_PASSWORD } from '../support/test-constants';
import { fixtures } from '../support/upload-fixtures';
import { checkPage, expectHeading, journey, logIn, startWebJourney, tabTo, type WebJourney } from '../support/web-journey';

/*
 * The registrator's whole job (issue 12, "Done when"), once with the mouse and once with the keyboard
 * alone: register a remiss, upload its handlingar, add "Alla stadsdelsnämnder" and two external
 * bodies, send it (the remissbrev arrive by e-mail at a real SMTP server on loopback, delivered by the
 * app's own background worker), grant an anstånd, record a paper answer, and find the late ones on the
 * status board and in Bevakning. Every page on the way: 0 axe violations, no sideways scroll at 320 px.
 */
let w: WebJourney;
let smtp: SmtpCapture;
let mailer: Mailer;
let deliveries: BackgroundJob;
const today = todayInStockholm();
// 11 stadsdelsnämnder and two external bodies; Fryshuset has no registratur address (the post).
const RECIPIENTS = 13;
const BY_EMAIL = 12;
jest.setTimeout(300_000);

beforeAll(async () => {
  w = await startWebJourney();
  smtp = await startSmtpCapture();
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
  deliveries = startDeliveryScheduler({
    dataSource: w.t.dataSource,
    mailer,
    renderPdf: (document) => w.t.renderer.renderPdf(document),
    config: w.t.config,
    logger: pino({ level: 'silent' }),
    notifier: w.t.deliveries,
    firstRunDelayMs: 0,
  });
}, 60_000);
afterAll(async () => {
  await deliveries?.stop();
  mailer?.close();
  await smtp?.close();
  cleanUpPdfs();
  await w?.close();
});

const row = (page: Page, name: string) => page.locator('main table tbody tr', { hasText: name });

/** A remiss sent two months ago whose deadline has passed, Bromma still not answering: the late one to find. */
async function lateRemiss(title: string): Promise<void> {
  const late = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -90), sentDate: addDays(today, -60), dueDate: addDays(today, -4), title });
  await addRecipient(w.t.dataSource, late.id, 'sdn-bromma', { sentAt: new Date(Date.now() - 60 * 86_400_000) });
}

/** Waits for the delivery worker's e-mails about this Dnr, then checks each carries its remissbrev and the link to the remiss page. */
async function expectRemissbrevMailed(caseNumber: string, consultationPath: string): Promise<void> {
  const about = (): ReceivedMail[] => smtp.messages.filter((m) => m.subject.includes(caseNumber));
  const deadline = Date.now() + 60_000;
  while (about().length < BY_EMAIL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const mails = about();
  expect(mails).toHaveLength(BY_EMAIL);
  const to = mails.flatMap((m) => m.to).sort();
  expect(to).toContain('registrator@sdn-sodermalm.example');
  expect(to).toContain('registrator@kriminalvarden.example');
  expect(to.some((address) => address.includes('fryshuset'))).toBe(false);
  for (const mail of mails) {
    expect(mail.text).toContain(consultationPath);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toContain('application/pdf');
  }
  const sodermalm = mails.find((m) => m.to.includes('registrator@sdn-sodermalm.example'))!;
  const letter = pdftotext(savePdf(sodermalm.attachments[0].content, 'journey-remissbrev'));
  expect(letter).toContain(caseNumber);
  expect(letter).toContain('Södermalms stadsdelsnämnd');
}

test('with the mouse: register, upload, send to Alla stadsdelsnämnder and two external bodies (the e-mails arrive), anstånd, a paper answer, the late ones', async () => {
  await lateRemiss('Sen musremiss');
  const caseNumber = 'KS 2099/5101';
  const { page } = await w.newPage();
  await journey('registrator-mouse', page, async () => {
    await logIn(page, 'registrator');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Remisser' }).click();
    await page.getByRole('link', { name: 'Registrera remiss' }).click();
    await expectHeading(page, 'Registrera remiss');
    await checkPage(page);
    await page.getByLabel('Diarienummer (Dnr)').fill(caseNumber);
    await page.getByLabel('Rubrik').fill('Program för stadens parker');
    await page.getByLabel('Typ av remiss').selectOption({ label: 'Program' });
    await page.getByLabel('Avsändare').selectOption({ label: 'Kommunstyrelsen' });
    await page.getByLabel('Samordnande förvaltning (valfritt)').selectOption({ label: 'Socialförvaltningen' });
    await page.getByLabel('Sista svarsdag (valfritt)').fill(addDays(today, 120));
    await page.getByRole('button', { name: 'Registrera remiss' }).click();
    await expectHeading(page, 'Program för stadens parker');
    const remissPath = new URL(page.url()).pathname;

    await page.getByLabel('Ladda upp en remisshandling').setInputFiles({ name: 'Parkprogram.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.waitForURL(/klart=handling-uppladdad/);
    expect(await page.locator('main').getByRole('link', { name: 'Parkprogram.pdf', exact: true }).count()).toBe(1);
    await checkPage(page);

    await page.getByRole('link', { name: 'Remissinstanser' }).click();
    await expectHeading(page, 'Remissinstanser');
    await page.getByLabel(/Alla stadsdelsnämnder/).check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForURL(/klart=instanser-tillagda/);
    for (const name of ['Fryshuset', 'Kriminalvården']) {
      await page.getByLabel('Sök sändlista eller organisation').fill(name);
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.getByLabel(name, { exact: true }).check();
      await page.getByRole('button', { name: 'Lägg till' }).click();
      await page.waitForURL(/klart=instanser-tillagda/);
    }
    expect(await page.locator('main table tbody tr').count()).toBe(RECIPIENTS);
    await checkPage(page);

    await page.getByRole('link', { name: 'Granska och skicka remissen' }).click();
    await expectHeading(page, 'Skicka remissen');
    await checkPage(page);
    await page.getByRole('button', { name: 'Skicka remissen' }).click();
    await expectHeading(page, 'Svarsläge');
    await expectRemissbrevMailed(caseNumber, remissPath);
    await page.reload();
    expect(await row(page, 'Södermalm').locator('[data-label="Utskick"]').textContent()).toContain('E-post skickad');
    expect(await row(page, 'Fryshuset').locator('[data-label="Utskick"]').textContent()).toContain('Ingen e-postadress');
    await checkPage(page);

    await row(page, 'Södermalm').getByRole('link', { name: /Bevilja anstånd/ }).click();
    await expectHeading(page, 'Bevilja anstånd');
    await checkPage(page);
    await page.getByLabel('Ny sista svarsdag').fill(addDays(today, 150));
    await page.getByLabel('Skäl').fill('Nämnden sammanträder senare.');
    await page.getByRole('button', { name: 'Bevilja anstånd' }).click();
    await page.waitForURL(/klart=anstand-beviljat/);
    expect(await row(page, 'Södermalm').locator('[data-label="Anstånd"]').textContent()).toBe('Ja');

    await row(page, 'Kriminalvården').getByRole('link', { name: /Registrera svar/ }).click();
    await expectHeading(page, 'Registrera svar');
    await checkPage(page);
    await page.getByLabel('Svar (på papper eller med e-post)').check();
    await page.getByLabel('Dag svaret kom in').fill(today);
    await page.getByLabel('Ställningstagande').selectOption('tillstyrker');
    await page.getByRole('button', { name: 'Registrera svar' }).click();
    await expectHeading(page, 'Bifoga svarsdokument');
    await checkPage(page);
    await page.getByLabel('Svarsdokument').setInputFiles({ name: 'svar-kriminalvarden.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
    await page.getByRole('button', { name: 'Bifoga' }).click();
    await expectHeading(page, 'Svarsläge');
    expect(await row(page, 'Kriminalvården').locator('[data-label="Status"]').textContent()).toContain('Besvarat');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bevakning' }).click();
    await expectHeading(page, 'Bevakning');
    await page.getByRole('link', { name: 'Försenade' }).click();
    await page.waitForURL(/visa=forsenade/);
    expect(await row(page, 'Sen musremiss').textContent()).toContain('Bromma');
    expect(await row(page, 'Program för stadens parker').count()).toBe(0);
    await checkPage(page);
    await row(page, 'Sen musremiss').getByRole('link').first().click();
    await expectHeading(page, 'Svarsläge');
    await page.getByRole('link', { name: 'Sena', exact: true }).click();
    expect(await row(page, 'Bromma').locator('[data-label="Sen"]').textContent()).toBe('Sen');
    await checkPage(page);
  });
});

test('keyboard only: the same job without a mouse', async () => {
  await lateRemiss('Sen tangentbordsremiss');
  const caseNumber = 'KS 2099/5102';
  const { page } = await w.newPage();
  await journey('registrator-keyboard', page, async () => {
    await page.goto('/remisser/ny');
    await tabTo(page, page.getByLabel('Användarnamn'));
    await page.keyboard.type('registrator');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Registrera remiss');

    await tabTo(page, page.getByLabel('Diarienummer (Dnr)'));
    await page.keyboard.type(caseNumber);
    await tabTo(page, page.getByLabel('Rubrik'));
    await page.keyboard.type('Tangentbordsremiss om parker');
    await tabTo(page, page.getByLabel('Typ av remiss'));
    await page.keyboard.type('Program');
    await tabTo(page, page.getByLabel('Avsändare'));
    await page.keyboard.type('Kommunstyrelsen');
    await tabTo(page, page.getByLabel('Sista svarsdag (valfritt)'));
    await page.keyboard.type(addDays(today, 120));
    await tabTo(page, page.getByRole('button', { name: 'Registrera remiss' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Tangentbordsremiss om parker');
    const remissPath = new URL(page.url()).pathname;

    // The file is chosen in the system's own dialog, which the page cannot drive; the field and the button are reached by Tab.
    const file = page.getByLabel('Ladda upp en remisshandling');
    await tabTo(page, file);
    await file.setInputFiles({ name: 'Tangentbordsprogram.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
    await tabTo(page, page.getByRole('button', { name: 'Ladda upp', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=handling-uppladdad/);
    expect(await page.locator('main').getByRole('link', { name: 'Tangentbordsprogram.pdf', exact: true }).count()).toBe(1);

    await tabTo(page, page.getByRole('link', { name: 'Remissinstanser' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Remissinstanser');
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
    expect(await page.locator('main table tbody tr').count()).toBe(RECIPIENTS);

    await tabTo(page, page.getByRole('link', { name: 'Granska och skicka remissen' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Skicka remissen');
    await tabTo(page, page.getByRole('button', { name: 'Skicka remissen' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Svarsläge');
    await expectRemissbrevMailed(caseNumber, remissPath);

    await tabTo(page, row(page, 'Södermalm').getByRole('link', { name: /Bevilja anstånd/ }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bevilja anstånd');
    await tabTo(page, page.getByLabel('Ny sista svarsdag'));
    await page.keyboard.type(addDays(today, 150));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nämnden sammanträder senare.');
    await tabTo(page, page.getByRole('button', { name: 'Bevilja anstånd' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=anstand-beviljat/);
    expect(await row(page, 'Södermalm').locator('[data-label="Anstånd"]').textContent()).toBe('Ja');

    await tabTo(page, row(page, 'Kriminalvården').getByRole('link', { name: /Registrera svar/ }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Registrera svar');
    await tabTo(page, page.getByLabel('Svar (på papper eller med e-post)'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Dag svaret kom in'));
    await page.keyboard.type(today);
    await tabTo(page, page.getByLabel('Ställningstagande'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByRole('button', { name: 'Registrera svar' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bifoga svarsdokument');
    await tabTo(page, page.getByRole('link', { name: 'Hoppa över' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Svarsläge');
    expect(await row(page, 'Kriminalvården').locator('[data-label="Status"]').textContent()).toContain('Besvarat');

    await tabTo(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bevakning' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bevakning');
    await tabTo(page, page.getByRole('link', { name: 'Försenade' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/visa=forsenade/);
    expect(await row(page, 'Sen tangentbordsremiss').textContent()).toContain('Försenad');
    await tabTo(page, row(page, 'Sen tangentbordsremiss').getByRole('link').first());
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Svarsläge');
    await tabTo(page, page.getByRole('link', { name: 'Sena', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/visa=sena/);
    expect(await row(page, 'Bromma').locator('[data-label="Sen"]').textContent()).toBe('Sen');
  });
});

test('without JavaScript: registering, uploading a handling, adding remissinstanser and sending all work with plain forms', async () => {
  const caseNumber = 'KS 2099/5103';
  const { page } = await w.newPage(1280, { javaScript: false });
  await journey('registrator-no-js', page, async () => {
    await logIn(page, 'registrator');
    await page.goto('/remisser/ny');
    await expectHeading(page, 'Registrera remiss');
    // The error summary and the kept values come from the server, not from a script.
    await page.getByLabel('Rubrik').fill('Remiss utan skript');
    await page.getByRole('button', { name: 'Registrera remiss' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Fyll i diarienummer.');
    expect(await page.getByLabel('Rubrik').inputValue()).toBe('Remiss utan skript');
    await page.getByLabel('Diarienummer (Dnr)').fill(caseNumber);
    await page.getByLabel('Typ av remiss').selectOption({ label: 'Program' });
    await page.getByLabel('Avsändare').selectOption({ label: 'Kommunstyrelsen' });
    await page.getByLabel('Sista svarsdag (valfritt)').fill(addDays(today, 120));
    await page.getByRole('button', { name: 'Registrera remiss' }).click();
    await expectHeading(page, 'Remiss utan skript');
    const remissPath = new URL(page.url()).pathname;

    await page.getByLabel('Ladda upp en remisshandling').setInputFiles({ name: 'Utan skript.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.waitForURL(/klart=handling-uppladdad/);
    expect(await page.locator('main').getByRole('link', { name: 'Utan skript.pdf', exact: true }).count()).toBe(1);

    await page.getByRole('link', { name: 'Remissinstanser' }).click();
    await page.getByLabel('Sök sändlista eller organisation').fill('Kriminalvården');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByLabel('Kriminalvården', { exact: true }).check();
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForURL(/klart=instanser-tillagda/);
    await page.getByRole('link', { name: 'Granska och skicka remissen' }).click();
    await page.getByRole('button', { name: 'Skicka remissen' }).click();
    await expectHeading(page, 'Svarsläge');
    expect(new URL(page.url()).pathname).toBe(`${remissPath}/svar`);
    expect(await row(page, 'Kriminalvården').locator('[data-label="Status"]').textContent()).toContain('Ej påbörjat');
  });
});
