import { sourceLines } from '../../src/imports/import-page-data';

/*
 * The source text beside the proposal: line by line, the repaired words marked where they stand,
 * and for a file read with its layout the reader's marks shown as what they stand for.
 */
const text = ['## Sammanfattning', 'Forvaltningen anser att planen **bör kompletteras**[^1] nu.', '\fNästa sida', '[^1]: En fotnot.'].join('\n');
const repair = { id: 0, from: 'Forvaltningen', to: 'Förvaltningen', offset: text.indexOf('Forvaltningen'), line: 2, realWord: false };

it('marks a repaired word where it stands, and a page break', () => {
  const lines = sourceLines(text, [repair], new Set());
  expect(lines[1].parts).toEqual([{ text: '' }, { text: 'Forvaltningen', repair: { to: 'Förvaltningen', undone: false } }, { text: ' anser att planen **bör kompletteras**[^1] nu.' }]);
  expect(lines[2]).toMatchObject({ number: 3, pageBreak: true, parts: [{ text: 'Nästa sida' }] });
  expect(sourceLines(text, [repair], new Set([0]))[1].parts[1].repair).toEqual({ to: 'Förvaltningen', undone: true });
});

it('shows a cued file’s marks as what they stand for: the heading in bold, bold text plain, footnotes as [1]', () => {
  const lines = sourceLines(text, [repair], new Set(), true);
  expect(lines[0]).toMatchObject({ heading: true, parts: [{ text: 'Sammanfattning' }] });
  expect(lines[1].parts.map((p) => p.text).join('')).toBe('Forvaltningen anser att planen bör kompletteras[1] nu.');
  expect(lines[3].parts[0].text).toBe('[1] En fotnot.');
});
