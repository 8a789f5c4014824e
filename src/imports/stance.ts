import type { ProposedField, ProposedSection, Stance } from './proposal';
import { plainText } from '../statements/statement-body';
import { fold } from './import-text';

/**
 * The stance, where the text states one in so many words. "Förvaltningen är positiv" is not a
 * stance: only the verbs the statement's stances are named by count. The Förslag till beslut and
 * the synpunkter are read first; a stance found elsewhere is marked low.
 */
const PATTERNS: ReadonlyArray<[Stance, RegExp]> = [
  ['tillstyrker_med_andringar', /\btillstyrk\w*\b[^.]{0,80}\bmed\b[^.]{0,30}\b(andringar|andringsforslag|reservationer|forbehall)\b/],
  ['avstyrker', /\bavstyrk\w*/],
  ['tillstyrker', /\btillstyrk\w*/],
  ['inga_synpunkter', /\b(inga synpunkter|avstar fran att yttra|lamnar inga synpunkter)\b/],
];

const FIRST_READ = new Set(['forslag-till-beslut', 'forvaltningens-synpunkter']);

export function stanceOf(sections: readonly ProposedSection[]): ProposedField<Stance | null> {
  const ordered = [...sections.filter((s) => FIRST_READ.has(s.key)), ...sections.filter((s) => !FIRST_READ.has(s.key))];
  for (const section of ordered) {
    const text = fold(plainText(section.body));
    for (const [stance, pattern] of PATTERNS) {
      if (pattern.test(text)) return { value: stance, confidence: FIRST_READ.has(section.key) ? 'high' : 'low', source: section.source };
    }
  }
  return { value: null, confidence: 'low', source: null };
}
