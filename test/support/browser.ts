import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserServer } from 'playwright-core';

/**
 * A real headless Chromium for tests, from the npm package @sparticuz/chromium (version 143 runs on
 * Node 20 with nothing but libc, expat and libgcc from the system; DESIGN.md §9), driven by
 * playwright-core. It unpacks into the temp folder on first use. The network is closed here:
 * without these flags Chromium keeps dialling out (updates, sync, metrics).
 */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Started once per run by the global setup; every test file connects to it. */
export async function launchBrowserServer(): Promise<BrowserServer> {
  return playwright.launchServer({ executablePath: await chromium.executablePath(), args: FLAGS, headless: true });
}

/** The run's browser (or one of its own when a file runs outside the suite's global setup). */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = process.env.REMISS_TEST_BROWSER_WS;
  if (endpoint) return playwright.connect(endpoint);
  return playwright.launch({ executablePath: await chromium.executablePath(), args: FLAGS, headless: true });
}
