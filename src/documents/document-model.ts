import type { Block } from '../statements/statement-body';
import type { Stance } from '../statements/statement.entity';

/**
 * Everything a tjänsteutlåtande document needs, as plain data: no entities, no database. The
 * loader builds it from the database; tests and the bench build it in code. It crosses the
 * worker-thread boundary by structured clone, so it holds only JSON-like values.
 */
export interface StatementDocumentModel {
  /** The förvaltning that writes, and the register key that picks its footer address. */
  administration: { name: string; registerKey: string | null; department: string | null };
  officer: { name: string; phone: string | null; email: string | null };
  /** "Till": the nämnd that decides. */
  to: string;
  /** YYYY-MM-DD, the statement's date. */
  date: string;
  /** The Dnr printed in the page header: the förvaltning's own when it has one, else the remiss's. */
  caseNumber: string;
  remissCaseNumber: string;
  title: string;
  subtitle: string | null;
  stance: Stance | null;
  sections: Array<{ heading: string; body: Block[]; stance: Stance | null }>;
  signatories: Array<{ name: string; title: string }>;
  enclosures: Array<{ title: string }>;
  /** "Attesterat av": digital approvals, date as YYYY-MM-DD in Stockholm. */
  approvals: Array<{ name: string; title: string; date: string }>;
  decision: { body: string; meetingDate: string; paragraph: string; outcome: string; text: string } | null;
  consultation: { caseNumber: string; title: string; sender: string };
  /** ISO instant of the statement's last change: the PDF's creation date, so unchanged content gives unchanged bytes. */
  lastModified: string | null;
}

export interface PdfOptions {
  /**
   * The document's creation date. The PDF's CreationDate, ModDate, XMP dates and file /ID derive
   * from it, so the same model and date give the same bytes. Default: the model's lastModified, else
   * the statement's date at noon UTC; never the clock.
   */
  creationDate?: Date;
}

export const STANCE_LABELS: Record<Stance, string> = {
  tillstyrker: 'Tillstyrker',
  tillstyrker_med_andringar: 'Tillstyrker med ändringar',
  avstyrker: 'Avstyrker',
  inga_synpunkter: 'Inga synpunkter',
};
