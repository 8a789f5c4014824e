import type { Page } from 'playwright-core';
import pino from 'pino';
import request from 'supertest';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import { startNotificationScheduler } from '../../src/notifications/notification-scheduler';
import type { BackgroundJob } from '../../src/shared/background-job';
import { todayInStockholm } from '../../src/shared/dates';
import { addDays } from '../../src/shared/working-days';
import { addRecipient, createConsultation, organisationId } from '../support/factories';
import { fillStatement } from '../support/review-flow';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../support/smtp-capture';
import { bearer } from '../support/test-app';
import { TEST_PASSWORD } from '../support/test-constants';
import { fixtures } from '../support/upload-fixtures';
import { checkPage, expectHeading, journey, keyboard, mouse, notice, startWebJourney, type Hands, type WebJourney } from '../support/web-journey';

/*
 * Issue 14's "Done when": between the handläggare's draft and the svar sent. The handläggare sends
 * the answer to review (first seeing what is still missing); the attestant, told by e-mail (a real
 * SMTP server on loopback, the app's own notification worker), comments on two sections and returns
 * it; the handläggare, told too, sees the comments beside their sections, resolves one, answers the
 * other and sends it again; the attestant approves; the nämnd's decision is recorded with its
 * protokollsutdrag; the answer is submitted and the coordinator is told. Nobody outside the
 * organisation reads the comments, the coordinator included. Once with the mouse, once with the
 * keyboard alone; every page 0 axe violations and nothing sideways at 320 px.
 */
let w: WebJourney;
let smtp: SmtpCapture;
let mailer: Mailer;
let notifications: BackgroundJob;
jest.setTimeout(300_000);
const today = todayInStockholm();

beforeAll(async () => {
  w = await startWebJourney({ NOTIFICATION_INTERVAL_SECONDS: '1', PUBLIC_URL: 'https://remiss.example.se' });
  smtp = await startSmtpCapture();
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, mailFrom: 'Remisser <remiss@example.se>', mailOutboxDir: 'unused' });
  notifications = startNotificationScheduler({ dataSource: w.t.dataSource, mailer, config: w.t.config, logger: pino({ level: 'silent' }), firstRunDelayMs: 0 });
}, 60_000);
afterAll(async () => {
  await notifications?.stop();
  mailer?.close();
  await smtp?.close();
  await w?.close();
});

/** The mail to this person about this remiss with this subject, once it has arrived (the worker runs every second). */
async function mailArrives(to: string, subjectStart: string, caseNumber: string): Promise<ReceivedMail> {
  for (let tries = 0; tries < 100; tries++) {
    const found = smtp.messages.filter((m) => m.to.includes(to) && m.subject.startsWith(subjectStart) && m.subject.includes(caseNumber));
    if (found.length) return found[found.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No mail "${subjectStart}" about ${caseNumber} reached ${to}; got: ${smtp.messages.map((m) => `${m.to.join(',')} ${m.subject}`).join(' | ')}`);
}

/** A remiss coordinated by Socialförvaltningen, sent to Södermalm; its handläggare has started the answer (the draft is theirs). */
async function startedAnswer(caseNumber: string): Promise<string> {
  const consultation = await createConsultation(w.t.dataSource, { caseNumber, title: `Program för parker (${caseNumber})`, status: 'open', registeredDate: addDays(today, -12), sentDate: addDays(today, -10), dueDate: addDays(today, 40), coordinatorId: await organisationId(w.t.dataSource, 'socialforvaltningen') });
  const { response } = await addRecipient(w.t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date(Date.now() - 10 * 86_400_000) });
  const started = await request(w.t.app).post(`/api/responses/${response.id}/transitions`).set(bearer(await w.t.login('handlaggare.sodermalm'))).send({ action: 'start' });
  expect(started.status).toBe(200);
  return response.id;
}

async function signIn(page: Page, hands: Hands, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/logga-in');
  await hands.type(page.getByLabel('Användarnamn'), username);
  await hands.type(page.getByLabel('Lösenord'), TEST_PASSWORD);
  await hands.press(page.getByRole('button', { name: 'Logga in' }));
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
}

async function reviewJourney(page: Page, hands: Hands, caseNumber: string): Promise<void> {
  // A step that cannot happen fails in seconds, with its screenshot, not at the test's time limit.
  page.setDefaultTimeout(20_000);
  const id = await startedAnswer(caseNumber);
  const answerPath = `/svar/${id}`;

  // The handläggare: review is refused while required sections and the stance are missing, each linked.
  await signIn(page, hands, 'handlaggare.sodermalm');
  await page.goto(answerPath);
  await hands.press(page.getByRole('link', { name: 'Skicka till granskning' }));
  await expectHeading(page, 'Skicka svaret till granskning?');
  const summary = page.locator('.govuk-error-summary');
  expect(await summary.textContent()).toContain('Utlåtandet saknar ställningstagande.');
  expect(await summary.getByRole('link', { name: 'Välj ställningstagande' }).count()).toBe(1);
  expect(await summary.getByRole('link', { name: /^Skriv avsnittet / }).count()).toBeGreaterThan(0);
  expect(await page.getByRole('button', { name: 'Skicka till granskning' }).count()).toBe(0);
  await checkPage(page);
  await fillStatement(w.t.app, id, bearer(await w.t.login('handlaggare.sodermalm')));

  // The draft shared with the coordinator, who may read its text, never its comments.
  await page.goto(answerPath);
  await hands.press(page.getByRole('button', { name: 'Dela utkastet med samordnaren' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  expect(await notice(page)).toContain('Utkastet är delat med samordnaren.');
  expect(await page.locator('[data-sharing]').textContent()).toContain('samordnaren kan läsa tjänsteutlåtandet');
  expect((await request(w.t.app).get(`/api/responses/${id}/statement`).set(bearer(await w.t.login('coordinator')))).status).toBe(200);

  await hands.press(page.getByRole('link', { name: 'Skicka till granskning' }));
  await hands.press(page.getByRole('button', { name: 'Skicka till granskning' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  expect(await notice(page)).toContain('Svaret är skickat till granskning');

  // The attestant is told, and finds it waiting.
  const review = await mailArrives('attestant.sodermalm@demo.remiss.invalid', 'Att attestera', caseNumber);
  expect(review.text).toContain(`https://remiss.example.se${answerPath}`);
  await signIn(page, hands, 'attestant.sodermalm');
  expect(await page.locator('[data-your-turn]').textContent()).toMatch(/\d+ svar väntar på attest/);
  await hands.press(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att attestera' }));
  await expectHeading(page, 'Att attestera');
  await checkPage(page);
  await hands.press(page.getByRole('link', { name: `Program för parker (${caseNumber})` }));
  await expectHeading(page, `Program för parker (${caseNumber})`);
  await hands.press(page.getByRole('link', { name: 'Läs och kommentera avsnitten' }));
  await expectHeading(page, 'Tjänsteutlåtande');

  // Two comments on two sections, one quoting the words it means.
  for (const [section, text, quote] of [
    ['Sammanfattning', 'Korta ned sammanfattningen till tre meningar.', 'text om sammanfattning'],
    ['Förvaltningens synpunkter och förslag', 'Stöd slutsatsen med siffror från uppföljningen.', ''],
  ]) {
    await page.goto(`${answerPath}/utlatande`);
    await hands.press(page.getByRole('link', { name: `Läs ${section}` }));
    await expectHeading(page, section);
    await hands.type(page.getByLabel('Kommentera avsnittet'), text);
    if (quote) await hands.type(page.getByLabel('Citat ur avsnittet (valfritt)'), quote);
    await hands.press(page.getByRole('button', { name: 'Spara kommentaren' }));
    await page.waitForURL(/#kommentarer$/);
    expect(await notice(page)).toContain('Kommentaren är sparad');
    expect(await page.locator('[data-comment]').first().textContent()).toContain(text);
    await checkPage(page);
  }
  await page.goto(answerPath);
  await hands.press(page.getByRole('link', { name: 'Skicka tillbaka' }));
  await expectHeading(page, 'Skicka tillbaka svaret till handläggaren?');
  await checkPage(page);
  await hands.press(page.getByRole('button', { name: 'Skicka tillbaka' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));

  // The handläggare sees the comments beside their sections: resolves one, answers the other, resubmits.
  await mailArrives('handlaggare.sodermalm@demo.remiss.invalid', 'Tillbaka till dig', caseNumber);
  await signIn(page, hands, 'handlaggare.sodermalm');
  expect(await page.locator('[data-your-turn]').textContent()).toMatch(/svar som du arbetar med väntar på dig/);
  await page.goto(`${answerPath}/utlatande`);
  expect(await page.locator('[data-open-comments]').allTextContents()).toEqual(['1 öppen kommentar', '1 öppen kommentar']);
  await checkPage(page);
  await hands.press(page.getByRole('link', { name: 'Redigera Sammanfattning' }));
  await expectHeading(page, 'Sammanfattning');
  expect(await page.locator('.remiss-comment__quote').textContent()).toBe('”text om sammanfattning”');
  await checkPage(page);
  await hands.press(page.getByRole('button', { name: 'Markera som löst kommentaren från Arvid Malmsten' }));
  await page.waitForURL(/#kommentarer$/);
  expect(await page.locator('[data-resolved]').textContent()).toContain('Löst');
  await page.goto(`${answerPath}/utlatande/avsnitt/forvaltningens-synpunkter`);
  await hands.type(page.getByLabel('Svara på kommentaren'), 'Siffrorna från 2025 står nu i tredje stycket.');
  await hands.press(page.getByRole('button', { name: 'Svara på kommentaren från Arvid Malmsten' }));
  await page.waitForURL(/#kommentarer$/);
  expect(await page.locator('[data-reply]').textContent()).toContain('Siffrorna från 2025');
  await page.goto(answerPath);
  await hands.press(page.getByRole('link', { name: 'Skicka till granskning' }));
  await hands.press(page.getByRole('button', { name: 'Skicka till granskning' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));

  // The attestant approves.
  await signIn(page, hands, 'attestant.sodermalm');
  await page.goto(answerPath);
  await hands.press(page.getByRole('link', { name: 'Godkänn' }));
  await expectHeading(page, 'Godkänn tjänsteutlåtandet?');
  await checkPage(page);
  await hands.press(page.getByRole('button', { name: 'Godkänn' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  expect(await page.locator('[data-approvals]').textContent()).toContain('Godkänt digitalt av Arvid Malmsten, Stadsdelsdirektör');

  // The handläggare records the nämnd's decision (a missing field first) and its protokollsutdrag, then submits.
  await mailArrives('handlaggare.sodermalm@demo.remiss.invalid', 'Godkänt', caseNumber);
  await signIn(page, hands, 'handlaggare.sodermalm');
  await page.goto(answerPath);
  await hands.press(page.getByRole('link', { name: 'Registrera nämndens beslut' }));
  await expectHeading(page, 'Nämndens beslut');
  await hands.type(page.getByLabel('Sammanträdesdag'), today);
  await hands.press(page.getByRole('button', { name: 'Registrera beslutet' }));
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Ange paragrafen i protokollet');
  await checkPage(page);
  await hands.type(page.getByLabel('Paragraf'), '§ 14');
  await hands.check(page.getByLabel('Enligt förvaltningens förslag'));
  await hands.type(page.getByLabel('Beslutet'), 'Nämnden beslutar att som svar på remissen överlämna förvaltningens tjänsteutlåtande.');
  await hands.press(page.getByRole('button', { name: 'Registrera beslutet' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  expect(await page.locator('[data-decision]').textContent()).toContain('§ 14: Enligt förvaltningens förslag');
  await hands.press(page.getByRole('link', { name: 'Bifoga protokollsutdrag till beslutet § 14' }));
  await expectHeading(page, 'Bifoga protokollsutdrag');
  await checkPage(page);
  // The file is chosen in the system's own dialog, which no page can drive.
  await page.getByLabel('Protokollsutdraget (PDF)').setInputFiles({ name: 'Protokollsutdrag § 14.pdf', mimeType: 'application/pdf', buffer: fixtures.pdf() });
  await hands.press(page.getByRole('button', { name: 'Bifoga' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  const download = await page.request.get(await page.getByRole('link', { name: 'Protokollsutdrag (PDF) § 14' }).getAttribute('href') as string);
  expect([download.status(), (await download.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
  await hands.press(page.getByRole('link', { name: 'Skicka in svaret' }));
  await expectHeading(page, 'Skicka in svaret till avsändaren?');
  await checkPage(page);
  await hands.press(page.getByRole('button', { name: 'Skicka in svaret' }));
  await page.waitForURL(new RegExp(`${answerPath}\\?`));
  expect(await page.locator('[data-answer-status]').textContent()).toBe('Besvarat');
  await checkPage(page);

  // The record is read-only; a mistake is corrected with its reason, shown as a Rättelse.
  await page.goto(`${answerPath}/utlatande/avsnitt/sammanfattning`);
  expect(await page.locator('form[action$="/kommentarer"]').count()).toBe(0);
  await hands.press(page.getByRole('link', { name: 'Rätta avsnittet Sammanfattning' }));
  await expectHeading(page, 'Rätta Sammanfattning');
  await checkPage(page);
  await hands.type(page.getByLabel('Skäl till rättelsen'), 'Fel ord i första meningen.');
  await hands.replace(page.getByLabel('Avsnittets text'), 'Förvaltningen tillstyrker programmet i sin helhet.');
  await hands.press(page.getByRole('button', { name: 'Spara rättelsen' }));
  await page.waitForURL(/sammanfattning\?/);
  expect(await notice(page)).toContain('Rättelsen är sparad');
  expect(await page.locator('[data-section-body]').textContent()).toContain('Förvaltningen tillstyrker programmet i sin helhet.');
  await page.goto(`${answerPath}/utlatande/versioner`);
  expect(await page.locator('main').textContent()).toContain('Rättelse: Sammanfattning (Fel ord i första meningen.)');

  // The coordinator is told; neither it nor another organisation reads the comments.
  const submitted = await mailArrives('coordinator@demo.remiss.invalid', 'Svar inkommet', caseNumber);
  expect(submitted.text).toMatch(/https:\/\/remiss\.example\.se\/remisser\/[0-9a-f-]{36}/);
  for (const outsider of ['coordinator', 'handlaggare.norrainnerstaden']) {
    const token = bearer(await w.t.login(outsider));
    expect([outsider, (await request(w.t.app).get(`/api/responses/${id}/comments`).set(token)).status]).toEqual([outsider, 404]);
  }
  await signIn(page, hands, 'coordinator');
  await page.goto(`${answerPath}/utlatande/avsnitt/sammanfattning`);
  await expectHeading(page, 'Sammanfattning');
  expect(await page.locator('#kommentarer').count()).toBe(0);
  expect(await page.content()).not.toContain('Korta ned sammanfattningen');
}

test('the review, the attest, the decision and the submission, with the mouse', async () => {
  const { page } = await w.newPage();
  await journey('review-mouse', page, () => reviewJourney(page, mouse(), 'KS 2099/6101'));
});

test('the same journey with the keyboard alone', async () => {
  const { page } = await w.newPage();
  await journey('review-keyboard', page, () => reviewJourney(page, keyboard(page), 'KS 2099/6102'));
});

test('Mitt konto: a person turns e-mail about their turn off, and on again', async () => {
  const { page } = await w.newPage();
  await journey('notifications-setting', page, async () => {
    const hands = keyboard(page);
    await signIn(page, hands, 'handlaggare.sodermalm');
    await page.goto('/mitt-konto');
    await expectHeading(page, 'Mitt konto');
    expect(await page.getByLabel('Ja, skicka e-post när det är min tur').isChecked()).toBe(true);
    await hands.check(page.getByLabel('Nej, ingen e-post'));
    await hands.press(page.getByRole('button', { name: 'Spara valet' }));
    await page.waitForURL(/epost-av/);
    expect(await notice(page)).toContain('Du får ingen e-post om din tur.');
    expect(await page.getByLabel('Nej, ingen e-post').isChecked()).toBe(true);
    expect((await request(w.t.app).get('/api/auth/me/notifications').set(bearer(await w.t.login('handlaggare.sodermalm')))).body).toEqual({ email: false });
    await checkPage(page);
    await hands.check(page.getByLabel('Ja, skicka e-post när det är min tur'));
    await hands.press(page.getByRole('button', { name: 'Spara valet' }));
    await page.waitForURL(/epost-pa/);
    expect(await notice(page)).toContain('Du får e-post när det är din tur.');
  });
});
