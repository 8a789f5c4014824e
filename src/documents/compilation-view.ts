import type { MatrixRow } from '../compilation/compilation-data';
import { formatSwedishDate } from '../shared/dates';
import { answerStatusLabel, ROLE_LABELS, STANCE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import { inRunningText, swedishList } from '../shared/swedish-text';
import type { Stance } from '../statements/statement.entity';
import type { CompilationDocumentModel } from './document-model';
import { dnr, kindLabel } from './letter-views';
import { footerAddressFor, footerLine } from './organisation-addresses';
import { FootnoteNumbering } from './view-blocks';

/**
 * The template context of the sammanställning: a title page with the facts, the beredning
 * paragraph and one line per answer; the status table; then every answered section, grouped by
 * section (each organisation's text side by side, in distribution order) or by remissinstans.
 */
const ANSWERED = new Set(['submitted', 'declined', 'no_comments']);

/** "2 tillstyrker, 1 avstyrker": the stances that occur, in the catalogue's order. */
function stanceSummary(counts: Record<Stance, number>): string | null {
  const parts = (Object.keys(STANCE_LABELS) as Stance[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STANCE_LABELS[s].toLowerCase()}`);
  return parts.length ? parts.join(', ') : null;
}

/** On a closed remiss an unanswered remissinstans is not "in progress, late": its answer is missing. */
function statusText(row: MatrixRow, closed: boolean): string {
  if (row.role === 'for_information') return ROLE_LABELS.for_information;
  const label = answerStatusLabel(row, closed);
  return label === STATUS_LABELS[row.status] && row.late ? `${label}, försenat` : label;
}

/** What a remissinstans answered, for its heading in the per-recipient part. */
function answerLine(row: MatrixRow, reason: string | undefined): string {
  const date = row.answeredDate ? ` ${formatSwedishDate(row.answeredDate)}` : '';
  if (row.status === 'declined') return `Avstår från att svara${date ? `,${date}` : ''}.${reason ? ` Skäl: ${reason}` : ''}`;
  if (row.status === 'no_comments') return `Inga synpunkter${date ? `,${date}` : ''}.${reason ? ` Motivering: ${reason}` : ''}`;
  const stance = row.stance ? ` Ställningstagande: ${STANCE_LABELS[row.stance].toLowerCase()}.` : '';
  return `Svarade${date}${row.late ? ', efter sista svarsdag' : ''}.${stance}`;
}

/** "Beslut den 26 november 2020, § 15. Protokollsutdrag: Protokollsutdrag 2020-11-26.pdf." */
function decisionLine(decision: NonNullable<MatrixRow['decision']>): string {
  const file = decision.protokollsutdrag ? `Protokollsutdrag: ${decision.protokollsutdrag.fileName}.` : 'Protokollsutdraget har inte bifogats.';
  return `Beslut den ${formatSwedishDate(decision.meetingDate)}, ${decision.paragraph}. ${file}`;
}

export function compilationView(model: CompilationDocumentModel) {
  const { consultation, compilation } = model;
  const numbering = new FootnoteNumbering();
  const asked = compilation.matrix.filter((row) => row.role === 'respond');
  const answered = compilation.matrix.filter((row) => ANSWERED.has(row.status));
  const count = (status: string) => compilation.counts.byStatus[status as keyof typeof compilation.counts.byStatus] ?? 0;
  const senderInText = inRunningText(consultation.sender);
  const overallStances = stanceSummary(compilation.counts.byStance);

  // Walked in print order, so footnote numbers follow the reading order.
  const sections =
    model.groupBy === 'section'
      ? compilation.sections.map((section) => ({
          heading: section.heading,
          stances: stanceSummary(section.stanceCounts),
          entries: section.entries.map((entry) => ({
            organisation: entry.organisation.name,
            // Said when an answer has the section under another heading than the first answer's.
            ownHeading: entry.heading !== section.heading ? entry.heading : null,
            stance: entry.stance ? STANCE_LABELS[entry.stance] : null,
            // Sub-headings sit under the answer's h3 (the organisation's name).
            blocks: numbering.blocks(entry.body, 4),
          })),
        }))
      : [];
  const recipients =
    model.groupBy === 'recipient'
      ? answered.map((row) => ({
          organisation: row.organisation.name,
          answer: answerLine(row, model.answerReasons[row.responseId]),
          external: row.receivedExternally,
          // The answer's own sections in its own order, under its own headings.
          sections: compilation.sections
            .flatMap((section) => section.entries.filter((entry) => entry.responseId === row.responseId))
            .sort((a, b) => a.position - b.position)
            .map((entry) => ({ heading: entry.heading, stance: entry.stance ? STANCE_LABELS[entry.stance] : null, blocks: numbering.blocks(entry.body, 4) })),
        }))
      : [];

  return {
    documentType: 'Sammanställning',
    administration: model.coordinator.name,
    department: null,
    caseNumber: consultation.caseNumber,
    title: consultation.title,
    subtitle: `Sammanställning av remissvar. Remiss från ${senderInText}, ${dnr(consultation.caseNumber)}`,
    facts: [
      { label: 'Remittent', value: consultation.sender },
      { label: 'Diarienummer', value: consultation.caseNumber },
      { label: 'Typ av ärende', value: kindLabel(consultation.kind) },
      { label: 'Samordnande', value: model.coordinator.name },
      ...(consultation.sentDate ? [{ label: 'Skickad', value: formatSwedishDate(consultation.sentDate) }] : []),
      ...(consultation.dueDate ? [{ label: 'Sista svarsdag', value: formatSwedishDate(consultation.dueDate) }] : []),
      { label: 'Remissinstanser', value: `${compilation.counts.recipients}, varav ${asked.length} ombedda att svara` },
      { label: 'Svar', value: `${count('submitted')} ${count('submitted') === 1 ? 'yttrande' : 'yttranden'}, ${count('declined')} avstår, ${count('no_comments')} utan synpunkter` },
      ...(overallStances ? [{ label: 'Ställningstaganden', value: overallStances }] : []),
      { label: 'Sammanställd', value: formatSwedishDate(model.date) },
    ],
    beredning: compilation.beredning || null,
    // An answer with neither a written line nor a suggestion (avstår, inga synpunkter) has nothing to print.
    summaries: compilation.summaries.filter((summary) => summary.line),
    notAnswered: compilation.notAnswered.length ? swedishList(compilation.notAnswered) : null,
    declined: compilation.declined.length ? swedishList(compilation.declined) : null,
    answeredLate: compilation.answeredLate.length ? swedishList(compilation.answeredLate) : null,
    matrix: compilation.matrix.map((row) => ({
      organisation: row.organisation.name,
      status: statusText(row, consultation.status === 'closed'),
      dueDate: row.role === 'respond' && row.dueDate ? `${row.dueDate}${row.extended ? '*' : ''}` : '',
      answeredDate: row.answeredDate ?? '',
      stance: row.stance ? STANCE_LABELS[row.stance] : '',
    })),
    anyExtended: compilation.matrix.some((row) => row.extended),
    // The nämnder's decisions are their own documents: listed with the answers, never printed as part of them.
    decisions: compilation.matrix.flatMap((row) => (row.decision ? [{ organisation: row.organisation.name, text: decisionLine(row.decision) }] : [])),
    bySection: model.groupBy === 'section',
    sections,
    recipients,
    noAnswers: compilation.sections.length === 0 && answered.length === 0,
    footnotes: numbering.footnotes,
    footer: footerLine(footerAddressFor(model.coordinator.registerKey)),
  };
}
