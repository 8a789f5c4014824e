import * as fs from 'node:fs';
import * as path from 'node:path';

/** Reading and normalising the seed tjänsteutlåtanden, shared by the `npm run test:seeds` checks. */

// Runs under `npm run test:seeds` only: it needs ../shared/seeds next to the repository.
export const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');

export function readSeed(prefix: string): string {
  const file = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed ${prefix}_*.txt in ${SEEDS_DIR}`);
  return fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8');
}

export function readAllSeeds(): string[] {
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8'));
}

/** Lowercase, unify dashes and whitespace; "kvinno- och" and "GAPF - Glöm" lose the spaces at the dash. */
export function compact(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

/** Also strips diacritics: the form OCR'd seed text is compared in. */
export function fold(text: string): string {
  return compact(text.normalize('NFD').replace(/\p{M}/gu, ''));
}

/*
 * What the OCR made of these letters in the seeds, after folding: "nimnd", "ndmnd", "ndimnden"
 * for nämnd(en), "bostidder" for bostäder, "&r" for är, "rid" / "pd" / "véald" for råd / på / våld,
 * "6kad", "0ka", "dvriga", "férvaltningen" for ökad, öka, övriga, förvaltningen, and "1" for "i".
 */
const OCR_READINGS: Readonly<Record<string, readonly string[]>> = {
  ä: ['a', 'e', 'i', 'd', 'id', 'di', 'ei', '&'],
  å: ['a', 'e', 'i', 'd', 'ea'],
  ö: ['o', 'e', 'd', '6', '0'],
  é: ['e'],
  i: ['i', '1'],
};

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex source matching the folded text of any OCR reading of `name`. */
export function ocrSource(name: string): string {
  let source = '';
  for (const ch of compact(name)) {
    const readings = OCR_READINGS[ch];
    if (readings) source += `(?:${readings.map(escapeRegExp).join('|')})`;
    else source += ch === ' ' ? ' ' : escapeRegExp(fold(ch));
  }
  return source;
}
