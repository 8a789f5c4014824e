import { repairOcrText, type KnownWords } from '../../src/imports/ocr-repair';
import { ORGANISATION_REGISTER } from '../../src/organisations/organisation-register';
import { CATALOGUE } from '../imports/catalogue';
import { damageLikeOcr } from '../support/ocr-damage';
import { readSeed } from './seed-text';

/*
 * Issue 16's measure for OCR repair: the clean seeds 001 and 003 damaged the way seeds 000 and 002
 * are (test/support/ocr-damage.ts), repaired, and compared word by word with the clean text. Of
 * the words the damage changed, ≥ 98 % must come back; of the words it left alone, ≤ 0.5 % may be
 * made wrong. Three damage seeds per document; the figures are printed for each.
 */
const KNOWN: KnownWords = {
  names: ORGANISATION_REGISTER.flatMap((entry) => [entry.name, entry.shortName].filter((name): name is string => name !== undefined)),
  headings: CATALOGUE.map((section) => section.heading),
};
const DAMAGE_SEEDS = [1, 2, 3];
const RESTORED_TARGET = 0.98;
const MADE_WRONG_LIMIT = 0.005;

interface Tally {
  changed: number;
  restored: number;
  unchanged: number;
  madeWrong: number;
}

function compare(clean: string, damaged: string, repaired: string): Tally {
  const words = (text: string) => text.split(/\s+/);
  const [cleanWords, damagedWords, repairedWords] = [words(clean), words(damaged), words(repaired)];
  // The damage and the repair both work inside words: the three texts align word for word.
  expect(damagedWords).toHaveLength(cleanWords.length);
  expect(repairedWords).toHaveLength(cleanWords.length);
  const tally: Tally = { changed: 0, restored: 0, unchanged: 0, madeWrong: 0 };
  cleanWords.forEach((word, index) => {
    if (damagedWords[index] !== word) {
      tally.changed++;
      if (repairedWords[index] === word) tally.restored++;
    } else {
      tally.unchanged++;
      if (repairedWords[index] !== word) tally.madeWrong++;
    }
  });
  return tally;
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;
const report: string[] = [];
afterAll(() => console.log(`OCR repair of damaged copies of the clean seeds:\n${report.join('\n')}`));

describe.each(['001', '003'])('OCR repair measured on a damaged copy of seed %s', (prefix) => {
  it(`restores ≥ ${RESTORED_TARGET * 100} % of the damaged words and makes ≤ ${MADE_WRONG_LIMIT * 100} % of the others wrong`, () => {
    const clean = readSeed(prefix);
    const total: Tally = { changed: 0, restored: 0, unchanged: 0, madeWrong: 0 };
    for (const seed of DAMAGE_SEEDS) {
      const damaged = damageLikeOcr(clean, seed);
      const result = repairOcrText(damaged, KNOWN);
      expect(result.damaged).toBe(true);
      const tally = compare(clean, damaged, result.text);
      report.push(
        `  ${prefix} (damage seed ${seed}): restored ${tally.restored}/${tally.changed} = ${percent(tally.restored, tally.changed)}, ` +
          `made wrong ${tally.madeWrong}/${tally.unchanged} = ${percent(tally.madeWrong, tally.unchanged)}`,
      );
      for (const key of Object.keys(total) as Array<keyof Tally>) total[key] += tally[key];
    }
    report.push(`  ${prefix} all seeds: restored ${percent(total.restored, total.changed)}, made wrong ${percent(total.madeWrong, total.unchanged)}`);
    expect(total.restored / total.changed).toBeGreaterThanOrEqual(RESTORED_TARGET);
    expect(total.madeWrong / total.unchanged).toBeLessThanOrEqual(MADE_WRONG_LIMIT);
  });
});

describe('OCR repair on the seeds as they are', () => {
  it('finds the scanned seeds damaged and repairs the words checked by hand', () => {
    for (const [prefix, checked] of [
      ['000', [['Forvaltningen', 'Förvaltningen'], ['6kad', 'ökad'], ['tjédnsteutlatande', 'tjänsteutlåtande'], ['vdld', 'våld'], ['1', 'i']]],
      ['002', [['fordldrastodsprogram', 'föräldrastödsprogram'], ['socialndmnden', 'socialnämnden'], ['for', 'för'], ['&r', 'är']]],
    ] as const) {
      const result = repairOcrText(readSeed(prefix), KNOWN);
      report.push(`  ${prefix} as scanned: ${result.repairs.length} repairs, ${result.repairs.filter((repair) => repair.realWord).length} of real words`);
      expect(result.damaged).toBe(true);
      expect(result.repairs.length).toBeGreaterThan(300);
      const pairs = new Set(result.repairs.map((repair) => `${repair.from}→${repair.to}`));
      for (const [from, to] of checked) expect(pairs).toContain(`${from}→${to}`);
    }
  });

  it('leaves the clean seeds as they are, but for a misspelling the author made', () => {
    const result003 = repairOcrText(readSeed('003'), KNOWN);
    expect(result003.damaged).toBe(false);
    expect(result003.repairs).toEqual([]);
    // Seed 001 has one word with "i" for "ä" (a typo or a stray OCR'd word): the only repair.
    const result001 = repairOcrText(readSeed('001'), KNOWN);
    expect(result001.damaged).toBe(false);
    expect(result001.repairs).toEqual([expect.objectContaining({ from: 'definitionsmissigt', to: 'definitionsmässigt', realWord: false })]);
    report.push(`  001 and 003 as published: ${result001.repairs.length + result003.repairs.length} repair`);
  });
});
