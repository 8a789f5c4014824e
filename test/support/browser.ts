import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * A real headless Chromium for tests, from the npm package @sparticuz/chromium (version 143 runs on
 * Node 20 with nothing but libc, expat and libgcc from the system; DESIGN.md §9), driven by
 * playwright-core. It unpacks into the temp folder on first use. The network is closed here:
 * without these flags Chromium keeps dialling out (updates, sync, metrics).
 */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({ executablePath: await chromium.executablePath(), args: FLAGS, headless: true });
}
