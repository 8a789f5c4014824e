import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAssets, EDITOR_SCRIPT_OUTPUT, EDITOR_STYLES_OUTPUT, STYLES_OUTPUT } from '../../src/web/asset-build';
import { canonicalBlocks } from '../../src/statements/editor/canonical';
import type { Block } from '../../src/statements/statement-body';
import { launchBrowser } from '../support/browser';
import { axeViolations, journey, scrollsSideways } from '../support/web-journey';

/*
 * The statement editor's widget (src/web/scripts/statement-editor.ts) in a real Chromium, on a
 * page of its own that follows the editor's DOM contract, served with the app's CSP (no inline
 * script or style, no eval): typing with the keyboard shortcuts, a paste from Word, the toolbar
 * by keyboard alone, axe, unsaved changes, and the form without JavaScript.
 */

const FIXTURES = path.resolve(__dirname, '../fixtures');
const WORD_HTML = readFileSync(path.join(FIXTURES, 'word-clipboard.html'), 'utf8');
const WORD_BODY = JSON.parse(readFileSync(path.join(FIXTURES, 'word-clipboard.expected.json'), 'utf8')) as Block[];

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

let server: Server;
let base: string;
let browser: Browser;
let initialBody: Block[] = [];
const submissions: URLSearchParams[] = [];

/** The body as the server would put it into the JSON script: "<" escaped, so no text closes the element. */
const scriptJson = (body: Block[]) => JSON.stringify(body).replace(/</g, '\\u003c');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function editorPage(): string {
  return `<!DOCTYPE html>
<html lang="sv" class="govuk-template govuk-template--rebranded">
<head>
  <meta charset="utf-8">
  <title>Redigera avsnitt – Remisser – Stockholms stad</title>
  <link rel="stylesheet" href="/assets/app.css">
  <link rel="stylesheet" href="/assets/statement-editor.css">
  <script type="module" src="/assets/statement-editor.js"></script>
</head>
<body class="govuk-template__body">
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      <h1 class="govuk-heading-l">Förvaltningens synpunkter</h1>
      <form method="post" action="/spara" novalidate>
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--m" for="section-body">Text</label>
          <div class="govuk-hint" id="section-body-hint">Skriv avsnittets text.</div>
          <textarea class="govuk-textarea" id="section-body" name="body" rows="10" aria-describedby="section-body-hint"
            data-statement-editor="section-body-json">${escapeHtml(initialBody.map((b) => JSON.stringify(b)).join('\n'))}</textarea>
          <script type="application/json" id="section-body-json">${scriptJson(initialBody)}</script>
          <input type="hidden" name="bodyJson" value="">
        </div>
        <button type="submit" class="govuk-button">Spara</button>
      </form>
    </main>
  </div>
</body>
</html>`;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/app.css': { file: STYLES_OUTPUT, type: 'text/css' },
  '/assets/statement-editor.css': { file: EDITOR_STYLES_OUTPUT, type: 'text/css' },
  '/assets/statement-editor.js': { file: EDITOR_SCRIPT_OUTPUT, type: 'text/javascript' },
};

beforeAll(async () => {
  buildAssets();
  server = createServer((req, res) => {
    res.setHeader('Content-Security-Policy', CSP);
    const asset = ASSETS[req.url ?? ''];
    if (asset) return void res.writeHead(200, { 'Content-Type': `${asset.type}; charset=utf-8` }).end(readFileSync(asset.file));
    if (req.method === 'POST' && req.url === '/spara') {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (data += chunk));
      req.on('end', () => {
        submissions.push(new URLSearchParams(data));
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html lang="sv"><title>Sparat</title><h1>Sparat</h1></html>');
      });
      return;
    }
    if (req.url === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(editorPage());
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});

/** The editor's page with this body; fails the test on any script error or CSP violation. */
async function openEditor(body: Block[], options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  initialBody = body;
  const context = await browser.newContext({ baseURL: base, locale: 'sv-SE', viewport: { width: 1024, height: 800 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  await page.goto('/');
  if (options.javaScriptEnabled !== false) await page.locator('.ProseMirror').waitFor();
  return { page, problems };
}

const editorText = (page: Page) => page.getByRole('textbox', { name: 'Text' });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Formatering' });
const button = (page: Page, name: string) => toolbar(page).getByRole('button', { name, exact: true });
const focusedName = (page: Page) => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.id));

/** Submits the form as a user would and gives back what the server received. */
async function submit(page: Page): Promise<URLSearchParams> {
  const before = submissions.length;
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByRole('heading', { name: 'Sparat' }).waitFor();
  expect(submissions.length).toBe(before + 1);
  return submissions[submissions.length - 1];
}

const submittedBody = async (page: Page) => JSON.parse((await submit(page)).get('bodyJson') ?? 'null') as Block[];

test('typing with the keyboard shortcuts builds a sub-heading, bold and italic text, a footnote and a nested list', async () => {
  const { page, problems } = await openEditor([]);
  await journey('editor-typing', page, async () => {
    await editorText(page).click();
    await page.keyboard.press('Control+Shift+Digit3');
    await page.keyboard.type('Bakgrund');
    expect(await button(page, 'Underrubrik').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await button(page, 'Underrubrik').getAttribute('aria-pressed')).toBe('false');

    await page.keyboard.type('Förslaget är ');
    await page.keyboard.press('Control+b');
    expect(await button(page, 'Fetstil').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('bra');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' och ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('genomtänkt');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('.');

    await page.keyboard.press('Control+Shift+KeyF');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1-footnote');
    await page.getByLabel('Fotnottext').fill('Se bilaga 2, tabell 4.');
    await page.keyboard.press('Enter');
    expect(submissions).toHaveLength(0); // Enter in the footnote field inserts, it does not submit the page
    await expect(page.locator('.remiss-editor__footnote').textContent()).resolves.toBe('Fotnot: Se bilaga 2, tabell 4.');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+Digit8');
    await page.keyboard.type('Första');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Andra');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tredje');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // an empty inner item steps out to the outer list
    await page.keyboard.type('Fjärde');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // an empty item steps out of the list
    await page.keyboard.press('Control+Shift+Digit7');
    await page.keyboard.type('Ett');
    // Ctrl+Z takes back the last edits (how many depends on the pauses between them), Ctrl+Y brings them back.
    const typed = await editorText(page).innerHTML();
    await page.keyboard.press('Control+z');
    expect(await editorText(page).innerHTML()).not.toBe(typed);
    await page.keyboard.press('Control+y');
    expect(await editorText(page).innerHTML()).toBe(typed);

    expect(await submittedBody(page)).toEqual([
      { type: 'subheading', text: 'Bakgrund' },
      {
        type: 'paragraph',
        content: [{ text: 'Förslaget är ' }, { text: 'bra', bold: true }, { text: ' och ' }, { text: 'genomtänkt', italic: true }, { text: '.' }, { footnote: 'Se bilaga 2, tabell 4.' }],
      },
      {
        type: 'bullet_list',
        items: [
          { content: [{ text: 'Första' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'Andra' }] }, { content: [{ text: 'Tredje' }] }] } },
          { content: [{ text: 'Fjärde' }] },
        ],
      },
      { type: 'numbered_list', items: [{ content: [{ text: 'Ett' }] }] },
    ]);
    expect(problems).toEqual([]);
  });
});

test('a paste from Word gives nested lists, bold and italic, and nothing else', async () => {
  const { page, problems } = await openEditor([]);
  await journey('editor-word-paste', page, async () => {
    await editorText(page).click();
    await pasteHtml(page, WORD_HTML);
    // Nothing but paragraphs, lists, bold and italic reached the editor.
    const tags = await page.locator('.ProseMirror *').evaluateAll((elements) => [...new Set(elements.map((e) => e.tagName))].sort());
    expect(tags).toEqual(['EM', 'LI', 'OL', 'P', 'STRONG', 'UL']);
    expect(await submittedBody(page)).toEqual(WORD_BODY);
    expect(problems).toEqual([]);
  });
});

async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate((editor, pasted) => {
    const data = new DataTransfer();
    data.setData('text/html', pasted);
    data.setData('text/plain', 'vanlig text');
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

test.each([
  {
    what: 'a Word list four levels deep ends on the second level; bullets are told from numbers by the marker without list definitions',
    html:
      '<p class=MsoListParagraph style="mso-list:l3 level1 lfo5"><![if !supportLists]><span style="mso-list:Ignore">1.</span><![endif]>Ett</p>' +
      '<p class=MsoListParagraph style="mso-list:l3 level3 lfo5"><![if !supportLists]><span style="mso-list:Ignore">§</span><![endif]>Tre</p>' +
      '<p class=MsoListParagraph style="mso-list:l3 level4 lfo5"><![if !supportLists]><span style="mso-list:Ignore">·</span><![endif]>Fyra</p>' +
      '<p class=MsoNormal>Efter</p>',
    body: [
      { type: 'numbered_list', items: [{ content: [{ text: 'Ett' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'Tre' }] }, { content: [{ text: 'Fyra' }] }] } }] },
      { type: 'paragraph', content: [{ text: 'Efter' }] },
    ],
  },
  {
    what: 'a web page\'s list three levels deep ends on the second level, its headings and links as the editor holds them',
    html: '<h2>Rubrik</h2><ul><li>A<ul><li>B<ul><li>C</li></ul></li></ul></li></ul><p><a href="https://example.org/">länk</a> <b>fet</b></p>',
    body: [
      { type: 'subheading', text: 'Rubrik' },
      { type: 'bullet_list', items: [{ content: [{ text: 'A' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'B' }] }, { content: [{ text: 'C' }] }] } }] },
      { type: 'paragraph', content: [{ text: 'länk ' }, { text: 'fet', bold: true }] },
    ],
  },
  {
    what: 'Google Docs\' <b style="font-weight:normal"> around everything is not bold; font-weight and font-style are',
    html: '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Fet</span> och <span style="font-style:italic">kursiv</span></p></b>',
    body: [{ type: 'paragraph', content: [{ text: 'Fet', bold: true }, { text: ' och ' }, { text: 'kursiv', italic: true }] }],
  },
])('paste: $what', async ({ html, body }) => {
  const { page, problems } = await openEditor([]);
  await editorText(page).click();
  await pasteHtml(page, html);
  expect(await submittedBody(page)).toEqual(body);
  expect(problems).toEqual([]);
});

test('the toolbar is reachable and usable with the keyboard alone', async () => {
  const { page, problems } = await openEditor([{ type: 'paragraph', content: [{ text: 'Hej världen' }] }]);
  await journey('editor-keyboard', page, async () => {
    // One tab stop: the toolbar, then the text.
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('Fetstil');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(focusedName(page)).resolves.toBe('Underrubrik');
    await page.keyboard.press('End');
    await expect(focusedName(page)).resolves.toBe('Gör om');
    await page.keyboard.press('ArrowRight');
    await expect(focusedName(page)).resolves.toBe('Fetstil');
    await page.keyboard.press('ArrowLeft');
    await expect(focusedName(page)).resolves.toBe('Gör om');
    expect(await button(page, 'Gör om').getAttribute('aria-disabled')).toBe('true'); // nothing to redo, yet focusable
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1');

    // Select "världen", make it bold from the toolbar: the focus goes back to the text.
    await page.keyboard.press('End');
    for (let i = 0; i < 'världen'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+Tab');
    await expect(focusedName(page)).resolves.toBe('Fetstil');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1');
    expect(await button(page, 'Fetstil').getAttribute('aria-pressed')).toBe('true');

    // Alt+F10 reaches the toolbar from the text; the last button used is where it lands.
    await page.keyboard.press('Alt+F10');
    await expect(focusedName(page)).resolves.toBe('Fetstil');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(focusedName(page)).resolves.toBe('Punktlista');
    await page.keyboard.press('Space');
    expect(await button(page, 'Punktlista').getAttribute('aria-pressed')).toBe('true');

    // A footnote through its small form: an empty one is refused with a message.
    await page.keyboard.press('Alt+F10');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(focusedName(page)).resolves.toBe('Fotnot');
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Fotnottext');
    await expect(field.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.locator('.remiss-editor__footnote-form .govuk-error-message').textContent()).resolves.toBe('Fel: Skriv fotnotens text');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('Enligt beslut 2024.');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1');

    // Escape from the toolbar goes back to the text; Tab from the text (where it cannot indent) leaves the editor.
    await page.keyboard.press('Alt+F10');
    await page.keyboard.press('Escape');
    await expect(focusedName(page)).resolves.toBe('statement-editor-1');
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('Spara');
    const before = submissions.length;
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sparat' }).waitFor();
    expect(submissions).toHaveLength(before + 1);
    expect(JSON.parse(submissions[before].get('bodyJson')!)).toEqual([
      { type: 'bullet_list', items: [{ content: [{ text: 'Hej ' }, { text: 'världen', bold: true }, { footnote: 'Enligt beslut 2024.' }] }] },
    ]);
    expect(problems).toEqual([]);
  });
});

test('axe finds no violations on the editor, its toolbar and its footnote form', async () => {
  const { page } = await openEditor([
    { type: 'subheading', text: 'Bakgrund' },
    { type: 'paragraph', content: [{ text: 'Text med ' }, { text: 'fet', bold: true }, { footnote: 'En fotnot.' }] },
    { type: 'numbered_list', items: [{ content: [{ text: 'Ett' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'a' }] }] } }] },
  ]);
  expect(await axeViolations(page)).toEqual([]);
  // The editor is named by the textarea's label and described by its hint.
  expect(await editorText(page).getAttribute('aria-describedby')).toBe('section-body-hint');
  expect(await page.locator('#section-body').isHidden()).toBe(true);
  await editorText(page).click();
  await page.keyboard.press('Control+Shift+KeyF');
  expect(await axeViolations(page)).toEqual([]);
  // WCAG 1.4.10: at 320 px the toolbar wraps, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await scrollsSideways(page)).toBe(false);
});

test('a body comes back from the editor as it went in when nothing is edited, and in canonical form', async () => {
  const body: Block[] = [
    { type: 'paragraph', content: [{ text: '  två mellanslag, *stjärnor* och\nen radbrytning ' }, { text: 'fet', bold: true, italic: false }, { text: ' kursiv', bold: true, italic: true }] },
    ...WORD_BODY,
    { type: 'subheading', text: '<script>alert(1)</script>' },
  ];
  const { page, problems } = await openEditor(body);
  expect(await submittedBody(page)).toEqual(canonicalBlocks(body));
  expect(problems).toEqual([]);
});

test('leaving with unsaved changes asks first; an unchanged editor and a submitted one do not', async () => {
  const body: Block[] = [{ type: 'paragraph', content: [{ text: 'Sparad text' }] }];
  const { page } = await openEditor(body);
  await editorText(page).click();
  // Unchanged: the page closes without asking.
  await page.close({ runBeforeUnload: true });
  await page.waitForEvent('close');

  const changed = (await openEditor(body)).page;
  // Focus without a click: a click's own caret placement can land after Ctrl+Home on a busy machine.
  await editorText(changed).focus();
  await changed.keyboard.press('Control+Home');
  await changed.keyboard.type('Ändrad ');
  const dialog = changed.waitForEvent('dialog');
  await changed.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  expect(changed.isClosed()).toBe(false);

  // Submitting is leaving with the changes saved: no question.
  let questions = 0;
  changed.on('dialog', (d) => (questions++, void d.accept()));
  expect(await submittedBody(changed)).toEqual([{ type: 'paragraph', content: [{ text: 'Ändrad Sparad text' }] }]);
  expect(questions).toBe(0);
});

test('without JavaScript the textarea is the field and bodyJson stays empty', async () => {
  const { page } = await openEditor([{ type: 'paragraph', content: [{ text: 'Ren text' }] }], { javaScriptEnabled: false });
  await page.getByLabel('Text').fill('Ny text');
  const form = await submit(page);
  expect(form.get('body')).toBe('Ny text');
  expect(form.get('bodyJson')).toBe('');
});
