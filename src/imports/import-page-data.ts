import type { PutStatementInput } from '../statements/statements.schemas';
import { bodyToMarkup } from '../statements/body-markup';
import { headerFormValues, SIGNATORY_ROWS } from '../statements/header-form-fields';
import { CUSTOM_SECTION_PREFIX } from '../statements/statements.service';
import type { Repair } from './ocr-repair';
import type { Proposal } from './proposal';

/** What a field the user must look at says beside its label. */
const CHECK = 'Kontrollera';

/** The form names of the proposal's sections: section1Body, section1Heading … in the proposal's order. */
export const sectionField = (index: number, part: 'Body' | 'Heading') => `section${index + 1}${part}`;

/** The proposal as the form's values: the header fields as on Uppgifter i huvudet, each section's text as markup. */
export function proposalFormValues(statement: PutStatementInput): Record<string, unknown> {
  return {
    ...headerFormValues(statement),
    ...Object.fromEntries(statement.sections.flatMap((s, i) => [[sectionField(i, 'Body'), bodyToMarkup(s.body)], [sectionField(i, 'Heading'), s.heading ?? '']])),
  };
}

/** The fields read with low confidence (no style, size or position cue, or holding a repair): flagged on the form. */
export function lowConfidenceFlags(proposal: Proposal): Record<string, string> {
  const flags: Record<string, string> = {};
  // The remiss's Dnr is the remiss's, not a field of the form.
  for (const [name, field] of Object.entries(proposal.header)) if (name !== 'remissCaseNumber' && field.value !== null && field.confidence === 'low') flags[name] = CHECK;
  if (proposal.stance.value && proposal.stance.confidence === 'low') flags.stance = CHECK;
  proposal.signatories.slice(0, SIGNATORY_ROWS).forEach((s, n) => {
    if (s.confidence === 'low') flags[`signatory${n + 1}Name`] = flags[`signatory${n + 1}Title`] = CHECK;
  });
  if (proposal.enclosures.some((e) => e.confidence === 'low')) flags.enclosures = CHECK;
  proposal.sections.forEach((s, i) => {
    if (s.confidence === 'low') flags[sectionField(i, 'Body')] = flags[sectionField(i, 'Heading')] = CHECK;
  });
  return flags;
}

/** The sections of the form: the proposal's, then the draft's required ones the file lacked (kept as they are). */
export function sectionRows(statement: PutStatementInput, proposal: Proposal) {
  return statement.sections.map((section, i) => {
    const proposed = proposal.sections.find((s) => s.key === section.key);
    return {
      key: section.key,
      heading: section.heading,
      own: section.key.startsWith(CUSTOM_SECTION_PREFIX),
      bodyName: sectionField(i, 'Body'),
      headingName: sectionField(i, 'Heading'),
      hint: proposed
        ? `Ur filen, ${proposed.source.from === proposed.source.to ? `rad ${proposed.source.from}` : `rad ${proposed.source.from}–${proposed.source.to}`}.`
        : 'Avsnittet är obligatoriskt och fanns inte i filen: utkastets text behålls.',
    };
  });
}

/**
 * The source text line by line, each repaired word marked where it stands (the text as read, before
 * the repair). A file read with its layout's cues (`cued`) carries the reader's marks (## heading,
 * **bold**, [^1] footnotes): shown as what they stand for, a heading in bold and a footnote as [1].
 */
export function sourceLines(text: string, repairs: readonly Repair[], undone: ReadonlySet<number>, cued = false) {
  const byLine = new Map<number, Repair[]>();
  for (const repair of repairs) byLine.set(repair.line, [...(byLine.get(repair.line) ?? []), repair]);
  let offset = 0;
  return text.split('\n').map((line, index) => {
    const number = index + 1;
    const start = offset;
    offset += line.length + 1;
    const marks = (byLine.get(number) ?? []).sort((a, b) => a.offset - b.offset);
    const parts: Array<{ text: string; repair?: { to: string; undone: boolean } }> = [];
    let at = 0;
    for (const repair of marks) {
      const from = repair.offset - start;
      if (from < at || from > line.length) continue;
      parts.push({ text: line.slice(at, from) }, { text: line.slice(from, from + repair.from.length), repair: { to: repair.to, undone: undone.has(repair.id) } });
      at = from + repair.from.length;
    }
    parts.push({ text: line.slice(at) });
    const heading = cued && /^#{1,4}\s/.test(line);
    const shown = parts.map((part) => ({ ...part, text: cued ? withoutMarks(part.text) : part.text.replace(/\f/g, '') }));
    return { number, parts: shown, pageBreak: line.includes('\f'), heading };
  });
}

/** The reader's marks taken out of a piece of a line (a repaired word never holds one). */
function withoutMarks(text: string): string {
  return text
    .replace(/\f/g, '')
    .replace(/^#{1,4}\s+/, '')
    .replace(/\*\*/g, '')
    .replace(/\[\^(\d+)\]:?/g, '[$1]');
}
