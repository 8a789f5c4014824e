import type { StatementSection } from '../statements/statement-section.entity';
import type { Statement, StatementHeader } from '../statements/statement.entity';
import { cataloguePlace } from '../statements/statement-structure';
import type { PutStatementInput, SectionInput } from '../statements/statements.schemas';
import type { Proposal, ProposedField } from './proposal';

/** The draft the proposal is fitted into, with the catalogue's places and required sections (as EditorView has them). */
export interface DraftInCatalogue {
  statement: Statement;
  sections: StatementSection[];
  cataloguePositions: ReadonlyMap<string, number>;
  requiredKeys: ReadonlySet<string>;
}

/**
 * The draft an accepted proposal makes: what the file said where it said it, and the draft's own
 * values where it said nothing (a header field not found, no signatories). The remiss's Dnr stays
 * the remiss's: a file of another remiss's answer does not move the draft to that Dnr. A section
 * the catalogue requires that the file lacks is kept as the draft has it, at its catalogue place: a
 * required section is never removed.
 */
export function statementFromProposal(proposal: Proposal, current: DraftInCatalogue): PutStatementInput {
  const found = <T>(field: ProposedField<T | null>, fallback: T): T => field.value ?? fallback;
  const was: StatementHeader = current.statement.header;
  const p = proposal.header;
  const header: StatementHeader = {
    administration: found(p.administration, was.administration),
    department: found(p.department, was.department),
    officer: officerOf(proposal, was.officer),
    to: found(p.to, was.to),
    date: found(p.date, was.date),
    ownCaseNumber: found(p.ownCaseNumber, was.ownCaseNumber),
    remissCaseNumber: was.remissCaseNumber,
    title: found(p.title, was.title),
    subtitle: found(p.subtitle, was.subtitle),
  };
  const sections: SectionInput[] = proposal.sections.map((s) => ({ key: s.key, heading: s.heading, body: s.body }));
  const imported = new Set(sections.map((s) => s.key));
  const position = current.cataloguePositions;
  const missing = current.sections.filter((kept) => current.requiredKeys.has(kept.key) && !imported.has(kept.key)).sort((a, b) => position.get(a.key)! - position.get(b.key)!);
  for (const kept of missing) sections.splice(cataloguePlace(sections, kept.key, position), 0, { key: kept.key, heading: kept.heading, body: kept.body, stance: kept.stance });
  return {
    header,
    sections,
    signatories: proposal.signatories.length ? proposal.signatories.map((s) => ({ name: s.name, title: s.title })) : current.statement.signatories,
    enclosures: proposal.enclosures.length ? proposal.enclosures.map((e) => ({ title: e.title })) : current.statement.enclosures,
    stance: proposal.stance.value ?? current.statement.stance,
  };
}

/**
 * The handläggare: the file's where it names one. The draft's phone and e-mail are its own
 * handläggare's, so they stay only with that person; the file's officer gets the file's details alone.
 */
function officerOf(proposal: Proposal, was: StatementHeader['officer']): StatementHeader['officer'] {
  const name = proposal.header.officerName.value;
  const phone = proposal.header.officerPhone.value;
  if (!name || name === was.name) return { name: was.name, phone: phone ?? was.phone, email: was.email };
  return { name, phone, email: null };
}
