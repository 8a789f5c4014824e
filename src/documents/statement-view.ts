import { formatSwedishDate } from '../shared/dates';
import type { Block, Inline } from '../statements/statement-body';
import { STANCE_LABELS, type StatementDocumentModel } from './document-model';
import { footerAddressFor, footerLine } from './organisation-addresses';

/**
 * The template context of a tjänsteutlåtande: the model with everything a template should not
 * compute already done (Swedish dates, stance labels, footnote numbers, the footer). Templates stay
 * logic-free, so an admin-edited template cannot get numbering or dates wrong.
 */
export type ViewInline = { text: string; bold: boolean; italic: boolean } | { footnote: number };
export interface ViewList {
  ordered: boolean;
  items: Array<{ content: ViewInline[]; children: ViewList | null }>;
}
export type ViewBlock = { paragraph: ViewInline[] } | { list: ViewList };

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
  decision: { body: string; meetingDate: string; paragraph: string; outcome: string; text: string } | null;
  /** Numbered in reading order across the whole document, as the seeds number them. */
  footnotes: Array<{ number: number; text: string }>;
  footer: string;
}

const OUTCOMES: Record<string, string> = {
  approved_as_proposed: 'enligt förvaltningens förslag',
  approved_with_changes: 'med ändringar',
  referred_back: 'att återremittera ärendet',
};

export function statementView(model: StatementDocumentModel): StatementView {
  const footnotes: StatementView['footnotes'] = [];
  const inlines = (content: readonly Inline[]): ViewInline[] =>
    content.map((inline) => {
      if ('footnote' in inline) {
        footnotes.push({ number: footnotes.length + 1, text: inline.footnote });
        return { footnote: footnotes.length };
      }
      return { text: inline.text, bold: !!inline.bold, italic: !!inline.italic };
    });
  const blocks = (body: readonly Block[]): ViewBlock[] =>
    body.map((block) =>
      block.type === 'paragraph'
        ? { paragraph: inlines(block.content) }
        : {
            list: {
              ordered: block.type === 'numbered_list',
              items: block.items.map((item) => ({
                content: inlines(item.content),
                children: item.children ? { ordered: item.children.type === 'numbered_list', items: item.children.items.map((child) => ({ content: inlines(child.content), children: null })) } : null,
              })),
            },
          },
    );
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
    sections: model.sections.map((section) => ({ heading: section.heading, stance: section.stance ? STANCE_LABELS[section.stance] : null, blocks: blocks(section.body) })),
    signatories: model.signatories,
    enclosuresHeading: model.enclosures.length === 1 ? 'Bilaga' : 'Bilagor',
    enclosures: model.enclosures,
    approvals: model.approvals,
    decision: model.decision ? { ...model.decision, meetingDate: formatSwedishDate(model.decision.meetingDate), outcome: OUTCOMES[model.decision.outcome] ?? model.decision.outcome } : null,
    footnotes,
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}
