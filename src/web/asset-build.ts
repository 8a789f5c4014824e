import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/project-root';

export const STYLES_SOURCE = path.join(PROJECT_ROOT, 'src', 'web', 'styles', 'app.scss');
export const STYLES_OUTPUT = path.join(PROJECT_ROOT, 'dist', 'assets', 'app.css');

/** Newest modification time of the style sources and the design system they build on. */
function newestInput(): number {
  const styles = path.dirname(STYLES_SOURCE);
  const inputs = readdirSync(styles).map((name) => path.join(styles, name));
  inputs.push(path.join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'package.json'));
  return Math.max(...inputs.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

export function stylesAreCurrent(): boolean {
  return existsSync(STYLES_OUTPUT) && statSync(STYLES_OUTPUT).mtimeMs >= newestInput();
}

/**
 * Compiles the theme (GOV.UK Frontend's Sass with the city's settings) to one CSS file. Part of
 * `npm run build` (and so of `npm install` and `npm start`); skipped when the output is current,
 * since dart-sass takes about two seconds.
 */
export function buildStyles(): { built: boolean; file: string } {
  if (stylesAreCurrent()) return { built: false, file: STYLES_OUTPUT };
  // Loaded only when needed: sass is a build tool, not something a running server should carry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const result = sass.compile(STYLES_SOURCE, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(PROJECT_ROOT)],
    quietDeps: true,
  });
  mkdirSync(path.dirname(STYLES_OUTPUT), { recursive: true });
  writeFileSync(STYLES_OUTPUT, result.css);
  return { built: true, file: STYLES_OUTPUT };
}
