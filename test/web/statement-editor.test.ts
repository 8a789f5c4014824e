import request from 'supertest';
import { pdftotext, savePdf } from '../documents/pdf-tools';
import { addRecipient, createConsultation } from '../support/factories';
import { TEST_PASSWORD } from '../support/test-constants';
import { bearer } from '../support/test-app';
import { checkPage, expectHeading, journey, logIn, notice, startWebJourney, tabTo, type WebJourney } from '../support/web-journey';

/*
 * The statement editor (issue 13): the tjänsteutlåtande's page with its sections in order (add an
 * own one, move, remove), the header form with its own ETag, and the rule that a draft is its
 * organisation's own: another organisation's handläggare gets 404 for every page of it.
 */
let w: WebJourney;
jest.setTimeout(240_000);

beforeAll(async () => {
  w = await startWebJourney();
}, 60_000);
afterAll(async () => w?.close());

/** Södermalm's answer to a fresh open remiss, its draft started by its handläggare. */
async function startedDraft(): Promise<string> {
  const remiss = await createConsultation(w.t.dataSource, { status: 'open', sentDate: '2026-09-01', dueDate: '2099-12-01', title: 'Remiss att skriva svar på' });
  const { response } = await addRecipient(w.t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  const started = await request(w.t.app).post(`/api/responses/${response.id}/transitions`).set(bearer(await w.t.login('handlaggare.sodermalm'))).send({ action: 'start' });
  expect(started.status).toBe(200);
  return response.id;
}

test('the statement: header fields saved with their own ETag, an own section added, moved up and removed; the required ones cannot be removed', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await journey('statement-overview', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${id}/utlatande`);
    await expectHeading(page, 'Tjänsteutlåtande');
    await checkPage(page);
    const headings = () => page.locator('.remiss-section-list__item h3').allTextContents();
    const before = await headings();
    expect(before.length).toBeGreaterThan(3);

    await page.getByLabel('Lägg till ett eget avsnitt').fill('Vår särskilda fråga');
    await page.getByRole('button', { name: 'Lägg till avsnitt' }).click();
    expect(new URL(page.url()).pathname).toBe(`/svar/${id}/utlatande/avsnitt/egen-var-sarskilda-fraga`);
    await page.goto(`/svar/${id}/utlatande`);
    expect(await headings()).toEqual([...before, 'Vår särskilda fråga']);
    await page.getByRole('button', { name: 'Flytta upp Vår särskilda fråga' }).click();
    expect(await notice(page)).toContain('Avsnittet är flyttat.');
    expect(await headings()).toEqual([...before.slice(0, -1), 'Vår särskilda fråga', before.at(-1)]);

    await page.getByRole('link', { name: 'Ta bort Vår särskilda fråga' }).click();
    await expectHeading(page, 'Ta bort avsnittet Vår särskilda fråga?');
    await checkPage(page);
    await page.getByRole('button', { name: 'Ta bort avsnittet' }).click();
    expect(await notice(page)).toContain('Avsnittet är borttaget.');
    expect(await headings()).toEqual(before);
    // Required sections have no "Ta bort"; asking for one anyway is a page that does not exist.
    const required = (await w.t.dataSource.query(`SELECT key FROM section_templates WHERE required LIMIT 1`))[0].key;
    expect((await page.request.get(`/svar/${id}/utlatande/avsnitt/${required}/ta-bort`)).status()).toBe(404);

    await page.getByRole('link', { name: 'Ändra uppgifterna i huvudet' }).click();
    await expectHeading(page, 'Uppgifter i huvudet');
    await checkPage(page);
    await page.getByLabel('Rubrik', { exact: true }).fill('');
    await page.getByLabel('Eget Dnr (valfritt)').fill('SÖD 2026/77');
    await page.getByLabel('Namn, undertecknare 1').fill('Sara Södersson');
    await page.getByLabel('Titel, undertecknare 1').fill('Stadsdelsdirektör');
    await page.getByLabel('Bilagor').fill('Remissen\nKarta över parkerna');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Fyll i uppgiften.');
    expect(await page.getByLabel('Eget Dnr (valfritt)').inputValue()).toBe('SÖD 2026/77');
    await page.getByLabel('Rubrik', { exact: true }).fill('Svar om parkerna \u{1F333}');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('tecken som inte kan skrivas ut i dokumenten: U+1F333');
    await page.getByLabel('Rubrik', { exact: true }).fill('Svar om parkerna');
    await page.getByLabel('Ställningstagande').selectOption({ label: 'Tillstyrker med ändringar' });

    // A colleague saves a section meanwhile: no conflict for the header.
    const etag = (await request(w.t.app).get(`/api/responses/${id}/statement/sections/${required}`).set(bearer(await w.t.login('handlaggare.sodermalm')))).headers.etag;
    const body = [{ type: 'paragraph', content: [{ text: 'En kollegas text.' }] }];
    expect((await request(w.t.app).put(`/api/responses/${id}/statement/sections/${required}`).set(bearer(await w.t.login('admin'))).set('If-Match', etag).send({ body })).status).toBe(200);
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    expect(await notice(page)).toContain('Ändringarna är sparade.');
    const facts = await page.locator('.govuk-summary-list').textContent();
    expect(facts).toContain('SÖD 2026/77');
    expect(facts).toContain('Sara Södersson, Stadsdelsdirektör');
    expect(facts).toContain('Remissen; Karta över parkerna');
    expect(facts).toContain('Tillstyrker med ändringar');
  });
});

test('a stale header save shows theirs and mine; another organisation gets 404 for every page of the draft', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await logIn(page, 'handlaggare.sodermalm');
  await page.goto(`/svar/${id}/utlatande/uppgifter`);
  await page.getByLabel('Rubrik', { exact: true }).fill('Min rubrik');
  const statement = await request(w.t.app).get(`/api/responses/${id}/statement`).set(bearer(await w.t.login('admin')));
  const { id: _id, responseId: _r, sections: _s, version: _v, headerEtag, updatedAt: _u, ...fields } = statement.body;
  const saved = await request(w.t.app).put(`/api/responses/${id}/statement/header`).set(bearer(await w.t.login('admin'))).set('If-Match', headerEtag).send({ ...fields, header: { ...fields.header, title: 'Deras rubrik' } });
  expect(saved.status).toBe(200);
  await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
  expect(await page.locator('main').textContent()).toContain('Någon annan har ändrat uppgifterna');
  const row = page.locator('table tr', { hasText: 'Rubrik' }).first();
  expect(await row.textContent()).toContain('Deras rubrik');
  expect(await row.textContent()).toContain('Min rubrik');
  await checkPage(page);
  await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
  expect(await page.locator('.govuk-summary-list').textContent()).toContain('Min rubrik');

  const { page: foreign } = await w.newPage();
  await logIn(foreign, 'handlaggare.norrainnerstaden');
  const key = (await w.t.dataSource.query(`SELECT key FROM section_templates ORDER BY position LIMIT 1`))[0].key;
  for (const path of [`/svar/${id}/utlatande`, `/svar/${id}/utlatande/uppgifter`, `/svar/${id}/utlatande/avsnitt/${key}`, `/svar/${id}/utlatande/avsnitt/${key}/ta-bort`, `/svar/${id}`]) {
    expect({ path, status: (await foreign.request.get(path)).status() }).toEqual({ path, status: 404 });
  }
});

/** A second handläggare of Södermalm, to edit beside the first. */
async function colleague(): Promise<string> {
  const username = `kollega.${Math.random().toString(36).slice(2, 8)}`;
  const [org] = await w.t.dataSource.query(`SELECT id FROM organisations WHERE register_key = 'sdf-sodermalm'`);
  const created = await request(w.t.app).post('/api/users').set(bearer(await w.t.login('admin'))).send({ username, name: 'Kim Kollega', organisationId: org.id, roles: ['handlaggare'], password: TEST_PASSWORD });
  expect(created.status).toBe(201);
  return username;
}

const sectionText = async (id: string, key: string) =>
  (await request(w.t.app).get(`/api/responses/${id}/statement/sections/${key}`).set(bearer(await w.t.login('admin')))).body.body;

test('two handläggare save two sections at once (one with the rich-text editor, one without JavaScript) and both land; a footnote, a sub-heading and a nested list reach the PDF in order', async () => {
  const id = await startedDraft();
  const other = await colleague();
  const { page: mine } = await w.newPage();
  const { page: theirs } = await w.newPage(1280, { javaScript: false });
  await journey('sections-side-by-side', mine, async () => {
    await logIn(mine, 'handlaggare.sodermalm');
    await logIn(theirs, other);
    await mine.goto(`/svar/${id}/utlatande/avsnitt/sammanfattning`);
    await theirs.goto(`/svar/${id}/utlatande/avsnitt/arendet`);
    await expectHeading(mine, 'Sammanfattning');
    await expectHeading(theirs, 'Ärendet');

    // With JavaScript: the rich-text editor replaces the textarea.
    const editor = mine.getByRole('textbox', { name: 'Text' });
    await editor.focus();
    await mine.keyboard.press('Control+A');
    await mine.keyboard.type('Förvaltningen är ');
    await mine.keyboard.press('Control+B');
    await mine.keyboard.type('positiv');
    await mine.keyboard.press('Control+B');
    await mine.keyboard.type(' till förslaget.');
    await checkPage(mine);

    // Without JavaScript: the documented markup in the textarea.
    await theirs.getByLabel('Text').fill('## Bakgrund till ärendet\n\nNämnden har fått remissen^[Remissen kom i september.] för yttrande.\n\n- Trygghet\n  - I parkerna\n  - På gatorna\n- Tillgänglighet');
    await Promise.all([mine.getByRole('button', { name: 'Spara avsnittet' }).click(), theirs.getByRole('button', { name: 'Spara avsnittet' }).click()]);
    expect(await notice(mine)).toContain('Avsnittet är sparat.');
    expect(await notice(theirs)).toContain('Avsnittet är sparat.');

    expect(await sectionText(id, 'sammanfattning')).toEqual([{ type: 'paragraph', content: [{ text: 'Förvaltningen är ' }, { text: 'positiv', bold: true }, { text: ' till förslaget.' }] }]);
    expect(await sectionText(id, 'arendet')).toEqual([
      { type: 'subheading', text: 'Bakgrund till ärendet' },
      { type: 'paragraph', content: [{ text: 'Nämnden har fått remissen' }, { footnote: 'Remissen kom i september.' }, { text: ' för yttrande.' }] },
      { type: 'bullet_list', items: [{ content: [{ text: 'Trygghet' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'I parkerna' }] }, { content: [{ text: 'På gatorna' }] }] } }, { content: [{ text: 'Tillgänglighet' }] }] },
    ]);

    const pdf = await mine.request.get(`/api/responses/${id}/pdf`);
    expect(pdf.status()).toBe(200);
    const text = pdftotext(savePdf(await pdf.body(), 'editor-journey')).replace(/\s+/g, ' ');
    expect(text).toContain('UTKAST');
    const order = ['Bakgrund till ärendet', 'Nämnden har fått remissen', 'Trygghet', 'I parkerna', 'På gatorna', 'Tillgänglighet', 'Remissen kom i september.'];
    const positions = order.map((words) => text.indexOf(words));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

test('the same section at once: "Någon annan har ändrat avsnittet" with both texts and the changed words marked; keep mine, merge by hand, or take theirs', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage(1280, { javaScript: false });
  page.setDefaultTimeout(20_000);
  await journey('section-conflict', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    const path = `/svar/${id}/utlatande/avsnitt/bakgrund`;
    const theirSave = async (text: string) => {
      const res = await request(w.t.app).get(`/api/responses/${id}/statement/sections/bakgrund`).set(bearer(await w.t.login('admin')));
      expect((await request(w.t.app).put(`/api/responses/${id}/statement/sections/bakgrund`).set(bearer(await w.t.login('admin'))).set('If-Match', res.headers.etag).send({ body: [{ type: 'paragraph', content: [{ text }] }] })).status).toBe(200);
    };
    await page.goto(path);
    await page.getByLabel('Text').fill('Parkerna behöver mer ljus.');
    await theirSave('Parkerna behöver fler bänkar.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Någon annan har ändrat avsnittet');
    expect(await page.locator('.remiss-conflict del').allTextContents()).toEqual(['fler bänkar']);
    expect(await page.locator('.remiss-conflict ins').allTextContents()).toEqual(['mer ljus']);
    expect(await page.getByLabel('Text').inputValue()).toBe('Parkerna behöver mer ljus.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Parkerna behöver fler bänkar.' }] }]);

    // Merge by hand: both in my text, then save (the form carries their version's ETag now).
    await page.getByLabel('Text').fill('Parkerna behöver fler bänkar och mer ljus.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await notice(page)).toContain('Avsnittet är sparat.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Parkerna behöver fler bänkar och mer ljus.' }] }]);

    // Again stale; this time take theirs.
    await page.getByLabel('Text').fill('Min sista version.');
    await theirSave('Deras sista version.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    await page.getByRole('link', { name: /Ta deras/ }).click();
    expect(await page.getByLabel('Text').inputValue()).toBe('Deras sista version.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Deras sista version.' }] }]);

    // Markup mistakes and unprintable characters are said at the field, with the line.
    await page.getByLabel('Text').fill('Rad ett.\n\n- punkt\n    - under\n        - för djupt');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await page.locator('#body-error').textContent()).toMatch(/Rad \d+:/);
    await page.getByLabel('Text').fill('Text med \u{1F333}.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await page.locator('#body-error').textContent()).toContain('U+1F333');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Deras sista version.' }] }]);

    // The conflict view with the rich-text editor (axe needs scripts): mine is back in the editor.
    const { page: js } = await w.newPage();
    await logIn(js, 'handlaggare.sodermalm');
    await js.goto(path);
    await js.getByRole('textbox', { name: 'Text' }).focus();
    await js.keyboard.press('Control+End');
    await js.keyboard.type(' Mitt tillägg.');
    await theirSave('En tredje version.');
    await js.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await js.locator('main').textContent()).toContain('Någon annan har ändrat avsnittet');
    expect(await js.getByRole('textbox', { name: 'Text' }).textContent()).toContain('Deras sista version. Mitt tillägg.');
    await checkPage(js);
    await js.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await notice(js)).toContain('Avsnittet är sparat.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Deras sista version. Mitt tillägg.' }] }]);
  });
});

test('Versioner: who saved what when, the words that changed between two versions, and restoring one as a new version', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await journey('revisions', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    for (const text of ['Parkerna är trygga.', 'Parkerna är otrygga på kvällen.']) {
      await page.goto(`/svar/${id}/utlatande/avsnitt/bakgrund`);
      const editor = page.getByRole('textbox', { name: 'Text' });
      await editor.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
      await page.getByRole('button', { name: 'Spara avsnittet' }).click();
      expect(await notice(page)).toContain('Avsnittet är sparat.');
    }
    await page.getByRole('link', { name: 'Versioner' }).click();
    await expectHeading(page, 'Versioner');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Avsnitt sparat: Bakgrund');
    expect(await rows.first().textContent()).toContain('Hanna Söderberg');
    // The newest two are compared unless the user picks others.
    await page.getByRole('button', { name: 'Jämför' }).click();
    expect(await page.locator('main ins').allTextContents()).toEqual(expect.arrayContaining(['otrygga på kvällen']));
    expect(await page.locator('main del').allTextContents()).toEqual(expect.arrayContaining(['trygga']));
    await checkPage(page);

    await rows.nth(1).getByRole('link', { name: /Återställ/ }).click();
    await expectHeading(page, /Återställ version \d+\?/);
    await checkPage(page);
    await page.getByRole('button', { name: 'Återställ versionen' }).click();
    expect(await notice(page)).toContain('Versionen är återställd som en ny version.');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().textContent()).toContain('Återställd');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Parkerna är trygga.' }] }]);
  });
});

test('keyboard only: from the answer page through the statement to a section, written and saved, a conflict resolved, versions compared and one restored, without a mouse', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await journey('editor-keyboard', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${id}`);
    await tabTo(page, page.getByRole('link', { name: 'Skriv och läs tjänsteutlåtandet' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Tjänsteutlåtande');
    await tabTo(page, page.getByRole('link', { name: 'Redigera Bakgrund' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Bakgrund');
    await tabTo(page, page.getByRole('textbox', { name: 'Text' }));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Skrivet med ');
    await page.keyboard.press('Control+I');
    await page.keyboard.type('tangentbordet');
    await page.keyboard.press('Control+I');
    await page.keyboard.type('.');
    // Tab inside the text moves on (no keyboard trap) to the toolbar's neighbours and the save button.
    await tabTo(page, page.getByRole('button', { name: 'Spara avsnittet' }));
    await page.keyboard.press('Enter');
    expect(await notice(page)).toContain('Avsnittet är sparat.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Skrivet med ' }, { text: 'tangentbordet', italic: true }, { text: '.' }] }]);

    // Someone else saves the section meanwhile: the conflict, and their text taken, by keyboard.
    const theirs = await request(w.t.app).get(`/api/responses/${id}/statement/sections/bakgrund`).set(bearer(await w.t.login('admin')));
    await request(w.t.app).put(`/api/responses/${id}/statement/sections/bakgrund`).set(bearer(await w.t.login('admin'))).set('If-Match', theirs.headers.etag).send({ body: [{ type: 'paragraph', content: [{ text: 'Deras text.' }] }] });
    await tabTo(page, page.getByRole('textbox', { name: 'Text' }));
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Och mer.');
    await tabTo(page, page.getByRole('button', { name: 'Spara avsnittet' }));
    await page.keyboard.press('Enter');
    await page.locator('.remiss-conflict').waitFor();
    await tabTo(page, page.getByRole('link', { name: /Ta deras/ }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/avsnitt\/bakgrund$/);
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Deras text.' }] }]);

    // Versioner: compare and restore the keyboard's version.
    await tabTo(page, page.getByRole('link', { name: 'Versioner' }));
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Versioner');
    await tabTo(page, page.getByRole('button', { name: 'Jämför' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/versioner\?/);
    expect(await page.locator('main ins').allTextContents()).toEqual(expect.arrayContaining(['Deras text']));
    await tabTo(page, page.locator('main table tbody tr').nth(1).getByRole('link', { name: /Återställ/ }));
    await page.keyboard.press('Enter');
    await expectHeading(page, /Återställ version \d+\?/);
    await tabTo(page, page.getByRole('button', { name: 'Återställ versionen' }));
    await page.keyboard.press('Enter');
    expect(await notice(page)).toContain('Versionen är återställd som en ny version.');
    expect(await sectionText(id, 'bakgrund')).toEqual([{ type: 'paragraph', content: [{ text: 'Skrivet med ' }, { text: 'tangentbordet', italic: true }, { text: '.' }] }]);
  });
});

test('with the rich-text editor, text the documents cannot print is refused at the field and what was typed is still there', async () => {
  const id = await startedDraft();
  const { page } = await w.newPage();
  await journey('editor-refused', page, async () => {
    await logIn(page, 'handlaggare.sodermalm');
    await page.goto(`/svar/${id}/utlatande/avsnitt/bakgrund`);
    const editor = page.getByRole('textbox', { name: 'Text' });
    await editor.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('Parkerna \u{1F333} och mycket mer text.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(await page.locator('#body-error').textContent()).toContain('U+1F333');
    expect(await page.getByRole('textbox', { name: 'Text' }).textContent()).toContain('Parkerna \u{1F333} och mycket mer text.');
    await checkPage(page);
  });
});

test('KS 2020/924 as Östermalm: Södermalm\'s answer page is its workspace (404), its submitted statement a public record, read-only, without the comments', async () => {
  const [row] = await w.t.dataSource.query(
    `SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id JOIN organisations o ON o.id = r.organisation_id
      WHERE c.case_number = 'KS 2020/924' AND o.register_key = 'sdn-sodermalm'`,
  );
  const { page } = await w.newPage();
  await logIn(page, 'handlaggare.ostermalm');
  for (const path of [`/svar/${row.id}`, `/svar/${row.id}/skicka-till-granskning`, `/svar/${row.id}/beslut`, `/svar/${row.id}/beslut/${row.id}/protokollsutdrag`]) {
    expect({ path, status: (await page.request.get(path)).status() }).toEqual({ path, status: 404 });
  }
  // Rätta is the answering organisation's: the page says so and offers no form.
  await page.goto(`/svar/${row.id}/utlatande/avsnitt/sammanfattning/ratta`);
  expect(await page.locator('textarea').count()).toBe(0);
  await page.goto(`/svar/${row.id}/utlatande/avsnitt/sammanfattning`);
  await expectHeading(page, 'Sammanfattning');
  expect(await page.locator('[data-section-body]').textContent()).not.toBe('');
  expect(await page.locator('main form[method="post"]:not([data-session-extend])').count()).toBe(0);
  expect(await page.locator('#kommentarer').count()).toBe(0);
  await checkPage(page);
});
