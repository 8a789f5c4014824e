import type { Confidence } from './proposal';
import { editDistance, fold } from './import-text';

/**
 * Section headings mapped to the catalogue. The catalogue's own headings match, and so do the
 * variants the förvaltningar write ("Förvaltningens förslag till beslut", "Synpunkter och
 * förslag"). Matching is accent-insensitive, so OCR'd "Forvaltningens synpunkter" still maps; a
 * heading one or two letters off maps too, with low confidence.
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  'forslag-till-beslut': ['forslag till beslut', 'forvaltningens forslag till beslut', 'forslag till beslut:'],
  sammanfattning: ['sammanfattning'],
  bakgrund: ['bakgrund'],
  'arendets-beredning': ['arendets beredning', 'beredning'],
  arendet: ['arendet'],
  jamstalldhetsanalys: ['jamstalldhetsanalys', 'jamstalldhetsperspektiv'],
  barnrattsperspektiv: ['barnrattsperspektiv', 'barnrattsanalys', 'barnrattsperspektivet'],
  'forvaltningens-synpunkter': [
    'forvaltningens synpunkter',
    'forvaltningens synpunkter och forslag',
    'synpunkter och forslag',
    'forvaltningens synpunkter och forslag till beslut',
    'forvaltningens bedomning',
  ],
};

export interface HeadingMatch {
  key: string;
  heading: string;
  confidence: Confidence;
}

export type HeadingMatcher = (line: string) => HeadingMatch | null;

/** Strips what a heading line may carry around its words: bold markers, a colon, a number ("3. Ärendet"). */
export function headingText(line: string): string {
  return line
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/^#{1,3}\s+/, '')
    .replace(/^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\p{Lu})/u, '')
    .replace(/\s*:$/, '')
    .trim();
}

export function headingMatcher(catalogue: ReadonlyArray<{ key: string; heading: string }>): HeadingMatcher {
  const forms: Array<{ form: string; key: string; heading: string }> = [];
  for (const entry of catalogue) {
    const variants = new Set([fold(entry.heading), ...(VARIANTS[entry.key] ?? [])]);
    for (const form of variants) forms.push({ form, key: entry.key, heading: entry.heading });
  }
  return (line) => {
    const text = fold(headingText(line));
    if (!text || text.length > 80) return null;
    const exact = forms.find((f) => f.form === text);
    if (exact) return { key: exact.key, heading: exact.heading, confidence: 'high' };
    // OCR: "Jdmstalldhetsanalys", "Arendets bercdning". Short headings ("Ärendet") must match exactly.
    let best: { key: string; heading: string; distance: number } | null = null;
    for (const f of forms) {
      const limit = f.form.length >= 18 ? 2 : f.form.length >= 10 ? 1 : 0;
      if (limit === 0) continue;
      const distance = editDistance(text, f.form, limit);
      if (distance <= limit && (!best || distance < best.distance)) best = { key: f.key, heading: f.heading, distance };
    }
    return best && { key: best.key, heading: best.heading, confidence: 'low' };
  };
}

/** Unknown headings with these endings head a section of their own, not a part of the one before. */
const SECTION_LIKE = /(analys|perspektiv|konsekvenser|bedomning|overvaganden|slutsatser|ekonomi|finansiering|remissvar|yttrande)$/;

export function looksLikeOwnSection(heading: string): boolean {
  return SECTION_LIKE.test(fold(heading).replace(/[^a-z ]/g, ''));
}
