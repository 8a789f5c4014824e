import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { EDITOR_SCRIPT_OUTPUT } from '../../src/web/asset-build';
import { Assets } from '../../src/web/assets';

/*
 * DESIGN.md §9: CSS + JS ≤ 100 KB compressed per page, the statement editor's page ≤ 250 KB. The
 * editor's bundle is an asset of its own, so the other pages do not carry it.
 */
const KB = 1024;
let assets: Assets;

beforeAll(() => {
  assets = new Assets(false);
});

test('the editor page (the app\'s CSS and JS with the editor\'s) loads at most 250 KB gzipped, every other page at most 100 KB', () => {
  const editorPage = assets.compressedBytes('app.css', 'app.js', 'statement-editor.css', 'statement-editor.js');
  const otherPage = assets.compressedBytes('app.css', 'app.js');
  expect(editorPage).toBeLessThanOrEqual(250 * KB);
  expect(otherPage).toBeLessThanOrEqual(100 * KB);
  // The editor really is in its own asset, not in what every page loads.
  expect(editorPage - otherPage).toBeGreaterThan(20 * KB);
});

test('the editor\'s bundle needs neither eval nor inline code (the CSP allows neither) and carries no server code', () => {
  const bundle = readFileSync(EDITOR_SCRIPT_OUTPUT, 'utf8');
  expect(bundle).not.toMatch(/\beval\(|new Function\(/);
  // Types only come from the server's modules: no zod, no fonts.
  expect(bundle).not.toMatch(/ZodError|fontkit/);
});

test('the editor\'s assets are served under their content hash, gzipped and cached', async () => {
  const app = express().use('/assets', assets.handler());
  for (const name of ['statement-editor.js', 'statement-editor.css']) {
    const url = assets.url(name);
    expect(url).toMatch(/^\/assets\/statement-editor\.[0-9a-f]{12}\.(js|css)$/);
    const response = await request(app).get(url).set('Accept-Encoding', 'gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});
