import { formatSwedishDate } from '../shared/dates';
import { STANCE_LABELS, type StatementDocumentModel } from './document-model';
import { footerAddressFor, footerLine } from './organisation-addresses';
import { FootnoteNumbering, type ViewBlock } from './view-blocks';

/**
 * The template context of a tjänsteutlåtande: the model with everything a template should not
 * compute already done (Swedish dates, stance labels, footnote numbers, the footer). Templates stay
 * logic-free, so an admin-edited template cannot get numbering or dates wrong.
 */
export interface StatementView {
  documentType: string;
  administration: string;
  department: string | null;
  officer: { name: string; phone: string | null; email: string | null };
  to: string;
  date: string;
  caseNumber: string;
  title: string;
  subtitle: string | null;
  stance: string | null;
  sections: Array<{ heading: string; stance: string | null; blocks: ViewBlock[] }>;
  signatories: Array<{ name: string; title: string }>;
  enclosuresHeading: string;
  enclosures: Array<{ title: string }>;
  approvals: Array<{ name: string; title: string; date: string }>;
  /** Numbered in reading order across the whole document, as the seeds number them. */
  footnotes: Array<{ number: number; text: string }>;
  footer: string;
}

export function statementView(model: StatementDocumentModel): StatementView {
  const numbering = new FootnoteNumbering();
  return {
    documentType: 'Tjänsteutlåtande',
    administration: model.administration.name,
    department: model.administration.department,
    officer: model.officer,
    to: model.to,
    date: formatSwedishDate(model.date),
    caseNumber: model.caseNumber,
    title: model.title,
    subtitle: model.subtitle,
    stance: model.stance ? STANCE_LABELS[model.stance] : null,
    // Sections are walked in order, so footnote numbers follow the reading order.
    sections: model.sections.map((section) => ({ heading: section.heading, stance: section.stance ? STANCE_LABELS[section.stance] : null, blocks: numbering.blocks(section.body) })),
    signatories: model.signatories,
    enclosuresHeading: model.enclosures.length === 1 ? 'Bilaga' : 'Bilagor',
    enclosures: model.enclosures,
    approvals: model.approvals,
    footnotes: numbering.footnotes,
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}
