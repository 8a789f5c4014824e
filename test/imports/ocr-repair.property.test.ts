import fc from 'fast-check';
import { applyRepairs, repairOcrText } from '../../src/imports/ocr-repair';
import { damageLikeOcr } from '../support/ocr-damage';

/*
 * Text built at random from correctly spelled words, names, numbers and case numbers must come back
 * unchanged; the same text damaged the way a scan damages it must keep its lines and words, and its
 * repairs must rebuild it exactly, all of them or none.
 */
const WORDS = [
  'förvaltningen', 'nämnden', 'stadsdelsnämnden', 'tjänsteutlåtandet', 'föreslår', 'godkänner', 'överlämnar', 'möjlighet',
  'ökad', 'våld', 'stöd', 'mål', 'år', 'är', 'för', 'på', 'så', 'även', 'också', 'både', 'när', 'där', 'från', 'gäller',
  'särskilt', 'äldre', 'föräldrar', 'barn', 'skolan', 'arbetet', 'planen', 'staden', 'och', 'att', 'som', 'har', 'med',
  'till', 'en', 'ett', 'i', 'om', 'det', 'vald', 'valda', 'mot', 'var', 'man', 'stora', 'alla', 'bor', 'stod', 'tal',
  'Stockholm', 'Kungsholmen', 'Åsa', 'Östberg', 'Origo',
];
const NUMBERS = ['1', '2020', '2024/118', 'KS', 'Dnr', '08-508', '3.1.1-723/2019', '1.'];

const line = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...NUMBERS) }), { minLength: 1, maxLength: 14 })
  .map((words) => words.join(' '));
const document = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 30 }).map((lines) => lines.join('\n'));

describe('repairOcrText properties', () => {
  it('changes nothing in a text without damage', () => {
    fc.assert(
      fc.property(document, (text) => {
        const result = repairOcrText(text);
        expect(result.repairs).toEqual([]);
        expect(result.text).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every line and every word of a damaged text, and its repairs rebuild it either way', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (clean, seed) => {
        const damaged = damageLikeOcr(clean, seed);
        const result = repairOcrText(damaged);
        const lines = (text: string) => text.split('\n').map((one) => one.split(/\s+/).length);
        expect(lines(result.text)).toEqual(lines(damaged));
        expect(applyRepairs(damaged, result.repairs, new Set())).toBe(result.text);
        expect(applyRepairs(damaged, result.repairs, new Set(result.repairs.map((repair) => repair.id)))).toBe(damaged);
        for (const repair of result.repairs) {
          expect(damaged.slice(repair.offset, repair.offset + repair.from.length)).toBe(repair.from);
          expect(damaged.slice(0, repair.offset).split('\n').length).toBe(repair.line);
        }
      }),
      { numRuns: 150 },
    );
  });
});
