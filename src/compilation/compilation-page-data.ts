import { FootnoteNumbering } from '../documents/view-blocks';
import type { OrganisationKind } from '../organisations/organisation.entity';
import type { ResponseStatus } from '../responses/response.entity';
import { answerStatusLabel, KIND_LABELS, STANCE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import type { Stance } from '../statements/statement.entity';
import type { Compilation } from './compilation-builder';
import type { MatrixRow } from './compilation-data';

/** At most this many answers side by side: beyond four columns nobody reads them. */
export const MAX_COMPARED = 4;

const SORTS: Record<string, { label: string; compare: (a: MatrixRow, b: MatrixRow) => number }> = {
  ordning: { label: 'Sändlistans ordning', compare: (a, b) => a.position - b.position },
  namn: { label: 'Remissinstans', compare: (a, b) => a.organisation.name.localeCompare(b.organisation.name, 'sv') },
  status: { label: 'Status', compare: (a, b) => a.status.localeCompare(b.status) || a.position - b.position },
  svarsdatum: { label: 'Svarsdatum', compare: (a, b) => (a.answeredDate ?? '9999').localeCompare(b.answeredDate ?? '9999') || a.position - b.position },
};

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);
const many = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/** The counts as a small chart: a bar (meter) per value, and the numbers themselves in the table. */
function chart<K extends string>(counts: Record<K, number>, labels: Record<K, string>, total: number) {
  return (Object.keys(labels) as K[]).filter((key) => counts[key] > 0).map((key) => ({ key, label: labels[key], count: counts[key], max: total }));
}

/** A body as the reader sees it, footnotes numbered within the entry. */
function readable(body: Parameters<FootnoteNumbering['blocks']>[0]) {
  const numbering = new FootnoteNumbering();
  return { blocks: numbering.blocks(body), footnotes: numbering.footnotes };
}

/**
 * What the Sammanställning page shows of the service's compilation, for the choices in its URL:
 * the matrix filtered by status and stance and sorted, the counts as a chart, one section's answers
 * stacked or up to four side by side, and the lines of Svaren i korthet.
 */
export function compilationPage(compilation: Compilation, consultation: { id: string; status: string }, query: Record<string, unknown>) {
  const base = `/remisser/${consultation.id}/sammanstallning`;
  const closed = consultation.status === 'closed';
  const status = one(query.status);
  const stance = one(query.stallning);
  const sort = SORTS[one(query.sortera) ?? ''] ? one(query.sortera)! : 'ordning';
  const rows = compilation.matrix
    .filter((row) => (!status || row.status === status) && (!stance || row.stance === stance))
    .sort(SORTS[sort].compare)
    .map((row) => ({
      ...row,
      kindLabel: KIND_LABELS[row.organisation.kind as OrganisationKind] ?? row.organisation.kind,
      statusLabel: answerStatusLabel(row, closed),
      stanceLabel: row.stance ? STANCE_LABELS[row.stance] : null,
      statementHref: row.status === 'submitted' && !row.receivedExternally ? `/svar/${row.responseId}/utlatande` : null,
    }));

  const sectionKey = one(query.avsnitt);
  const section = compilation.sections.find((s) => s.key === sectionKey) ?? compilation.sections.find((s) => s.key === 'forvaltningens-synpunkter') ?? compilation.sections[0];
  const wanted = many(query.jamfor);
  const compared = section && wanted.length <= MAX_COMPARED ? wanted.map((id) => section.entries.find((entry) => entry.responseId === id)).filter((entry) => !!entry) : [];
  const entries = (compared.length ? compared : (section?.entries ?? [])).map((entry) => ({
    ...entry,
    stanceLabel: entry.stance ? STANCE_LABELS[entry.stance] : null,
    statementHref: `/svar/${entry.responseId}/utlatande/avsnitt/${section!.key}`,
    readable: readable(entry.body),
  }));
  const decisions = new Map(compilation.matrix.map((row) => [row.responseId, row.decision]));

  return {
    base,
    filters: { status: status ?? '', stallning: stance ?? '', sortera: sort },
    statusOptions: (Object.keys(STATUS_LABELS) as ResponseStatus[]).map((value) => ({ value, text: STATUS_LABELS[value] })),
    stanceOptions: (Object.keys(STANCE_LABELS) as Stance[]).map((value) => ({ value, text: STANCE_LABELS[value] })),
    sortOptions: Object.entries(SORTS).map(([value, { label }]) => ({ value, text: label })),
    rows,
    filtered: !!(status || stance),
    charts: {
      status: chart(compilation.counts.byStatus, STATUS_LABELS, compilation.counts.recipients),
      stance: chart(compilation.counts.byStance, STANCE_LABELS, compilation.counts.recipients),
    },
    sections: compilation.sections.map((s) => ({ key: s.key, heading: s.heading, answers: s.entries.length, current: s.key === section?.key, href: `${base}?avsnitt=${encodeURIComponent(s.key)}#avsnitt` })),
    section: section && {
      key: section.key,
      heading: section.heading,
      stanceCounts: chart(section.stanceCounts, STANCE_LABELS, section.entries.length),
      entries: entries.map((entry) => ({ ...entry, decision: decisions.get(entry.responseId) ?? null })),
      sideBySide: compared.length > 0,
      candidates: section.entries.map((entry) => ({ value: entry.responseId, text: entry.organisation.name, checked: wanted.includes(entry.responseId) })),
    },
    tooMany: wanted.length > MAX_COMPARED,
    notAnswered: compilation.notAnswered,
    declined: compilation.declined,
    answeredLate: compilation.answeredLate,
    beredning: compilation.beredning,
    summaries: compilation.summaries.map((summary) => ({ ...summary, editHref: `${base}/korthet/${summary.responseId}` })),
    downloads: {
      pdfBySection: `/api/consultations/${consultation.id}/compilation.pdf?groupBy=section`,
      pdfByRecipient: `/api/consultations/${consultation.id}/compilation.pdf?groupBy=recipient`,
      csv: `/api/consultations/${consultation.id}/compilation.csv`,
      xlsx: `/api/consultations/${consultation.id}/compilation.xlsx`,
    },
  };
}
