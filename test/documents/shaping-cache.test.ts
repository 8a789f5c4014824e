import { fonts, MAX_SHAPED_WORDS } from '../../src/documents/fonts';
import { renderStatementPdf } from '../../src/documents/render-statement';
import { sodermalmStatement } from './statement-fixtures';

/*
 * A PDF worker renders documents for days, and every save of a statement with a new number or date
 * in it brings words no document had before. PDFKit's shaping cache, shared by the documents of a
 * worker, kept a fontkit GlyphRun for each of them for good: the worker's heap grew by about 3.5 KB
 * per new word (the soak bench: 34 → 60 MB in ten minutes). It is bounded now, without changing a byte
 * of what is printed.
 */
const CREATED = new Date('2020-11-19T09:30:00Z');
const shapedWords = () => Object.keys(fonts().regular.layoutCache).length;

test('the shaping cache shared by the documents of a worker stays bounded, and the PDFs stay the same', async () => {
  const model = sodermalmStatement();
  const before = await renderStatementPdf(model, { creationDate: CREATED });

  // One statement with more distinct words than the cache keeps, as many saves with a new number would bring.
  const text = Array.from({ length: MAX_SHAPED_WORDS + 500 }, (_, i) => `ärende${1_765_050_000 + i}`).join(' ');
  const wordy = sodermalmStatement({ sections: [{ heading: 'Diarienummer', stance: null, body: [{ type: 'paragraph', content: [{ text }] }] }] });
  await renderStatementPdf(wordy, { creationDate: CREATED });
  expect(shapedWords()).toBeGreaterThan(MAX_SHAPED_WORDS);

  // The next document starts a fresh cache: it holds that document's words, not every word seen before.
  const after = await renderStatementPdf(model, { creationDate: CREATED });
  expect(shapedWords()).toBeLessThan(MAX_SHAPED_WORDS / 4);
  expect(after.equals(before)).toBe(true);
});
