import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { formatSwedishDate, todayInStockholm } from '../../src/shared/dates';
import { addDays } from '../../src/shared/working-days';
import { addRecipient, createConsultation } from '../support/factories';
import { bearer } from '../support/test-app';
import { TEST_PASSWORD } from '../support/test-constants';
import { fixtures, multipart } from '../support/upload-fixtures';
import { axeViolations, expectHeading, journey, logIn, notice, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * The förvaltning's first two screens (issue 13): Att besvara and the answer page, as Södermalm's
 * handläggare uses them in a real Chromium: the open demo remiss to answer, Tilldela (and a stale
 * one), påbörja, avstå and inga synpunkter (with a motivering) after confirming; another organisation's handläggare
 * gets 404 on every page of the answer. Every page 0 axe violations, nothing sideways at 320 px.
 */
let w: WebJourney;
jest.setTimeout(240_000);

const today = todayInStockholm();
let demo: { consultationId: string; title: string; dueDate: string; sodermalmResponseId: string; sodermalmRecipientId: string; norraResponseId: string };

beforeAll(async () => {
  w = await startWebJourney();
  const [consultation] = await w.t.dataSource.query("SELECT id, title, due_date::text AS due_date FROM consultations WHERE status = 'open' AND title LIKE 'Stockholms stads handlingsplan mot ofrivillig ensamhet%'");
  const responseOf = async (registerKey: string) =>
    (
      await w.t.dataSource.query(
        'SELECT p.id AS response_id, r.id AS recipient_id FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN organisations o ON o.id = r.organisation_id WHERE r.consultation_id = $1 AND o.register_key = $2',
        [consultation.id, registerKey],
      )
    )[0] as { response_id: string; recipient_id: string };
  const sodermalm = await responseOf('sdn-sodermalm');
  const norra = await responseOf('sdn-norra-innerstaden');
  demo = { consultationId: consultation.id, title: consultation.title, dueDate: consultation.due_date, sodermalmResponseId: sodermalm.response_id, sodermalmRecipientId: sodermalm.recipient_id, norraResponseId: norra.response_id };
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

const summaryValue = (page: Page, key: string) => page.locator('main .govuk-summary-list__row', { has: page.locator('dt').getByText(key, { exact: true }) }).locator('dd').first();

/** A remiss sent to Södermalm ten days ago, due in a month, for a journey of its own. */
async function remissForSodermalm(title: string) {
  const consultation = await createConsultation(w.t.dataSource, { status: 'open', registeredDate: addDays(today, -12), sentDate: addDays(today, -10), dueDate: addDays(today, 30), title });
  const { response } = await addRecipient(w.t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date(Date.now() - 10 * 86_400_000) });
  return { consultation, responseId: response.id };
}

test('Att besvara lists the open demo remiss for Södermalm; its answer page shows the remiss and the work; Tilldela a colleague; påbörja', async () => {
  // The registrator has added a remisshandling and granted Södermalm an anstånd.
  const registrator = bearer(await w.t.login('registrator'));
  const upload = multipart({ name: 'Handlingsplan ensamhet.pdf', data: fixtures.pdf(), type: 'application/pdf' }, { description: 'Förslaget' });
  expect((await request(w.t.app).post(`/api/consultations/${demo.consultationId}/attachments`).set(registrator).set('content-type', upload.contentType).send(upload.body)).status).toBe(201);
  const extendedTo = addDays(demo.dueDate, 14);
  const granted = await request(w.t.app).post(`/api/consultations/${demo.consultationId}/recipients/${demo.sodermalmRecipientId}/extensions`).set(registrator).send({ dueDate: extendedTo, reason: 'Nämnden sammanträder senare.' });
  expect(granted.status).toBe(201);

  const { page } = await w.newPage();
  await journey('answer-demo', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    // The start page leads with what the organisation must answer.
    await expectHeading(page, 'Välkommen, Hanna Söderberg');
    const urgent = page.locator('main li', { hasText: demo.title });
    expect(await urgent.getByRole('link').getAttribute('href')).toBe(`/svar/${demo.sodermalmResponseId}`);
    expect(await urgent.textContent()).toContain(`Sista svarsdag ${formatSwedishDate(extendedTo)} (anstånd)`);
    expect(await page.getByRole('link', { name: 'Alla remisser att besvara (1)' }).count()).toBe(1);
    await checkPage(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att besvara' }).click();
    await expectHeading(page, 'Att besvara');
    const row = page.locator('main table tbody tr', { hasText: demo.title });
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-label="Sista svarsdag"]').textContent()).toBe(`${formatSwedishDate(extendedTo)} (anstånd)`);
    expect(await row.locator('[data-label="Tid kvar"]').textContent()).toMatch(/^\d+ arbetsdagar kvar$/);
    expect(await row.locator('[data-label="Status"]').textContent()).toBe('Ej påbörjat');
    expect(await row.locator('[data-label="Handläggare"]').textContent()).toBe('Ingen ännu');
    await checkPage(page);

    await row.getByRole('link', { name: demo.title }).click();
    await expectHeading(page, demo.title);
    expect(new URL(page.url()).pathname).toBe(`/svar/${demo.sodermalmResponseId}`);
    expect(await summaryValue(page, 'Avsändare').textContent()).toBe('Kommunstyrelsen');
    expect(await summaryValue(page, 'Sista svarsdag').textContent()).toContain(`${formatSwedishDate(extendedTo)} (anstånd)`);
    expect(await summaryValue(page, 'Remissens svarsdag').textContent()).toBe(formatSwedishDate(demo.dueDate));
    expect(await page.locator('main').textContent()).toContain('Skäl: Nämnden sammanträder senare.');
    expect(await summaryValue(page, 'Status').textContent()).toBe('Ej påbörjat');
    await checkPage(page);

    // The remissbrev, the beslut om anstånd and the remisshandling are downloads of the existing routes.
    for (const name of [/Remissbrevet till Södermalms stadsdelsnämnd/, /Beslut om anstånd/]) {
      const pdf = await page.request.get((await page.getByRole('link', { name }).getAttribute('href'))!);
      expect({ name: String(name), status: pdf.status(), type: pdf.headers()['content-type'] }).toEqual({ name: String(name), status: 200, type: 'application/pdf' });
    }
    const handling = await page.request.get((await page.getByRole('link', { name: 'Handlingsplan ensamhet.pdf' }).getAttribute('href'))!);
    expect(handling.status()).toBe(200);
    expect(Buffer.compare(await handling.body(), fixtures.pdf())).toBe(0);

    // Tilldela: the attestant is among the candidates.
    await page.getByLabel('Tilldela svaret till').selectOption({ label: 'Arvid Malmsten, Stadsdelsdirektör' });
    await page.getByRole('button', { name: 'Tilldela' }).click();
    expect(await notice(page)).toContain('Svaret är tilldelat.');
    expect(await summaryValue(page, 'Arbetar med svaret').textContent()).toBe('Arvid Malmsten, Stadsdelsdirektör');
    expect(await page.locator('[data-timeline]').textContent()).toContain('Svaret tilldelades Arvid Malmsten (Hanna Söderberg)');
    await checkPage(page);

    // Påbörja: the draft tjänsteutlåtande exists, its preview and PDF one click away.
    await page.getByRole('button', { name: 'Påbörja svaret' }).click();
    expect(await notice(page)).toContain('Arbetet med svaret är påbörjat.');
    expect(await summaryValue(page, 'Status').textContent()).toBe('Under arbete');
    expect(await page.locator('[data-timeline]').textContent()).toContain('Arbetet med svaret påbörjades (Hanna Söderberg)');
    const preview = await page.request.get((await page.getByRole('link', { name: 'Förhandsgranska tjänsteutlåtandet' }).getAttribute('href'))!);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toContain('text/html');
    expect(await page.getByRole('link', { name: 'Tjänsteutlåtandet som PDF' }).getAttribute('href')).toBe(`/api/responses/${demo.sodermalmResponseId}/pdf`);
    await checkPage(page);

    // Back on the list the row says who works on it and that it is under way.
    await page.getByRole('link', { name: 'Att besvara' }).first().click();
    const updated = page.locator('main table tbody tr', { hasText: demo.title });
    expect(await updated.locator('[data-label="Handläggare"]').textContent()).toBe('Arvid Malmsten');
    expect(await updated.locator('[data-label="Status"]').textContent()).toBe('Under arbete');
  });
});

test('a stale Tilldela shows theirs beside mine, and saving again keeps mine', async () => {
  const { responseId } = await remissForSodermalm('Remiss om lekplatser');
  const { page } = await w.newPage();
  await journey('answer-stale-assign', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${responseId}`);
    await expectHeading(page, 'Remiss om lekplatser');

    // Meanwhile the attestant takes it, through the API.
    const attestant = bearer(await w.t.login('attestant.sodermalm'));
    const current = await request(w.t.app).get(`/api/responses/${responseId}`).set(attestant);
    const candidates = (await request(w.t.app).get(`/api/responses/${responseId}/assignee-candidates`).set(attestant)).body.items as Array<{ id: string; name: string }>;
    const arvid = candidates.find((c) => c.name === 'Arvid Malmsten')!;
    expect((await request(w.t.app).put(`/api/responses/${responseId}/assignee`).set(attestant).set('If-Match', current.headers.etag).send({ assigneeId: arvid.id })).status).toBe(200);

    await page.getByLabel('Tilldela svaret till').selectOption({ label: 'Hanna Söderberg, Utredare' });
    await page.getByRole('button', { name: 'Tilldela' }).click();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Någon annan har ändrat uppgifterna');
    const conflictRow = page.locator('main table tbody tr', { hasText: 'Arbetar med svaret' });
    expect(await conflictRow.locator('[data-label="Sparat nu"]').textContent()).toBe('Arvid Malmsten, Stadsdelsdirektör');
    expect(await conflictRow.locator('[data-label="Dina ändringar"]').textContent()).toContain('Hanna Söderberg, Utredare');
    // Nothing was overwritten: the attestant's choice stands until the user chooses.
    expect(await summaryValue(page, 'Arbetar med svaret').textContent()).toBe('Arvid Malmsten, Stadsdelsdirektör');
    expect(await page.getByLabel('Tilldela svaret till').inputValue()).not.toBe(arvid.id);
    await checkPage(page);

    await page.getByRole('button', { name: 'Tilldela' }).click();
    expect(await notice(page)).toContain('Svaret är tilldelat.');
    expect(await summaryValue(page, 'Arbetar med svaret').textContent()).toBe('Hanna Söderberg, Utredare');
  });
});

/** Presses Tab until the element has the focus, as a keyboard user would (and fails if it never gets it). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 250; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('keyboard only: avstå with a reason after confirming; the reason must be given and printable', async () => {
  const { responseId } = await remissForSodermalm('Remiss om tangentbordsparker');
  const { page } = await w.newPage();
  await journey('answer-decline-keyboard', page, async () => {
    await page.goto('/att-besvara');
    await tabTo(page, page.getByLabel('Användarnamn'));
    await page.keyboard.type('handlaggare.sodermalm');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/att-besvara$/);
    await expectHeading(page, 'Att besvara');

    await tabTo(page, page.getByRole('link', { name: 'Remiss om tangentbordsparker' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/svar\/[^/?]+$/);
    await expectHeading(page, 'Remiss om tangentbordsparker');
    await tabTo(page, page.getByRole('link', { name: 'Avstå från att svara' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/avsta$/);
    await expectHeading(page, 'Avstå från att svara?');
    await checkPage(page);

    // No reason: a Swedish message at the field.
    await tabTo(page, page.getByRole('button', { name: 'Avstå från att svara' }));
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    await expectHeading(page, 'Avstå från att svara?');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Skriv varför ni avstår från att svara.');
    expect(await page.locator('#reason-error').textContent()).toContain('Skriv varför ni avstår från att svara.');
    await checkPage(page);

    // A character the answer letter cannot print: refused at the field, the text kept.
    await tabTo(page, page.getByLabel('Skäl'));
    await page.keyboard.type('Berörs inte ✓');
    await tabTo(page, page.getByRole('button', { name: 'Avstå från att svara' }));
    await page.keyboard.press('Enter');
    await page.locator('#reason-error', { hasText: 'Texten innehåller' }).waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('Texten innehåller tecken som inte kan skrivas ut i dokumenten: U+2713 ✓.');
    expect(await page.getByLabel('Skäl').inputValue()).toBe('Berörs inte ✓');

    await tabTo(page, page.getByLabel('Skäl'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Förslaget berör inte stadsdelsnämndens ansvarsområden.');
    await tabTo(page, page.getByRole('button', { name: 'Avstå från att svara' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/klart=avstar/);
    await expectHeading(page, 'Remiss om tangentbordsparker');
    expect(await notice(page)).toContain('Ni avstår från att svara.');
    expect(await summaryValue(page, 'Status').textContent()).toBe('Avstår');
    expect(await summaryValue(page, 'Skäl').textContent()).toBe('Förslaget berör inte stadsdelsnämndens ansvarsområden.');
    expect(await summaryValue(page, 'Besvarad').textContent()).toBe(formatSwedishDate(today));
    // Answered: no Tilldela, no avstå; the answer letter instead of a tjänsteutlåtande.
    expect(await page.getByRole('button', { name: 'Tilldela' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Avstå från att svara' }).count()).toBe(0);
    const letter = await page.request.get((await page.getByRole('link', { name: 'Svarsbrevet (PDF)' }).getAttribute('href'))!);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    await checkPage(page);
    const stored = await w.t.dataSource.query('SELECT status, answer_reason FROM responses WHERE id = $1', [responseId]);
    expect(stored).toEqual([{ status: 'declined', answer_reason: 'Förslaget berör inte stadsdelsnämndens ansvarsområden.' }]);

    // The confirmation page of an answered response says so, without a button.
    await page.goto(`/svar/${responseId}/inga-synpunkter`);
    expect(await page.locator('main').textContent()).toContain('Svaret kan inte ändras så nu: det har status Avstår.');
    expect(await page.getByRole('button', { name: 'Svara inga synpunkter' }).count()).toBe(0);

    // Att besvara no longer lists it.
    await page.goto('/att-besvara');
    expect(await page.locator('main table tbody tr', { hasText: 'Remiss om tangentbordsparker' }).count()).toBe(0);
  });
});

test('inga synpunkter with a motivering after confirming; a motivering too long or unprintable is refused at the field; a stale confirmation is asked again', async () => {
  const { responseId } = await remissForSodermalm('Remiss om cykelbanor');
  const motivering = 'Förslaget berör inte stadsdelsnämndens verksamhetsområde.';
  const { page } = await w.newPage();
  await journey('answer-no-comments', page, async () => {
    // The attestant may answer without a tjänsteutlåtande too.
    await logIn(page, 'attestant.sodermalm');
    await page.goto('/att-besvara');
    await expectHeading(page, 'Att besvara');
    await page.getByRole('link', { name: 'Remiss om cykelbanor' }).click();
    await page.getByRole('link', { name: 'Svara inga synpunkter' }).click();
    await expectHeading(page, 'Svara att ni inte har några synpunkter?');
    const field = page.getByLabel('Motivering (valfri)');
    expect(await field.inputValue()).toBe('');
    expect(await page.locator('#reason-hint').textContent()).toContain('Motiveringen står i svarsbrevet till avsändaren');
    await checkPage(page);

    // Too long, then a character the answer letter cannot print: each a Swedish message at the field, the text kept.
    await field.fill('Lång motivering. '.repeat(120));
    await page.getByRole('button', { name: 'Svara inga synpunkter' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('Motiveringen får vara högst 2 000 tecken.');
    await field.fill('Berörs inte ✓');
    await page.getByRole('button', { name: 'Svara inga synpunkter' }).click();
    await page.locator('#reason-error', { hasText: 'Texten innehåller' }).waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('Texten innehåller tecken som inte kan skrivas ut i dokumenten: U+2713 ✓.');
    expect(await page.locator('.govuk-error-summary a[href="#reason"]').textContent()).toContain('Texten innehåller tecken som inte kan skrivas ut');
    expect(await field.inputValue()).toBe('Berörs inte ✓');
    expect((await w.t.dataSource.query('SELECT status FROM responses WHERE id = $1', [responseId]))[0].status).toBe('not_started');
    await checkPage(page);

    // Someone else changes the answer meanwhile: asked again, the motivering kept.
    await field.fill(motivering);
    await w.t.dataSource.query('UPDATE responses SET version = version + 1 WHERE id = $1', [responseId]);
    await page.getByRole('button', { name: 'Svara inga synpunkter' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Någon annan har ändrat svaret sedan du öppnade sidan.');
    expect((await w.t.dataSource.query('SELECT status FROM responses WHERE id = $1', [responseId]))[0].status).toBe('not_started');
    expect(await field.inputValue()).toBe(motivering);
    await checkPage(page);

    await page.getByRole('button', { name: 'Svara inga synpunkter' }).click();
    expect(await notice(page)).toContain('Svaret ”inga synpunkter” är registrerat.');
    expect(await summaryValue(page, 'Status').textContent()).toBe('Inga synpunkter');
    expect(await summaryValue(page, 'Motivering').textContent()).toBe(motivering);
    expect(await page.locator('[data-timeline]').textContent()).toContain('Svarade inga synpunkter (Arvid Malmsten)');
    await checkPage(page);
    expect(await w.t.dataSource.query('SELECT status, answer_reason FROM responses WHERE id = $1', [responseId])).toEqual([{ status: 'no_comments', answer_reason: motivering }]);
  });
});

test("another organisation's handläggare gets 404 on every page of Södermalm's answer, and cannot change it", async () => {
  const { page } = await w.newPage();
  await journey('answer-foreign', page, async () => {
    await logIn(page, 'handlaggare.norrainnerstaden');
    // Their own Att besvara has the same remiss, with their own answer.
    await page.goto('/att-besvara');
    const row = page.locator('main table tbody tr', { hasText: demo.title });
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/svar/${demo.norraResponseId}`);
    const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;

    const before = await w.t.dataSource.query('SELECT status, version, assignee_id FROM responses WHERE id = $1', [demo.sodermalmResponseId]);
    const base = `/svar/${demo.sodermalmResponseId}`;
    for (const path of [base, `${base}/tilldela`, `${base}/paborja`, `${base}/avsta`, `${base}/inga-synpunkter`]) {
      const res = await page.goto(path);
      expect({ path, status: res?.status() }).toEqual({ path, status: 404 });
      await expectHeading(page, 'Sidan finns inte');
    }
    await checkPage(page);
    const [me] = await w.t.dataSource.query("SELECT id FROM users WHERE username = 'handlaggare.norrainnerstaden'");
    const posts: Array<[string, Record<string, string>]> = [
      [`${base}/tilldela`, { assigneeId: me.id, etag: `"v${before[0].version}"` }],
      [`${base}/paborja`, { etag: `"v${before[0].version}"` }],
      [`${base}/avsta`, { reason: 'Inte vårt', etag: `"v${before[0].version}"` }],
      [`${base}/inga-synpunkter`, { etag: `"v${before[0].version}"` }],
    ];
    for (const [path, form] of posts) {
      const res = await page.request.post(path, { form: { ...form, _csrf: csrf }, headers: { origin: w.base }, maxRedirects: 0 });
      expect({ path, status: res.status() }).toEqual({ path, status: 404 });
    }
    expect(await w.t.dataSource.query('SELECT status, version, assignee_id FROM responses WHERE id = $1', [demo.sodermalmResponseId])).toEqual(before);

    // A registrator or reader has no answer page at all (403), and a malformed id is a 404.
    const reader = await w.newPage();
    await logIn(reader.page, 'reader');
    expect((await reader.page.goto(base))?.status()).toBe(403);
    expect((await reader.page.goto('/att-besvara'))?.status()).toBe(403);
    expect((await page.goto('/svar/inte-ett-id'))?.status()).toBe(404);
  });
});
