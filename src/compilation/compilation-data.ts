import type { EntityManager } from 'typeorm';
import { EFFECTIVE_DUE_SQL, lateSql } from '../recipients/lateness';
import type { ResponseStatus } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import type { Block } from '../statements/statement-body';
import type { Stance } from '../statements/statement.entity';
import { PUBLISHED_STATEMENT_SQL } from '../responses/response-access';


export interface MatrixRow {
  recipientId: string;
  responseId: string;
  position: number;
  organisation: { id: string; name: string; kind: string };
  role: 'respond' | 'for_information';
  required: boolean;
  status: ResponseStatus;
  dueDate: string | null;
  extended: boolean;
  answeredDate: string | null;
  late: boolean;
  stance: Stance | null;
  receivedExternally: boolean;
  /** The nämnd's decision behind a submitted statement, with its protokollsutdrag once attached. */
  decision: MatrixDecision | null;
}

export interface MatrixDecision {
  meetingDate: string;
  paragraph: string;
  protokollsutdrag: { fileName: string; href: string } | null;
}

export interface AnsweredSection {
  responseId: string;
  key: string;
  heading: string;
  position: number;
  body: Block[];
  stance: Stance | null;
}

/** Every recipient in distribution order, with its derived late flag and overall stance. */
export async function loadMatrix(manager: EntityManager, consultationId: string): Promise<MatrixRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT r.id AS recipient_id, p.id AS response_id, r.position, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
            r.role, r.required, p.status, ${EFFECTIVE_DUE_SQL}::text AS due_date, r.extended_due_date IS NOT NULL AS extended,
            p.answered_date::text AS answered_date, ${lateSql('$2::date')} AS late, COALESCE(s.stance, p.stance) AS stance, p.received_externally,
            d.id AS decision_id, d.meeting_date::text AS decision_date, d.paragraph AS decision_paragraph, a.file_name AS protokollsutdrag_name
       FROM recipients r
       JOIN consultations c ON c.id = r.consultation_id
       JOIN organisations o ON o.id = r.organisation_id
       JOIN responses p ON p.recipient_id = r.id
       LEFT JOIN statements s ON s.response_id = p.id AND ${PUBLISHED_STATEMENT_SQL}
       -- The decision the answer went out on: the latest, unless it sent the statement back.
       LEFT JOIN LATERAL (SELECT id, meeting_date, paragraph, outcome FROM decisions WHERE response_id = p.id ORDER BY recorded_at DESC LIMIT 1) d
              ON ${PUBLISHED_STATEMENT_SQL} AND d.outcome <> 'referred_back'
       LEFT JOIN attachments a ON a.decision_id = d.id
      WHERE r.consultation_id = $1
      ORDER BY r.position, r.id`,
    [consultationId, todayInStockholm()],
  );
  return rows.map((row) => ({
    recipientId: row.recipient_id as string,
    responseId: row.response_id as string,
    position: row.position as number,
    organisation: { id: row.organisation_id as string, name: row.organisation_name as string, kind: row.organisation_kind as string },
    role: row.role as MatrixRow['role'],
    required: row.required as boolean,
    status: row.status as ResponseStatus,
    dueDate: row.due_date as string | null,
    extended: row.extended as boolean,
    answeredDate: row.answered_date as string | null,
    late: row.late as boolean,
    stance: (row.stance as Stance | null) ?? (row.status === 'no_comments' ? 'inga_synpunkter' : null),
    receivedExternally: row.received_externally as boolean,
    decision: row.decision_id
      ? {
          meetingDate: row.decision_date as string,
          paragraph: row.decision_paragraph as string,
          protokollsutdrag: row.protokollsutdrag_name ? { fileName: row.protokollsutdrag_name as string, href: `/api/responses/${row.response_id as string}/decisions/${row.decision_id as string}/protokollsutdrag` } : null,
        }
      : null,
  }));
}

/**
 * Sections of submitted statements only. Drafts never reach a compilation, shared or not, nor
 * does a statement begun before an answer that came on paper or by e-mail: what the coordinator
 * hands its nämnd is what the remissinstanser actually answered.
 */
export async function loadAnsweredSections(manager: EntityManager, consultationId: string): Promise<AnsweredSection[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT p.id AS response_id, ss.key, ss.heading, ss.position, ss.body, ss.stance
       FROM recipients r
       JOIN responses p ON p.recipient_id = r.id AND ${PUBLISHED_STATEMENT_SQL}
       JOIN statements s ON s.response_id = p.id
       JOIN statement_sections ss ON ss.statement_id = s.id
      WHERE r.consultation_id = $1
      ORDER BY r.position, ss.position`,
    [consultationId],
  );
  return rows.map((row) => ({
    responseId: row.response_id as string,
    key: row.key as string,
    heading: row.heading as string,
    position: row.position as number,
    body: row.body as Block[],
    stance: row.stance as Stance | null,
  }));
}
