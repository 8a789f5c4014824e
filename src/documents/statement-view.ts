import { formatIsoDay } from '../shared/dates';
import { formatSwedishPhone } from '../shared/phone-number';
import { STANCE_LABELS, type StatementDocumentModel } from './document-model';
import { footerAddressFor, footerLine } from './organisation-addresses';
import { FootnoteNumbering, type ViewBlock } from './view-blocks';

/**
 * The template context of a tjänsteutlåtande: the model with everything a template should not
 * compute already done (stance labels, footnote numbers, phone format, the footer). Templates stay
 * logic-free, so an admin-edited template cannot get numbering or dates wrong.
 *
 * House style (DESIGN.md §4, the seeds): the header's Dnr is the statement's own, left out when it
 * has none ("Dnr saknas" on a draft); dates in the header are ISO; a name nobody entered is left
 * out; the stance is printed once, in the text (at the head of Förvaltningens synpunkter).
 */
export interface StatementView {
  documentType: string;
  administration: string;
  department: string | null;
  /** null: nothing known about the handläggare, so no Handläggare block (seed 002). */
  officer: { name: string | null; phone: string | null; email: string | null } | null;
  to: string;
  date: string;
  caseNumber: string | null;
  /** "UTKAST" in the header band of every page. */
  draft: boolean;
  title: string;
  subtitle: string | null;
  /** The stance under the sub-title: only when no section carries it. */
  stance: string | null;
  sections: Array<{ heading: string; stance: string | null; blocks: ViewBlock[] }>;
  signatories: Array<{ name: string | null; title: string }>;
  enclosuresHeading: string;
  enclosures: Array<{ title: string }>;
  approvals: Array<{ name: string; title: string; date: string }>;
  /** Numbered in reading order across the whole document, as the seeds number them. */
  footnotes: Array<{ number: number; text: string }>;
  footer: string;
}

/** Where the seeds state the förvaltning's position: the section of its synpunkter. */
const STANCE_SECTION = /^(förvaltningens |nämndens )?synpunkter/i;

export function statementView(model: StatementDocumentModel): StatementView {
  const numbering = new FootnoteNumbering();
  const draft = Boolean(model.draft);
  // The overall stance goes into the text once: with the synpunkter unless a section states its own.
  const stanceSection = model.stance && !model.sections.some((s) => s.stance) ? model.sections.findIndex((s) => STANCE_SECTION.test(s.heading.trim())) : -1;
  const sectionStance = (stance: StatementDocumentModel['stance'], index: number) => (stance ? STANCE_LABELS[stance] : index === stanceSection && model.stance ? STANCE_LABELS[model.stance] : null);
  return {
    documentType: 'Tjänsteutlåtande',
    administration: model.administration.name,
    department: model.administration.department,
    officer: model.officer.name || model.officer.phone || model.officer.email ? { ...model.officer, phone: model.officer.phone ? formatSwedishPhone(model.officer.phone) : null } : null,
    to: model.to,
    date: formatIsoDay(model.date),
    caseNumber: model.caseNumber ?? (draft ? 'saknas' : null),
    draft,
    title: model.title,
    subtitle: model.subtitle,
    stance: model.stance && stanceSection < 0 && !model.sections.some((s) => s.stance) ? STANCE_LABELS[model.stance] : null,
    // Sections are walked in order, so footnote numbers follow the reading order.
    sections: model.sections.map((section, index) => ({ heading: section.heading, stance: sectionStance(section.stance, index), blocks: numbering.blocks(section.body) })),
    signatories: model.signatories,
    enclosuresHeading: model.enclosures.length === 1 ? 'Bilaga' : 'Bilagor',
    enclosures: model.enclosures,
    approvals: model.approvals,
    footnotes: numbering.footnotes,
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}
