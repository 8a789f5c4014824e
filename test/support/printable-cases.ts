import type request from 'supertest';

/**
 * Text for the printable rule (issue 11 §1): what the embedded fonts cannot set ("✓", an emoji,
 * Arabic, CJK), each named in the 400 as "U+2713 ✓", and what they can (Latin with Sámi, Greek,
 * Cyrillic, Hebrew), which must be accepted and printed.
 */
export const UNPRINTABLE = 'Klart ✓ 😀 مرحبا 東京';
export const UNPRINTABLE_NAMES = ['U+2713 ✓', 'U+1F600 😀', 'U+0645 م', 'U+6771 東'];

/** One word of each script the fonts hold; pdftotext gives each back as written. */
export const PRINTABLE_WORDS = ['Ŋuorra', 'Ελλάδα', 'Москва', 'שלום'];
export const PRINTABLE = PRINTABLE_WORDS.join(' ');

/** The 400 of the rule: problem+json, exactly these fields, each message naming every character. */
export function expectRefused(res: request.Response, paths: string[], names: readonly string[] = UNPRINTABLE_NAMES): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const errors = res.body.errors as Array<{ path: string; message: string }>;
  expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
  for (const error of errors) {
    expect(error.message).toContain('cannot print');
    for (const name of names) expect(error.message).toContain(name);
  }
}

/** pdftotext marks right-to-left stretches with embedding controls (U+202A–U+202E): not text. */
export const withoutBidiControls = (text: string) => text.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');

export function expectPrinted(text: string, words: readonly string[] = PRINTABLE_WORDS): void {
  const plain = withoutBidiControls(text);
  for (const word of words) expect(plain).toContain(word);
  expect(plain).not.toContain('\u25a1');
}
