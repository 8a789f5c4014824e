import fc from 'fast-check';
import { proposeFromText } from '../../src/imports/propose-from-text';
import { plainText, sectionBodySchema } from '../../src/statements/statement-body';
import { CATALOGUE } from './catalogue';

/*
 * Statements built at random from known parts, printed the way a PDF's text layer gives them
 * (lines wrapped at some width, running headers where a page breaks, even mid-sentence), must come
 * back with the same sections, the same words in the same order, and bodies the editor accepts.
 */
const WORDS = ['planen', 'staden', 'barn', 'arbetet', 'förvaltningen', 'nämnden', 'mål', 'insatser', 'stöd', 'och', 'för', 'med', 'att', 'som', 'ska', 'har', 'är', 'en', 'ett', 'på', 'till', 'under', 'skolan', 'parkleken', 'uppföljningen', 'budgeten', 'samverkan', 'året'];

const sentence = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((words) => `${words[0][0].toUpperCase()}${words[0].slice(1)}${words.length > 1 ? ' ' : ''}${words.slice(1).join(' ')}.`);

type GeneratedBlock = { kind: 'paragraph'; text: string } | { kind: 'bullet' | 'numbered'; items: string[] };
const block: fc.Arbitrary<GeneratedBlock> = fc.oneof(
  sentence(3, 40).map((text) => ({ kind: 'paragraph' as const, text })),
  fc.record({ kind: fc.constantFrom('bullet' as const, 'numbered' as const), items: fc.array(sentence(2, 14), { minLength: 1, maxLength: 4 }) }),
);
/** Two lists of one kind with only a blank line between are one list in a PDF's text too. */
function mergeLists(blocks: GeneratedBlock[]): GeneratedBlock[] {
  const merged: GeneratedBlock[] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && last.kind !== 'paragraph' && last.kind === b.kind) last.items = [...last.items, ...(b as { items: string[] }).items];
    else merged.push(b.kind === 'paragraph' ? b : { kind: b.kind, items: [...b.items] });
  }
  return merged;
}

const statement = fc.record({
  sections: fc
    .subarray(CATALOGUE, { minLength: 1 })
    .chain((entries) => fc.tuple(...entries.map((entry) => fc.array(block, { minLength: 1, maxLength: 3 }).map((blocks) => ({ entry, blocks: mergeLists(blocks) }))))),
  width: fc.integer({ min: 30, max: 90 }),
  breaks: fc.array(fc.nat(), { maxLength: 4 }),
});

function wrap(text: string, width: number, firstPrefix = '', prefix = ''): string[] {
  const lines: string[] = [];
  let current = firstPrefix;
  for (const word of text.split(' ')) {
    if (current.trim() && current.length + word.length + 1 > width) {
      lines.push(current);
      current = prefix;
    }
    current += current && !current.endsWith(' ') ? ` ${word}` : word;
  }
  lines.push(current);
  return lines;
}

function render(generated: { sections: Array<{ entry: { heading: string }; blocks: GeneratedBlock[] }>; width: number; breaks: number[] }): string {
  const lines: string[] = [];
  for (const { entry, blocks } of generated.sections) {
    lines.push(entry.heading);
    for (const b of blocks) {
      if (b.kind === 'paragraph') lines.push(...wrap(b.text, generated.width));
      else b.items.forEach((item, i) => lines.push(...wrap(item, generated.width, b.kind === 'bullet' ? '• ' : `${i + 1}. `)));
      lines.push('');
    }
  }
  // Page breaks, never before the first heading: each a running header on a line of its own.
  const at = [...new Set(generated.breaks.map((n) => 1 + (n % lines.length)))].sort((a, b) => b - a);
  at.forEach((index, page) => lines.splice(index, 0, `\fTjänsteutlåtande Dnr ABC 2024/17 Sida ${page + 2} (9)`));
  return lines.join('\n');
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('proposeFromText on generated statements', () => {
  it('gives back the sections, their words in order and valid bodies, without the running headers', () => {
    fc.assert(
      fc.property(statement, (generated) => {
        const proposal = proposeFromText(render(generated), { catalogue: CATALOGUE });
        expect(proposal.sections.map((s) => s.key)).toEqual(generated.sections.map((s) => s.entry.key));
        proposal.sections.forEach((section, index) => {
          expect(sectionBodySchema.safeParse(section.body).error).toBeUndefined();
          const expected = generated.sections[index].blocks.flatMap((b) => (b.kind === 'paragraph' ? words(b.text) : b.items.flatMap(words)));
          expect(words(plainText(section.body))).toEqual(expected);
          expect(section.body.map((b) => b.type)).toEqual(generated.sections[index].blocks.map((b) => (b.kind === 'paragraph' ? 'paragraph' : `${b.kind}_list`)));
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('proposeFromText on any text', () => {
  const pieces = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('\n', '\n\n', '\f', ' ', '1. ', '• ', '  o ', 'e ', '1 ', '-', '**', '?', 'Sammanfattning\n', 'Bilagor\n', 'Attesterat av\n', 'Till\n', 'Dnr KS 2024/1', 'Sida 2 (3)', 'Tjänsteutlåtande Dnr KS 2024/1 Sida 2 (3)', 'Avdelningschef', 'Anna Berg'),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
  );

  it('never throws, and its bodies are valid wherever all of its characters can be printed', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const proposal = proposeFromText(parts.join(''), { catalogue: CATALOGUE });
        for (const section of proposal.sections) {
          const issues = sectionBodySchema.safeParse(section.body).error?.issues ?? [];
          const unprintable = issues.filter((issue) => issue.message.includes('cannot print'));
          expect(issues.length - unprintable.length).toBe(0);
          if (unprintable.length) expect(proposal.unprintable.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
