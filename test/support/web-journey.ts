import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { TEST_PASSWORD } from './test-constants';
import { startTestApp, type TestApp } from './test-app';

/** Where a failing journey leaves its screenshot (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results');

export interface WebJourney {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) at this width; `javaScript: false` for a browser with scripts turned off. */
  newPage(width?: number, options?: { javaScript?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The real app listening on loopback, and the run's Chromium. Call in beforeAll. */
export async function startWebJourney(env: Record<string, string> = {}): Promise<WebJourney> {
  // Plain http on loopback: a Secure cookie would not be kept.
  const t = await startTestApp({ COOKIE_SECURE: 'false', ...env });
  const server: Server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    t,
    base,
    browser,
    async newPage(width = 1280, { javaScript = true } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, baseURL: base, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', javaScriptEnabled: javaScript });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  if (!page.url().includes('/logga-in')) await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForLoadState();
}

/** axe with the WCAG 2.1 A and AA rules: the list of violations (expected empty). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** WCAG 1.4.10: at 320 px nothing scrolls sideways. */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** The h1 names the page; every journey step checks it is where it thinks it is. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  const actual = (await h1.textContent())?.trim() ?? '';
  if (typeof text === 'string' ? actual !== text : !text.test(actual)) throw new Error(`Expected the page "${String(text)}", but its h1 is "${actual}" (${page.url()})`);
}

/**
 * Runs a journey; when it fails, a full-page screenshot is saved under test-results/ with the
 * journey's name before the failure is reported.
 */
export async function journey(name: string, page: Page, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name.replace(/[^\w-]+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** Every page on the way: no axe violations, the city's title, and no sideways scrolling at 320 px. */
export async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.title()).toMatch(/ – Remisser – Stockholms stad$/);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await scrollsSideways(page)).toBe(false);
  await page.setViewportSize(size);
}

/** The success banner a page shows after a POST → redirect. */
export async function notice(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner--success').textContent()) ?? '';
}

/** Presses Tab until the element (or something inside it) has the focus, as a keyboard user would (and fails if it never gets it). */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  // Once, so a target that is not on the page fails at once rather than on every press.
  await target.waitFor({ state: 'attached' });
  for (let presses = 0; presses < 250; presses++) {
    // Inside counts too: a rich-text editor's focus is on its editable child.
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement), undefined, { timeout: 2_000 }).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** How a journey works the page: with the mouse, or with the keyboard alone (Tab to it, then type, Enter or Space). */
export interface Hands {
  press(target: Locator): Promise<void>;
  type(target: Locator, text: string): Promise<void>;
  /** Replaces what the field holds. */
  replace(target: Locator, text: string): Promise<void>;
  /** Picks an option of a select by its text (with the keyboard: typed, as a select finds it). */
  choose(target: Locator, label: string): Promise<void>;
  check(target: Locator): Promise<void>;
}

export function mouse(): Hands {
  return { press: (target) => target.click(), type: (target, text) => target.fill(text), replace: (target, text) => target.fill(text), choose: async (target, label) => void (await target.selectOption({ label })), check: (target) => target.check() };
}

export function keyboard(page: Page): Hands {
  return {
    async press(target) {
      await tabTo(page, target);
      await page.keyboard.press('Enter');
    },
    async type(target, text) {
      await tabTo(page, target);
      await page.keyboard.type(text);
    },
    async replace(target, text) {
      await tabTo(page, target);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    },
    async choose(target, label) {
      await tabTo(page, target);
      await page.keyboard.type(label);
    },
    async check(target) {
      const name = await target.evaluate((el) => ((el as HTMLInputElement).type === 'radio' ? (el as HTMLInputElement).name : null));
      if (!name) {
        await tabTo(page, target);
        await page.keyboard.press('Space');
        return;
      }
      // A radio group is one Tab stop (its checked radio, or the first); the arrow keys choose within it.
      const group = page.locator(`input[type="radio"][name="${name}"]`);
      const checked = group.locator('xpath=self::*[@checked]');
      await tabTo(page, (await checked.count()) ? checked.first() : group.first());
      await page.keyboard.press('Space');
      for (let presses = 0; presses < 20 && !(await target.isChecked()); presses++) await page.keyboard.press('ArrowDown');
      if (!(await target.isChecked())) throw new Error(`the arrow keys never chose ${target.toString()}`);
    },
  };
}
