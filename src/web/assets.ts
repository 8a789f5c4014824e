import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import { PROJECT_ROOT } from '../shared/project-root';
import { buildEditorScript, buildEditorStyles, buildStyles, EDITOR_SCRIPT_OUTPUT, EDITOR_STYLES_OUTPUT, STYLES_OUTPUT } from './asset-build';

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
}

const SCRIPTS_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'scripts');

/**
 * The pages' CSS and JavaScript, held in memory under names carrying their content hash
 * (app.3f2a9c1e.css), so they can be cached for a year and a new release is fetched at once.
 * Served from the app itself: no CDN, nothing from another origin (the CSP allows only 'self').
 */
export class Assets {
  private readonly byName = new Map<string, Asset>();
  private readonly urls = new Map<string, string>();

  constructor(production: boolean) {
    // A production image ships the built assets; elsewhere a stale one is rebuilt (dev, tests).
    const built = (output: string, build: () => unknown) => {
      if (!(production && existsSync(output))) build();
      return readFileSync(output);
    };
    this.add('app.css', built(STYLES_OUTPUT, buildStyles), 'text/css; charset=utf-8');
    this.add('app.js', readFileSync(path.join(SCRIPTS_DIR, 'app.js')), 'text/javascript; charset=utf-8');
    // Only the statement editor's page loads these (DESIGN.md §9: ≤ 250 KB with the app's own).
    this.add('statement-editor.css', built(EDITOR_STYLES_OUTPUT, buildEditorStyles), 'text/css; charset=utf-8');
    this.add('statement-editor.js', built(EDITOR_SCRIPT_OUTPUT, buildEditorScript), 'text/javascript; charset=utf-8');
  }

  /** The hashed URL of an asset, for the layout. */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`No asset named ${name}`);
    return url;
  }

  /** Total compressed size of what one page loads (the budget is 100 KB, the editor's page 250 KB, DESIGN.md §9). */
  compressedBytes(...names: string[]): number {
    return names.reduce((sum, name) => sum + this.byName.get(this.url(name).slice('/assets/'.length))!.gzipped.length, 0);
  }

  handler(): RequestHandler {
    return (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const asset = this.byName.get(req.path.replace(/^\//, ''));
      if (!asset) return next();
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.setHeader('Content-Type', asset.type);
      res.setHeader('Vary', 'Accept-Encoding');
      if (req.acceptsEncodings('gzip') === 'gzip') {
        res.setHeader('Content-Encoding', 'gzip');
        return void res.end(req.method === 'HEAD' ? undefined : asset.gzipped);
      }
      res.end(req.method === 'HEAD' ? undefined : asset.body);
    };
  }

  private add(name: string, body: Buffer, type: string): void {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const hashed = name.replace(/(\.\w+)$/, `.${hash}$1`);
    this.byName.set(hashed, { body, gzipped: gzipSync(body, { level: 9 }), type });
    this.urls.set(name, `/assets/${hashed}`);
  }
}
