import { ANSWERED_STATUSES, RESPONSE_STATUSES, type ResponseStatus } from '../responses/response.entity';
import { plainText, type Block } from '../statements/statement-body';
import { STANCES, type Stance } from '../statements/statement.entity';
import { STANCE_LABELS } from '../shared/swedish-labels';
import { firstSentence, inRunningText, swedishList } from '../shared/swedish-text';
import type { AnsweredSection, MatrixRow } from './compilation-data';

export interface CompilationEntry {
  organisation: { id: string; name: string };
  responseId: string;
  /** The heading as this answer has it (a section can be renamed, and own sections share keys across answers). */
  heading: string;
  /** Its place in this answer's statement. */
  position: number;
  stance: Stance | null;
  body: Block[];
  /** The body as plain text, sub-headings included (a line each): the CSV and Excel columns. */
  text: string;
}

export interface CompiledSection {
  key: string;
  heading: string;
  stanceCounts: Record<Stance, number>;
  entries: CompilationEntry[];
}

const countBy = <K extends string>(keys: readonly K[], values: Array<K | null>): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length])) as Record<K, number>;

/**
 * The sammanställning: the status matrix with counts, every answered section side by side in
 * distribution order, who has not answered, declined or answered late, the beredning paragraph in
 * the city's style and one summary line per answer (summaryLines).
 */
export function buildCompilation(matrix: MatrixRow[], sections: AnsweredSection[], written: ReadonlyMap<string, WrittenSummary> = new Map()) {
  const organisationOf = new Map(matrix.map((row) => [row.responseId, row]));
  const byKey = new Map<string, CompiledSection>();
  for (const section of sections) {
    const row = organisationOf.get(section.responseId);
    if (!row) continue;
    let compiled = byKey.get(section.key);
    if (!compiled) {
      compiled = { key: section.key, heading: section.heading, stanceCounts: countBy(STANCES, []), entries: [] };
      byKey.set(section.key, compiled);
    }
    compiled.entries.push({
      organisation: { id: row.organisation.id, name: row.organisation.name },
      responseId: section.responseId,
      heading: section.heading,
      position: section.position,
      stance: section.stance,
      body: section.body,
      text: plainText(section.body),
    });
    if (section.stance) compiled.stanceCounts[section.stance]++;
  }
  const asked = matrix.filter((row) => row.role === 'respond');
  const names = (rows: MatrixRow[]) => rows.map((row) => row.organisation.name);
  const unanswered = asked.filter((row) => !ANSWERED_STATUSES.includes(row.status));
  return {
    matrix,
    counts: {
      recipients: matrix.length,
      byStatus: countBy<ResponseStatus>(RESPONSE_STATUSES, matrix.map((row) => row.status)),
      byStance: countBy<Stance>(STANCES, matrix.map((row) => row.stance)),
    },
    sections: [...byKey.values()],
    notAnswered: names(unanswered),
    declined: names(asked.filter((row) => row.status === 'declined')),
    answeredLate: names(asked.filter((row) => row.late && row.answeredDate)),
    beredning: asked.length ? `Ärendet har remitterats till ${swedishList(asked.map((row) => inRunningText(row.organisation.name, row.organisation.kind)))}.` : '',
    summaries: summaryLines(matrix, byKey.get(POSITION_SECTION), written),
  };
}

/**
 * One line per answer, "Svaren i korthet": the coordinator's own where written, else a suggestion:
 * the ställningstagande and the first sentence of Förvaltningens synpunkter, where the answer takes
 * its position. Never the Sammanfattning or Bakgrund, which
 * mostly retell the remiss, nor Förslag till beslut, which is the same formula in every answer.
 */
const POSITION_SECTION = 'forvaltningens-synpunkter';

/** The coordinator's own line on an answer, where one is written (answer-summary.entity.ts). */
export interface WrittenSummary {
  text: string;
  version: number;
  updatedByName: string;
  updatedAt: Date;
}

export interface SummaryLine {
  organisation: string;
  responseId: string;
  /** What is printed and exported: the coordinator's line, else the suggestion; '' when there is neither. */
  line: string;
  suggestion: string | null;
  written: { by: string; at: string } | null;
  /** The line's version (0 while only suggested): its ETag for PUT …/compilation/summaries/{responseId}. */
  version: number;
}

/** The answers a line is about: those that answered, each with its suggestion where one can be made. */
function summaryLines(matrix: MatrixRow[], positions: CompiledSection | undefined, written: ReadonlyMap<string, WrittenSummary>): SummaryLine[] {
  // The running text without its sub-headings: seed 004 heads its synpunkter with the questions it answers.
  const running = (positions?.entries ?? []).map((entry) => [entry.responseId, plainText(entry.body, { subheadings: false })] as const);
  const sentenceOf = new Map(running.filter(([, text]) => text).map(([id, text]) => [id, firstSentence(text)]));
  return matrix
    .filter((row) => ANSWERED_STATUSES.includes(row.status))
    .flatMap((row) => {
      const suggestion = suggestionFor(row, sentenceOf.get(row.responseId));
      const own = written.get(row.responseId);
      // Every answer has its row, so the coordinator can write one where nothing is suggested
      // (avstår, inga synpunkter); an empty line is not printed.
      const line = own?.text ?? suggestion ?? '';
      return [{ organisation: row.organisation.name, responseId: row.responseId, line, suggestion, written: own ? { by: own.updatedByName, at: own.updatedAt.toISOString() } : null, version: own?.version ?? 0 }];
    });
}

function suggestionFor(row: MatrixRow, sentence: string | undefined): string | null {
  // An answer that avstår or has inga synpunkter says so in the matrix; a line is the coordinator's to add.
  if (row.status !== 'submitted') return null;
  const stance = row.stance ? `${STANCE_LABELS[row.stance]}.` : null;
  const line = [stance, sentence ?? (row.receivedExternally ? 'Svaret kom in utanför remisstjänsten.' : null)].filter(Boolean).join(' ');
  return line || null;
}

export type Compilation = ReturnType<typeof buildCompilation>;
