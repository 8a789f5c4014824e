import type { Page } from 'playwright-core';
import request from 'supertest';
import { axeViolations, expectHeading, journey, logIn, scrollsSideways, startWebJourney, type WebJourney } from '../support/web-journey';

/*
 * The pages' foundation in a real Chromium: login and logout, the layout by role, Swedish error
 * pages, Mitt konto, CSRF and Origin, the session warning, a form kept through an expired session,
 * the tillgänglighetsredogörelse; every page 0 axe violations and no sideways scrolling at 320 px.
 */
let w: WebJourney;

beforeAll(async () => {
  // Tests here move sessions' ends in the database: no process-local cache may hide that.
  w = await startWebJourney({ SESSION_CACHE_SECONDS: '0' });
}, 60_000);
afterAll(async () => w?.close());

async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.title()).toMatch(/ – Remisser – Stockholms stad$/);
}

test('logging in: wrong password says so in Swedish without telling which was wrong; then back to the page that asked for it', async () => {
  const { page } = await w.newPage();
  await journey('login', page, async () => {
    const response = await page.goto('/mitt-konto?flik=1');
    expect(response?.url()).toContain('/logga-in?till=');
    await expectHeading(page, 'Logga in');
    await checkPage(page);

    await logIn(page, 'registrator', 'wrong-password-1');
    await expectHeading(page, 'Logga in');
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Fel användarnamn eller lösenord.');
    expect(await page.getByLabel('Användarnamn').inputValue()).toBe('registrator');
    expect(await page.getByLabel('Lösenord').inputValue()).toBe('');
    // The summary's link leads to the field.
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await checkPage(page);

    await logIn(page, 'registrator');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/mitt-konto?flik=1');
  });
});

test('an address outside the site is never where login leads', async () => {
  const { page } = await w.newPage();
  await page.goto('/logga-in?till=//evil.example/x');
  await logIn(page, 'reader');
  expect(new URL(page.url()).host).toBe(new URL(w.base).host);
  expect(new URL(page.url()).pathname).toBe('/');
});

test('the header names the user and organisation, navigation follows the role, and the layout reflows at 320 px', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'registrator');
  await expectHeading(page, /Välkommen/);
  const header = await page.locator('header').textContent();
  expect(header).toContain('Remisser');
  expect(header).toContain('Stadsledningskontoret');
  expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').allTextContents()).toEqual(['Start', 'Remisser', 'Sök', 'Bevakning', 'Sändlistor', 'Organisationer']);
  await checkPage(page);

  const reader = await w.newPage(320);
  await logIn(reader.page, 'reader');
  expect(await reader.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').allTextContents()).toEqual(['Start', 'Remisser', 'Sök']);
  expect(await scrollsSideways(reader.page)).toBe(false);
  await checkPage(reader.page);
});

test('keyboard only: the skip link is first and leads to the content; login works with the keyboard', async () => {
  const { page } = await w.newPage();
  await page.goto('/logga-in');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Hoppa till huvudinnehållet');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  await page.keyboard.press('Tab');
  await page.keyboard.type('reader');
  await page.keyboard.press('Tab');
  await page.keyboard.type('test-password-1');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
  await expectHeading(page, /Välkommen/);
});

test('errors are Swedish pages in the layout: 404, 403; the API keeps problem+json', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'reader');
  const missing = await page.goto('/finns-inte');
  expect(missing?.status()).toBe(404);
  await expectHeading(page, 'Sidan finns inte');
  await checkPage(page);
  const forbidden = await page.goto('/organisationer/ny-test-403');
  expect([403, 404]).toContain(forbidden?.status());

  const api = await request(w.t.app).get('/api/finns-inte');
  expect(api.status).toBe(404);
  expect(api.headers['content-type']).toContain('application/problem+json');
});

test('Mitt konto: the password is changed after the current one is confirmed; mistakes are explained', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'attestant.sodermalm');
  await page.goto('/mitt-konto');
  await expectHeading(page, 'Mitt konto');
  await checkPage(page);
  await page.getByLabel('Nuvarande lösenord').fill('fel-lösenord');
  await page.getByLabel('Nytt lösenord').fill('kort');
  await page.getByLabel('Upprepa det nya lösenordet').fill('kort');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Det nya lösenordet måste ha minst 10 tecken.');
  await checkPage(page);

  await page.getByLabel('Nuvarande lösenord').fill('fel-lösenord');
  await page.getByLabel('Nytt lösenord').fill('ett-nytt-lösenord');
  await page.getByLabel('Upprepa det nya lösenordet').fill('ett-nytt-lösenord');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Det nuvarande lösenordet stämmer inte.');

  await page.getByLabel('Nuvarande lösenord').fill('test-password-1');
  await page.getByLabel('Nytt lösenord').fill('ett-nytt-lösenord');
  await page.getByLabel('Upprepa det nya lösenordet').fill('ett-nytt-lösenord');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  expect(await page.getByRole('status').first().textContent()).toContain('Ditt lösenord är bytt.');

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expectHeading(page, 'Logga in');
  expect(await page.getByRole('status').first().textContent()).toContain('Du är utloggad.');
  await logIn(page, 'attestant.sodermalm', 'ett-nytt-lösenord');
  await expectHeading(page, /Välkommen/);
});

test('a form without the CSRF token, or a cookie-authenticated request from another origin, changes nothing', async () => {
  const agent = request.agent(w.t.app);
  const login = await agent.get('/logga-in');
  const token = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
  const origin = w.base;
  expect((await agent.post('/logga-in').set('Origin', origin).type('form').send({ username: 'reader', password: 'test-password-1' })).status).toBe(403);
  expect((await agent.post('/logga-in').set('Origin', 'https://evil.example').type('form').send({ _csrf: token, username: 'reader', password: 'test-password-1' })).status).toBe(403);
  const ok = await agent.post('/logga-in').set('Origin', origin).set('Host', new URL(origin).host).type('form').send({ _csrf: token, username: 'reader', password: 'test-password-1' });
  expect(ok.status).toBe(303);
  // The session cookie on the API: a POST from another site is refused, one from our own origin is not.
  expect((await agent.post('/api/auth/logout').set('Origin', 'https://evil.example')).status).toBe(403);
  expect((await agent.get('/api/auth/me')).status).toBe(200);
});

test('before the session ends the page warns and the user can extend it', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'reader');
  // Bring the end of this session to four minutes from now: inside the warning's five.
  await w.t.dataSource.query(`UPDATE sessions SET expires_at = now() + interval '4 minutes' WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'reader')`);
  await page.reload();
  const warning = page.locator('[data-session-warning]');
  await warning.waitFor({ state: 'visible' });
  expect(await warning.textContent()).toContain('Du loggas ut om 4 minuter');
  expect(await axeViolations(page)).toEqual([]);
  await warning.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
  await warning.waitFor({ state: 'hidden' });
  const rows: Array<{ minutes: number }> = await w.t.dataSource.query(`SELECT max(extract(epoch FROM expires_at - now()) / 60)::int AS minutes FROM sessions WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = 'reader')`);
  expect(rows[0].minutes).toBeGreaterThan(60);
});

test('a form posted after the session ran out is kept through the login and then saved', async () => {
  const { page } = await w.newPage();
  await logIn(page, 'handlaggare.sodermalm');
  await page.goto('/mitt-konto');
  await page.getByLabel('Nuvarande lösenord').fill('test-password-1');
  await page.getByLabel('Nytt lösenord').fill('byte-efter-utloggning');
  await page.getByLabel('Upprepa det nya lösenordet').fill('byte-efter-utloggning');
  // The session ends while the user types.
  await w.t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM users WHERE username = 'handlaggare.sodermalm')`);
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await expectHeading(page, 'Logga in');
  expect(await page.locator('.govuk-inset-text').textContent()).toContain('Inget är förlorat');
  await logIn(page, 'handlaggare.sodermalm');
  await expectHeading(page, 'Mitt konto');
  expect(await page.getByRole('status').first().textContent()).toContain('Ditt lösenord är bytt.');
  // Saved: the new password is the one that works now.
  expect((await request(w.t.app).post('/api/auth/login').send({ username: 'handlaggare.sodermalm', password: 'byte-efter-utloggning' })).status).toBe(200);
});

test('Tillgänglighet: the statement is open to everyone and a problem can be reported', async () => {
  const { page } = await w.newPage(320);
  await page.goto('/tillganglighet');
  await expectHeading(page, 'Tillgänglighet för Remisser');
  await checkPage(page);
  expect(await scrollsSideways(page)).toBe(false);
  await page.getByRole('button', { name: 'Skicka rapporten' }).click();
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Beskriv problemet.');
  await checkPage(page);
  await page.getByLabel('Beskriv problemet').fill('Knappen går inte att nå med tangentbordet på sidan Bevakning.');
  await page.getByRole('button', { name: 'Skicka rapporten' }).click();
  expect(await page.getByRole('status').first().textContent()).toContain('Tack!');
  const reports: unknown[] = await w.t.dataSource.query(`SELECT after FROM audit_events WHERE entity_type = 'accessibility-report'`);
  expect(JSON.stringify(reports)).toContain('Bevakning');
});

test('the stylesheet and script are served with their content hash, cached for a year, and CSP has no unsafe-inline', async () => {
  const page = await request(w.t.app).get('/logga-in');
  const csp = page.headers['content-security-policy'];
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("script-src 'self'");
  const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(page.text)![1];
  const asset = await request(w.t.app).get(css).set('Accept-Encoding', 'gzip');
  expect(asset.status).toBe(200);
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers['content-encoding']).toBe('gzip');
});

test('a NUL character in a form is said at the field (400), not a server error, and nothing is stored', async () => {
  const agent = request.agent(w.t.app);
  const origin = w.base;
  const host = new URL(origin).host;
  const loginPage = await agent.get('/logga-in');
  await agent.post('/logga-in').set('Origin', origin).set('Host', host).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(loginPage.text)![1], username: 'admin', password: 'test-password-1' });
  const form = await agent.get('/sandlistor/ny');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const before = (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lists`))[0].n;
  const res = await agent.post('/sandlistor/ny').set('Origin', origin).set('Host', host).type('form').send({ _csrf: token, name: 'Lista\u0000med NUL' });
  expect(res.status).toBe(400);
  expect(res.text).toContain('Texten innehåller ett tecken som inte kan sparas (NUL, U+0000).');
  expect((await w.t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_lists`))[0].n).toBe(before);
});
