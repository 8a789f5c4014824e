import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/project-root';

const STYLES_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'styles');
const OUTPUT_DIR = path.join(PROJECT_ROOT, 'dist', 'assets');

export const STYLES_SOURCE = path.join(STYLES_DIR, 'app.scss');
export const STYLES_OUTPUT = path.join(OUTPUT_DIR, 'app.css');
/** The statement editor's own stylesheet and script, loaded only on its page (≤ 250 KB with the app's, DESIGN.md §9). */
export const EDITOR_STYLES_SOURCE = path.join(STYLES_DIR, 'statement-editor.scss');
export const EDITOR_STYLES_OUTPUT = path.join(OUTPUT_DIR, 'statement-editor.css');
export const EDITOR_SCRIPT_SOURCE = path.join(PROJECT_ROOT, 'src', 'web', 'scripts', 'statement-editor.ts');
export const EDITOR_SCRIPT_OUTPUT = path.join(OUTPUT_DIR, 'statement-editor.js');
/** The files esbuild read for the bundle, kept beside it: the bundle is stale when one of them is newer. */
const EDITOR_SCRIPT_INPUTS = path.join(OUTPUT_DIR, 'statement-editor.inputs.json');

const modified = (file: string) => statSync(file).mtimeMs;

/** Newest modification time of the style sources and the design system they build on. */
function newestStyleInput(): number {
  const inputs = readdirSync(STYLES_DIR).map((name) => path.join(STYLES_DIR, name));
  inputs.push(path.join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'package.json'));
  return Math.max(...inputs.filter((file) => existsSync(file)).map(modified));
}

const isCurrent = (output: string, newestInput: () => number) => existsSync(output) && modified(output) >= newestInput();

function compileSass(source: string, output: string): void {
  // Loaded only when needed: sass is a build tool, not something a running server should carry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const result = sass.compile(source, { style: 'compressed', importers: [new sass.NodePackageImporter(PROJECT_ROOT)], quietDeps: true });
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, result.css);
}

/**
 * Compiles a stylesheet (the theme: GOV.UK Frontend's Sass with the city's settings; the editor's own) to one CSS file. Part of
 * `npm run build` (and so of `npm install` and `npm start`); skipped when the output is current,
 * since dart-sass takes about two seconds.
 */
function buildStylesheet(source: string, output: string): { built: boolean; file: string } {
  if (isCurrent(output, newestStyleInput)) return { built: false, file: output };
  compileSass(source, output);
  return { built: true, file: output };
}

export const buildStyles = () => buildStylesheet(STYLES_SOURCE, STYLES_OUTPUT);
export const buildEditorStyles = () => buildStylesheet(EDITOR_STYLES_SOURCE, EDITOR_STYLES_OUTPUT);

function newestEditorScriptInput(): number {
  if (!existsSync(EDITOR_SCRIPT_INPUTS)) return Infinity;
  const inputs = JSON.parse(readFileSync(EDITOR_SCRIPT_INPUTS, 'utf8')) as string[];
  // A deleted input (a file renamed) makes the bundle stale too.
  return Math.max(...inputs.map((file) => path.join(PROJECT_ROOT, file)).map((file) => (existsSync(file) ? modified(file) : Infinity)));
}

/**
 * Bundles the editor (TypeScript, ProseMirror) into one minified script with esbuild: an IIFE
 * without eval (the CSP allows neither inline scripts nor eval), for browsers of the last years.
 * Skipped when no file it was built from has changed since.
 */
export function buildEditorScript(): { built: boolean; file: string } {
  if (isCurrent(EDITOR_SCRIPT_OUTPUT, newestEditorScriptInput)) return { built: false, file: EDITOR_SCRIPT_OUTPUT };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [EDITOR_SCRIPT_SOURCE],
    outfile: EDITOR_SCRIPT_OUTPUT,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    legalComments: 'eof',
    metafile: true,
    logLevel: 'silent',
  });
  writeFileSync(EDITOR_SCRIPT_INPUTS, JSON.stringify(Object.keys(result.metafile.inputs)));
  return { built: true, file: EDITOR_SCRIPT_OUTPUT };
}

/** Everything the pages load, built where stale: `npm run build` and the Assets of a dev or test server. */
export function buildAssets(): Array<{ built: boolean; file: string }> {
  return [buildStyles(), buildEditorStyles(), buildEditorScript()];
}
