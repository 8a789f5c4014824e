import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The project's templates/ folder, found from src/ (tests, tsx) and dist/src/ (npm start) alike. */
function findTemplatesDir(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'templates', 'sections', 'catalogue.json'))) return path.join(dir, 'templates');
  }
  throw new Error(`No templates/ folder above ${from}`);
}

/** The files there are the defaults; an admin may override them at run time (stored in the database). */
export const TEMPLATES_DIR = findTemplatesDir(__dirname);

export interface CatalogueFileEntry {
  key: string;
  heading: string;
  position: number;
  required: boolean;
  defaults: Record<string, string>;
}

/** Reads templates/sections: catalogue.json for headings and order, <key>[.<kind>].hbs for default texts. */
export function readCatalogueFiles(dir = path.join(TEMPLATES_DIR, 'sections')): CatalogueFileEntry[] {
  const catalogue = JSON.parse(readFileSync(path.join(dir, 'catalogue.json'), 'utf8')) as { sections: Array<{ key: string; heading: string; required: boolean }> };
  const files = readdirSync(dir).filter((name) => name.endsWith('.hbs'));
  return catalogue.sections.map((section, index) => {
    const defaults: Record<string, string> = {};
    for (const file of files) {
      const match = /^([a-z0-9-]+?)(?:\.([a-z]+))?\.hbs$/.exec(file);
      if (match?.[1] === section.key) defaults[match[2] ?? '*'] = readFileSync(path.join(dir, file), 'utf8').trim();
    }
    return { key: section.key, heading: section.heading, position: (index + 1) * 10, required: section.required, defaults };
  });
}
