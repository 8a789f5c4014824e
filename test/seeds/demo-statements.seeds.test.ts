import { OSTERMALM_STATEMENT } from '../../src/demo/demo-statement-000-ostermalm';
import { HASSELBY_VALLINGBY_STATEMENT } from '../../src/demo/demo-statement-001-hasselby-vallingby';
import { SOCIALNAMNDEN_STATEMENT } from '../../src/demo/demo-statement-002-socialnamnden';
import { SODERMALM_STATEMENT } from '../../src/demo/demo-statement-003-sodermalm';
import { NOT_PRINTED, type DemoStatement } from '../../src/demo/demo-statement-content';
import type { Block, Inline } from '../../src/statements/statement-body';
import { fold, ocrSource, readSeed } from './seed-text';

/*
 * The demo statements (src/demo/demo-statement-*.ts) against the published documents they stand
 * for: the facts must be the seed's, the prose must not be.
 */
const DEMOS: readonly DemoStatement[] = [OSTERMALM_STATEMENT, HASSELBY_VALLINGBY_STATEMENT, SOCIALNAMNDEN_STATEMENT, SODERMALM_STATEMENT];
const MAX_SHARED_RUN = 11;

/** Each paragraph, list item and footnote on its own, plus the decision text: the prose to check (sub-headings are the seed's headings, checked as such). */
function proseUnits(demo: DemoStatement): string[] {
  const units: string[] = [demo.decision.decisionText];
  const addRuns = (content: Inline[]) => {
    units.push(content.map((inline) => ('text' in inline ? inline.text : '')).join(''));
    for (const inline of content) if ('footnote' in inline) units.push(inline.footnote);
  };
  const addBlock = (block: Block) => {
    if (block.type === 'paragraph') return addRuns(block.content);
    if (block.type === 'subheading') return;
    for (const item of block.items) {
      addRuns(item.content);
      for (const child of item.children?.items ?? []) addRuns(child.content);
    }
  };
  for (const section of demo.sections) section.body.forEach(addBlock);
  // A web address in a footnote is a reference, not prose.
  return units.map((unit) => unit.replace(/https?:\/\/\S+/g, ' ')).filter((unit) => unit.trim() !== '');
}

/** Words in folded form; the OCR's "6kad", "&r" and a lone "1" read as "okad", "ar" and "i". */
function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9&]+/)
    .filter(Boolean)
    .map((word) => (word === '1' ? 'i' : word.replace(/&/g, 'a').replace(/(?<=[a-z])[60]|[60](?=[a-z])/g, 'o')));
}

/** Letters the OCR swaps for one another (ä → a/e/i/d, å → a/d, ö → o/6 …), after folding. */
const OCR_CONFUSABLE = new Set(['a', 'e', 'i', 'o', 'd']);

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Deliberately generous, so that an OCR-damaged seed still catches a copied sentence. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length && [...a].every((ch, k) => ch === b[k] || (OCR_CONFUSABLE.has(ch) && OCR_CONFUSABLE.has(b[k]!)))) return true;
  return Math.min(a.length, b.length) >= 4 && editDistanceAtMostOne(a, b);
}

/** The longest run of consecutive words two texts share. */
function longestSharedRun(text: string[], seed: string[]): number {
  let best = 0;
  let previous = new Array<number>(seed.length + 1).fill(0);
  for (const word of text) {
    const current = new Array<number>(seed.length + 1).fill(0);
    for (let j = 0; j < seed.length; j++) {
      if (sameWord(word, seed[j]!)) {
        current[j + 1] = previous[j]! + 1;
        if (current[j + 1]! > best) best = current[j + 1]!;
      }
    }
    previous = current;
  }
  return best;
}

const SWEDISH_DATE = /\b\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?: \d{4})?\b/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const CASE_NUMBER = /\bKS \d{4}\/\d+\b|\b\d+(?:\.\d+)+-\d+\/\d{4}\b/g;

/** Every text of the statement that may state a fact: header (but the remiss Dnr, see below), prose, bilagor. */
function factText(demo: DemoStatement): string {
  const { header } = demo;
  return [header.title, header.subtitle ?? '', header.ownCaseNumber ?? '', ...proseUnits(demo), ...demo.enclosures.map((e) => e.title)].join('\n');
}

const appearsIn = (seed: string, text: string) => new RegExp(ocrSource(text)).test(fold(seed));

describe.each(DEMOS.map((demo) => [demo.seed, demo] as const))('demo statement %s against its seed', (prefix, demo) => {
  const seed = readSeed(prefix);

  it('has the seed’s section headings and sub-headings, in the seed’s order', () => {
    const lines = seed.split('\n').map((line) => fold(line));
    let from = 0;
    const missing: string[] = [];
    const headings = demo.sections.flatMap((section) => [section.heading, ...section.body.flatMap((block) => (block.type === 'subheading' ? [block.text] : []))]);
    for (const heading of headings) {
      const pattern = new RegExp(`^${ocrSource(heading)}$`);
      const at = lines.findIndex((line, index) => index >= from && pattern.test(line));
      if (at < 0) missing.push(heading);
      else from = at + 1;
    }
    expect(missing).toEqual([]);
  });

  it('uses only dates and Dnr the seed prints, apart from the ones marked as assumed', () => {
    const text = factText(demo);
    const dates = [...(text.match(ISO_DATE) ?? []), ...(text.match(SWEDISH_DATE) ?? [])];
    if (!demo.headerDateAssumed) dates.push(demo.header.date);
    dates.push(...demo.approvals.filter((a) => !a.assumed).map((a) => a.date));
    if (!demo.decision.assumed) dates.push(demo.decision.meetingDate);
    const caseNumbers = text.match(CASE_NUMBER) ?? [];
    expect(dates.filter((date) => !appearsIn(seed, date))).toEqual([]);
    expect(caseNumbers.filter((dnr) => !appearsIn(seed, dnr))).toEqual([]);
    // The remiss Dnr in the header is the registered remiss's; it must be printed wherever the seed cites a KS number.
    if (/\bks \d{4}\/\d+/.test(fold(seed))) expect(appearsIn(seed, demo.header.remissCaseNumber)).toBe(true);
  });

  it('names the people, bodies and bilagor as printed', () => {
    const { officer } = demo.header;
    const printed = [
      // Where the seed prints no handläggare, the demo's fictional one stands in (a demo address).
      ...(officer.name === NOT_PRINTED || officer.email?.endsWith('@demo.remiss.invalid') ? [] : [officer.name!]),
      ...(officer.phone ? [officer.phone] : []),
      demo.header.to,
      ...(demo.header.department ? [demo.header.department] : []),
      ...demo.signatories.flatMap((s) => (s.name === NOT_PRINTED ? [s.title] : [s.name!, s.title])),
      ...demo.approvals.filter((a) => !a.assumed).map((a) => `${a.name}, ${a.title}`),
      ...demo.enclosures.map((e) => e.title.replace(/\.$/, '')),
    ];
    expect(printed.filter((fact) => !appearsIn(seed, fact))).toEqual([]);
  });

  it(`paraphrases: no paragraph shares more than ${MAX_SHARED_RUN} consecutive words with the seed`, () => {
    const seedWords = words(seed);
    const copied = proseUnits(demo)
      .map((unit) => ({ unit, run: longestSharedRun(words(unit), seedWords) }))
      .filter(({ run }) => run > MAX_SHARED_RUN);
    expect(copied).toEqual([]);
  });
});

describe('the copy check itself', () => {
  it('reads OCR damage as the letters it stands for', () => {
    expect([['6kad', 'ökad'], ['&r', 'är'], ['1', 'i'], ['véald', 'våld'], ['dn', 'än'], ['ndmnden', 'nämnden']].every(([ocr, word]) => sameWord(words(ocr!)[0]!, words(word!)[0]!))).toBe(true);
    expect(sameWord('och', 'men')).toBe(false);
  });

  it('catches a copied run of words from a seed', () => {
    const seedWords = words(readSeed('003'));
    const window = seedWords.slice(200, 215);
    expect(longestSharedRun(window, seedWords)).toBeGreaterThanOrEqual(15);
    expect(longestSharedRun(['qqq', ...window.slice(0, 12), 'zzz'], seedWords)).toBe(12);
  });

  it('covers all four seeds, one statement each', () => {
    expect(DEMOS.map((demo) => demo.seed)).toEqual(['000', '001', '002', '003']);
  });
});
