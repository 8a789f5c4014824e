import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { launchBrowser } from '../support/browser';
import { addRecipient, createConsultation } from '../support/factories';
import { bearer, startTestApp, type TestApp } from '../support/test-app';

/*
 * The HTML preview in a real browser (Chromium from @sparticuz/chromium): WCAG 2.1 AA by axe at
 * desktop width and at 320 px, where the page must reflow without horizontal scrolling (WCAG
 * 1.4.10), and footnote references that lead to their note and back.
 */
let t: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let registrator: Record<string, string>;
let statementPath: string;
let letterPath: string;

beforeAll(async () => {
  t = await startTestApp();
  registrator = bearer(await t.login('registrator'));
  const find = async (caseNumber: string, organisation: string) => {
    const id = (await request(t.app).get('/api/consultations').query({ q: caseNumber }).set(registrator)).body.items[0].id;
    const board = (await request(t.app).get(`/api/consultations/${id}/recipients?limit=1000`).set(registrator)).body.items;
    return board.find((row: { organisation: { name: string } }) => row.organisation.name === organisation).responseId as string;
  };
  // Socialnämnden's answer to KS 2023/553 has footnotes, lists and a long header (seed 002).
  statementPath = `/api/responses/${await find('KS 2023/553', 'Socialnämnden')}/preview`;
  const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-09-01', registeredDate: '2026-08-28', dueDate: '2026-12-01', title: 'Program för parker' });
  const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2026-09-01T08:00:00Z') });
  expect((await request(t.app).post(`/api/responses/${response.id}/transitions`).set(bearer(await t.login('handlaggare.sodermalm'))).send({ action: 'decline', reason: 'Utanför nämndens ansvar.', answeredDate: '2026-10-01' })).status).toBe(200);
  letterPath = `/api/responses/${response.id}/preview`;
  server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t.close();
});

async function open(path: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, extraHTTPHeaders: registrator });
  const page = await context.newPage();
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(200);
  return { context, page };
}

const violations = async (page: Page) => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.each([
  ['the tjänsteutlåtande', () => statementPath],
  ['the avstår letter', () => letterPath],
])('the preview of %s', (_name, path) => {
  it.each([1280, 320])('at %i px: no axe violations and no horizontal scrolling', async (width) => {
    const { context, page } = await open(path(), width);
    try {
      expect(await violations(page)).toEqual([]);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);
      // The letterhead reads as lines of words, not a letter per line.
      const heights = (await page.evaluate(
        `[...document.querySelectorAll('.letterhead p:not(.page)')].map((p) => ({ text: p.textContent, lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)) }))`,
      )) as Array<{ text: string; lines: number }>;
      expect(heights.length).toBeGreaterThanOrEqual(4);
      // At most a line per two words (a one-word line such as "Tjänsteutlåtande" on one line).
      for (const { text, lines } of heights) expect({ text, fits: lines <= Math.ceil(text.split(/\s+/).length / 2) }).toEqual({ text, fits: true });
    } finally {
      await context.close();
    }
    // A page load and an axe run take a few seconds alone, many times that when other test runs
    // share the 2 cores with Chromium.
  }, 90_000);
});

describe('footnotes in the preview', () => {
  it('link each reference to its note and each note back to its reference', async () => {
    const { context, page } = await open(statementPath, 320);
    try {
      const references = page.locator('sup.fnref a');
      const notes = page.locator('ol.footnotes > li');
      expect(await references.count()).toBeGreaterThanOrEqual(2);
      expect(await notes.count()).toBe(await references.count());
      await references.nth(1).click();
      expect(new URL(page.url()).hash).toBe('#fn-2');
      expect(await page.evaluate("document.querySelector(':target')?.id")).toBe('fn-2');
      expect(await notes.nth(1).isVisible()).toBe(true);
      expect(await references.nth(1).getAttribute('aria-label')).toBe('Fotnot 2');
      await notes.nth(1).locator('a.fnback').click();
      expect(await page.evaluate("document.querySelector(':target')?.id")).toBe('fnref-2');
      const box = await references.nth(1).boundingBox();
      // Back in view, with some text above it rather than flush against the edge.
      expect(box!.y).toBeGreaterThan(20);
      expect(box!.y).toBeLessThan(800);
    } finally {
      await context.close();
    }
    // A page load and an axe run take a few seconds alone, many times that when other test runs
    // share the 2 cores with Chromium.
  }, 90_000);
});
