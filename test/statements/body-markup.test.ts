import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MARKUP_HELP, bodyToMarkup, canonicalBody, markupToBody, type MarkupError } from '../../src/statements/body-markup';
import { sectionBodySchema, type Block, type Inline } from '../../src/statements/statement-body';

/* The statement editor without JavaScript: a section body as text in a textarea and back. */

function body(markup: string): Block[] {
  const result = markupToBody(markup);
  if ('errors' in result) throw new Error(`expected a body, got ${JSON.stringify(result.errors)}`);
  return result.body;
}

function errors(markup: string): MarkupError[] {
  const result = markupToBody(markup);
  if ('body' in result) throw new Error(`expected errors, got ${JSON.stringify(result.body)}`);
  return result.errors;
}

const paragraph = (...content: Inline[]): Block => ({ type: 'paragraph', content });

describe('what a user types', () => {
  it('blank lines separate paragraphs; a single line break stays in the paragraph as "\\n"', () => {
    expect(body('Förvaltningen tillstyrker.\nMed en rad till.\n\n\n   Andra stycket.   ')).toEqual([
      paragraph({ text: 'Förvaltningen tillstyrker.\nMed en rad till.' }),
      paragraph({ text: 'Andra stycket.' }),
    ]);
  });

  it('a browser sends CRLF; it reads as plain line breaks', () => {
    expect(body('Rad ett\r\nrad två\r\n\r\nNytt stycke')).toEqual([paragraph({ text: 'Rad ett\nrad två' }), paragraph({ text: 'Nytt stycke' })]);
  });

  it('a sub-heading is "## " and the rest of its line, taken literally', () => {
    expect(body('## Förvaltningens synpunkter\nFörvaltningen tillstyrker.\n\n## Fråga 3 *viktig*')).toEqual([
      { type: 'subheading', text: 'Förvaltningens synpunkter' },
      paragraph({ text: 'Förvaltningen tillstyrker.' }),
      { type: 'subheading', text: 'Fråga 3 *viktig*' },
    ]);
  });

  it('a nested list: two spaces (or a tab) in, either kind, one list per item', () => {
    expect(body('1. Trafiken\n  - Gång och cykel\n  - Kollektivtrafik\n2. Grönområden\n\t1. Parker\n    2. Skog')).toEqual([
      {
        type: 'numbered_list',
        items: [
          { content: [{ text: 'Trafiken' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'Gång och cykel' }] }, { content: [{ text: 'Kollektivtrafik' }] }] } },
          { content: [{ text: 'Grönområden' }], children: { type: 'numbered_list', items: [{ content: [{ text: 'Parker' }] }, { content: [{ text: 'Skog' }] }] } },
        ],
      },
    ]);
  });

  it('a line that is no item continues the item above; a blank line ends the list; numbers are recounted', () => {
    expect(body('- Första punkten\n  som fortsätter\n- Andra\n\n7. Sju\n7. Sju igen\n\nEtt stycke')).toEqual([
      { type: 'bullet_list', items: [{ content: [{ text: 'Första punkten\nsom fortsätter' }] }, { content: [{ text: 'Andra' }] }] },
      { type: 'numbered_list', items: [{ content: [{ text: 'Sju' }] }, { content: [{ text: 'Sju igen' }] }] },
      paragraph({ text: 'Ett stycke' }),
    ]);
    expect(bodyToMarkup(body('7. Sju\n7. Sju igen'))).toBe('1. Sju\n2. Sju igen');
  });

  it('bold in the middle of a word, italic, and both', () => {
    expect(body('halv**fet** och *kursiv* och ***båda***')).toEqual([
      paragraph({ text: 'halv' }, { text: 'fet', bold: true }, { text: ' och ' }, { text: 'kursiv', italic: true }, { text: ' och ' }, { text: 'båda', bold: true, italic: true }),
    ]);
  });

  it('bold may run over a line break and a footnote inside it', () => {
    expect(body('**Viktigt\nhela vägen^[Se bilaga.] hit**')).toEqual([paragraph({ text: 'Viktigt\nhela vägen', bold: true }, { footnote: 'Se bilaga.' }, { text: ' hit', bold: true })]);
  });

  it('a footnote stands where it is typed; its brackets pair up, stars in it are text', () => {
    expect(body('Enligt lagen^[SFS 2017:725 [kommunallagen], *se* 6 kap.] ska nämnden yttra sig.')).toEqual([
      paragraph({ text: 'Enligt lagen' }, { footnote: 'SFS 2017:725 [kommunallagen], *se* 6 kap.' }, { text: ' ska nämnden yttra sig.' }),
    ]);
    expect(body('Not^[ med mellanslag ]')).toEqual([paragraph({ text: 'Not' }, { footnote: 'med mellanslag' })]);
  });

  it('a backslash makes markup text; before a letter it is text itself', () => {
    expect(body('5 \\* 3 \\^[ej not] C:\\Dokument \\\\')).toEqual([paragraph({ text: '5 * 3 ^[ej not] C:\\Dokument \\' })]);
    expect(body('\\- inte en punkt\n\\## inte en rubrik\n2024\\. Året')).toEqual([paragraph({ text: '- inte en punkt\n## inte en rubrik\n2024. Året' })]);
    expect(body('^[en \\] i en not]')).toEqual([paragraph({ footnote: 'en ] i en not' })]);
    expect(body('\\ indraget\\ ')).toEqual([paragraph({ text: ' indraget ' })]);
  });

  it('the writer escapes only what would be taken for markup', () => {
    const written = bodyToMarkup([
      paragraph({ text: '- inte en punkt, 5 * 3 och C:\\Dokument' }),
      paragraph({ text: ' mellanslag ' }, { text: 'fet', bold: true }, { text: 'efter^[', italic: true }),
      { type: 'bullet_list', items: [{ content: [{ text: '# punkt\n- fortsättning\n\nefter tom rad' }] }] },
    ]);
    expect(written).toBe('\\- inte en punkt, 5 \\* 3 och C:\\Dokument\n\n\\ mellanslag **fet***efter\\^[*\n\n- # punkt\n  \\- fortsättning\n  \\\n  efter tom rad');
  });

  it('writes a typical section the way a user would type it', () => {
    const section: Block[] = [
      { type: 'subheading', text: 'Bakgrund' },
      paragraph({ text: 'Förvaltningen ' }, { text: 'tillstyrker', bold: true }, { text: ' förslaget' }, { footnote: 'Se bilaga 1.' }, { text: '.' }),
      { type: 'bullet_list', items: [{ content: [{ text: 'Trygghet' }], children: { type: 'numbered_list', items: [{ content: [{ text: 'Belysning' }] }] } }, { content: [{ text: 'Kostnader' }] }] },
    ];
    expect(bodyToMarkup(section)).toBe('## Bakgrund\n\nFörvaltningen **tillstyrker** förslaget^[Se bilaga 1.].\n\n- Trygghet\n  1. Belysning\n- Kostnader');
  });
});

describe('errors name their line, in Swedish', () => {
  it('a third level of list', () => {
    expect(errors('## Listan\n\nInledning.\n\n- Ett\n  - Ett a\n    - Ett a i\n- Två')).toEqual([{ line: 7, message: 'Rad 7: en lista kan bara ha en nivå av underpunkter.' }]);
  });

  it('bold, italic or a footnote left open, on the line where it opened', () => {
    expect(errors('Första\n\nDet är **viktigt\noch mer')).toEqual([
      { line: 3, message: 'Rad 3: fetstilen som börjar med ** avslutas aldrig. Avsluta den med ** eller skriv \\*\\* om du menar stjärnorna som text.' },
    ]);
    expect(errors('5 * 3 = 15')[0].message).toMatch(/^Rad 1: den kursiva stilen som börjar med \* avslutas aldrig/);
    expect(errors('Text\nmer^[en not\n\nsom aldrig slutar')).toEqual([{ line: 2, message: 'Rad 2: fotnoten som börjar med ^[ avslutas aldrig med ]. Skriv \\^[ om du menar tecknen som text.' }]);
  });

  it('items of two kinds under one item, an empty item, several errors in line order', () => {
    expect(errors('- Ett\n  - a\n  1. b\n-\n\n**x')).toEqual([
      { line: 3, message: 'Rad 3: underpunkterna under en punkt måste vara av samma slag: alla med - eller alla numrerade.' },
      { line: 4, message: 'Rad 4: punkten är tom. Skriv punktens text efter - på samma rad.' },
      { line: 6, message: expect.stringMatching(/^Rad 6: fetstilen/) },
    ]);
  });

  it("the schema's limits, in Swedish: an over-long or empty sub-heading, an empty footnote or paragraph", () => {
    expect(errors(`Text\n\n## ${'Å'.repeat(201)}`)).toEqual([{ line: 3, message: 'Rad 3: rubriken är för lång: högst 200 tecken (den har 201).' }]);
    expect(errors('Text\n\n##')).toEqual([{ line: 3, message: 'Rad 3: rubriken är tom. Skriv rubrikens text efter ##.' }]);
    expect(errors('Text ^[  ]')).toEqual([{ line: 1, message: 'Rad 1: fotnoten är tom. Skriv dess text mellan ^[ och ].' }]);
    expect(errors('Text\n\n****\n\n- ****')).toEqual([
      { line: 3, message: 'Rad 3: stycket har ingen text.' },
      { line: 5, message: 'Rad 5: punkten har ingen text.' },
    ]);
  });

  it('a list past its limit is named at the first item too many', () => {
    const items = Array.from({ length: 201 }, (_, index) => `- Punkt ${index + 1}`).join('\n');
    expect(errors(`Inledning\n\n${items}`)).toEqual([{ line: 203, message: 'Rad 203: en lista kan ha högst 200 punkter.' }]);
  });

  it('a character the documents cannot print: the printable rule, in Swedish, on its own line', () => {
    expect(errors('Första raden\nandra ✓ raden\n\n- ok^[not med 😀]')).toEqual([
      { line: 2, message: 'Rad 2: texten innehåller tecken som inte kan skrivas ut i dokumenten: U+2713 ✓. Latinska (även samiska), grekiska, kyrilliska och hebreiska bokstäver går bra.' },
      { line: 4, message: expect.stringContaining('Rad 4: texten innehåller tecken som inte kan skrivas ut i dokumenten: U+1F600') },
    ]);
  });

  it('a section that is too long as a whole has no one line to name', () => {
    const long = Array.from({ length: 6 }, () => 'x'.repeat(9_000)).join('\n\n');
    expect(errors(long)).toEqual([{ line: null, message: 'Texten är för lång: 54\u00a0005 tecken, högst 50\u00a0000.' }]);
  });
});

describe('round trips', () => {
  // Text that is markup somewhere: stars, backslashes, carets and brackets, line-start markers,
  // digits and dots, spaces and tabs (also at the ends), line breaks (also CR), Swedish letters.
  const textUnit = fc.constantFrom('a', 'b', 'å', 'ä', 'Ö', 'é', 'λ', 'ж', ' ', ' ', '\t', '\u00a0', '\n', '\r', '*', '\\', '^', '[', ']', '#', '-', '1', '.', '_', '`', 'x');
  const text = fc.string({ unit: textUnit, minLength: 1, maxLength: 14 });
  const mark = fc.constantFrom(undefined, true, false);
  const run = fc.tuple(text, mark, mark).map(([value, bold, italic]): Inline => ({ text: value, ...(bold === undefined ? {} : { bold }), ...(italic === undefined ? {} : { italic }) }));
  const footnote = text.filter((value) => value.trim() !== '').map((value): Inline => ({ footnote: value }));
  const inlines = fc.array(fc.oneof({ arbitrary: run, weight: 3 }, { arbitrary: footnote, weight: 1 }), { minLength: 1, maxLength: 6 });
  const listType = fc.constantFrom('bullet_list' as const, 'numbered_list' as const);
  const innerList = fc.record({ type: listType, items: fc.array(fc.record({ content: inlines }), { minLength: 1, maxLength: 3 }) });
  const item = fc.tuple(inlines, fc.option(innerList, { nil: undefined })).map(([content, children]) => (children ? { content, children } : { content }));
  const subheadingText = fc.string({ unit: fc.constantFrom('a', 'Å', ' ', '\t', '*', '\\', '#', '-', '1', '.', '^', '['), minLength: 1, maxLength: 20 }).filter((value) => value.trim() !== '');
  const block: fc.Arbitrary<Block> = fc.oneof(
    inlines.map((content): Block => ({ type: 'paragraph', content })),
    subheadingText.map((value): Block => ({ type: 'subheading', text: value })),
    fc.tuple(listType, fc.array(item, { minLength: 1, maxLength: 4 })).map(([type, items]): Block => ({ type, items })),
  );
  const validBody = fc.array(block, { maxLength: 6 }).filter((blocks) => sectionBodySchema.safeParse(blocks).success);

  it('any valid body → markup → body is the canonical body', () => {
    fc.assert(
      fc.property(validBody, (blocks) => {
        const markup = bodyToMarkup(blocks);
        expect(markupToBody(markup)).toStrictEqual({ body: canonicalBody(blocks) });
        // As a browser sends the textarea back.
        expect(markupToBody(markup.replace(/\n/g, '\r\n'))).toStrictEqual({ body: canonicalBody(blocks) });
      }),
      { numRuns: 1000 },
    );
  });

  // What a user might type: the format's own pieces in any order.
  const markupToken = fc.constantFrom('a', 'ö', ' ', '\t', '\n', '\n\n', '\r\n', '*', '**', '\\', '^[', '[', ']', '#', '## ', '- ', '  - ', '    - ', '1. ', '  2. ', '.', '9', 'C:\\x', '✓');
  const typed = fc.array(markupToken, { maxLength: 30 }).map((tokens) => tokens.join(''));

  it('whatever is typed reads as a body whose markup is stable, or as errors naming real lines', () => {
    fc.assert(
      fc.property(typed, (markup) => {
        const result = markupToBody(markup);
        if ('body' in result) {
          const written = bodyToMarkup(result.body);
          expect(markupToBody(written)).toStrictEqual({ body: result.body });
          expect(bodyToMarkup(body(written))).toBe(written);
        } else {
          const lineCount = markup.split(/\r\n?|\n/).length;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(error.line === null || (error.line >= 1 && error.line <= lineCount)).toBe(true);
            if (error.line !== null) expect(error.message.startsWith(`Rad ${error.line}: `)).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('canonicalBody merges runs with equal marks and drops false marks', () => {
    expect(canonicalBody([paragraph({ text: 'a', bold: false }, { text: 'b' }, { text: 'c', bold: true, italic: false }, { text: 'd', bold: true }, { footnote: ' n ' }, { text: 'e', bold: true })])).toStrictEqual([
      paragraph({ text: 'ab' }, { text: 'cd', bold: true }, { footnote: 'n' }, { text: 'e', bold: true }),
    ]);
  });
});

describe('the help beside the textarea and the user documentation', () => {
  it('every example in MARKUP_HELP reads without errors', () => {
    for (const entry of MARKUP_HELP) expect(markupToBody(entry.example)).toHaveProperty('body');
    expect(body(MARKUP_HELP.find((entry) => entry.title === 'Tecken som text')!.example)).toEqual([paragraph({ text: '5 * 3 och ^[ och \\' })]);
  });

  it('every example in docs/redigeringsformat.md reads without errors and is written back as typed', () => {
    const documentation = readFileSync(path.join(__dirname, '../../docs/redigeringsformat.md'), 'utf8');
    const examples = [...documentation.matchAll(/```text\n([\s\S]*?)\n```/g)].map((match) => match[1]);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) expect(bodyToMarkup(body(example))).toBe(example);
  });
});
