import type { PutStatementInput } from './statements.schemas';
import type { StatementView } from './statements.service';

/**
 * The statement as a whole-statement save (PUT …/statement) would write it back unchanged: the
 * starting point of the editor's structural changes (add an own section, move one, remove one),
 * each of which is then one ordinary save with the statement's ETag.
 */
export function wholeStatement(view: StatementView): PutStatementInput {
  const { statement, sections } = view;
  return {
    header: statement.header,
    signatories: statement.signatories,
    enclosures: statement.enclosures,
    stance: statement.stance,
    sections: sections.map((s) => ({ key: s.key, heading: s.heading, body: s.body, stance: s.stance })),
  };
}

export function moveSection(input: PutStatementInput, key: string, direction: 'up' | 'down'): PutStatementInput {
  const sections = [...input.sections];
  const from = sections.findIndex((s) => s.key === key);
  const to = from + (direction === 'up' ? -1 : 1);
  if (from < 0 || to < 0 || to >= sections.length) return input;
  [sections[from], sections[to]] = [sections[to], sections[from]];
  return { ...input, sections };
}

export function removeSection(input: PutStatementInput, key: string): PutStatementInput {
  return { ...input, sections: input.sections.filter((s) => s.key !== key) };
}

/** An own section's key: "egen-" and its heading in ASCII ("Vår egen fråga" → egen-var-egen-fraga), unique in the statement. */
export function ownSectionKey(heading: string, taken: ReadonlySet<string>): string {
  const slug =
    heading
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'avsnitt';
  let key = `egen-${slug}`;
  for (let n = 2; taken.has(key); n++) key = `egen-${slug}-${n}`;
  return key;
}

/** An own section, empty, last; answers the new input and the section's key (the editor opens it next). */
export function addOwnSection(input: PutStatementInput, heading: string): { input: PutStatementInput; key: string } {
  const key = ownSectionKey(heading, new Set(input.sections.map((s) => s.key)));
  return { key, input: { ...input, sections: [...input.sections, { key, heading, body: [], stance: null }] } };
}

/**
 * Where a catalogue section belongs among the statement's: before the first catalogue section the
 * catalogue places after it (own sections have no place of their own), else last.
 */
export function cataloguePlace(sections: ReadonlyArray<{ key: string }>, key: string, positions: ReadonlyMap<string, number>): number {
  const own = positions.get(key) ?? Infinity;
  const at = sections.findIndex((s) => (positions.get(s.key) ?? -Infinity) > own);
  return at < 0 ? sections.length : at;
}

/** A catalogue section the statement lacks (a required one made required after the draft began), empty, at its catalogue place. */
export function addCatalogueSection(input: PutStatementInput, section: { key: string; heading: string }, positions: ReadonlyMap<string, number>): PutStatementInput {
  if (input.sections.some((s) => s.key === section.key)) return input;
  const sections = [...input.sections];
  sections.splice(cataloguePlace(sections, section.key, positions), 0, { key: section.key, heading: section.heading, body: [], stance: null });
  return { ...input, sections };
}
