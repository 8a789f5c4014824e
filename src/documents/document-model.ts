import type { Compilation } from '../compilation/compilation-builder';
import type { ConsultationKind, ConsultationStatus } from '../consultations/consultation.entity';
import type { RecipientRole } from '../recipients/recipient.entity';
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
  /** name null: not known, left out. */
  officer: { name: string | null; phone: string | null; email: string | null };
  /** "Till": the nämnd that decides. */
  to: string;
  /** YYYY-MM-DD, the statement's date. */
  date: string;
  /** The statement's own Dnr, printed in the page header; null while it has none (never the remiss's). */
  caseNumber: string | null;
  remissCaseNumber: string;
  title: string;
  subtitle: string | null;
  stance: Stance | null;
  sections: Array<{ heading: string; body: Block[]; stance: Stance | null }>;
  signatories: Array<{ name: string | null; title: string }>;
  enclosures: Array<{ title: string }>;
  /** "Attesterat av": digital approvals, date as YYYY-MM-DD in Stockholm. */
  approvals: Array<{ name: string; title: string; date: string }>;
  consultation: { caseNumber: string; title: string; sender: string };
  /** ISO instant of the statement's last change: the PDF's creation date, so unchanged content gives unchanged bytes. */
  lastModified: string | null;
  /** Not yet attested (not_started, drafting, in_review): "UTKAST" on every page and in the metadata. */
  draft?: boolean;
}

/** A person a letter names: who to contact, who signs. */
export interface LetterPerson {
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  /** Where the person works, when the letter says so (the contact of an answer letter). */
  organisation?: string | null;
}

/** The remissbrev to one remissinstans: what is sent, by whom, the Dnr, its own deadline, how to answer. */
export interface CoverLetterModel {
  /** The förvaltning that sends on the remittent's behalf: letterhead and footer address. */
  administration: { name: string; registerKey: string | null };
  /** The remittent, e.g. "Kommunstyrelsen". */
  sender: string;
  /** kind: the organisation's, so its name reads right mid-sentence; sent: whether the remiss has been sent to it. */
  recipient: { name: string; role: RecipientRole; required: boolean; kind?: string; sent?: boolean };
  consultation: { caseNumber: string; title: string; kind: ConsultationKind; description: string | null };
  /** YYYY-MM-DD: the day the remiss went to this recipient (or, before sending, was registered). */
  date: string;
  /** The recipient's effective due date (anstånd included); null while the remiss has none. */
  dueDate: string | null;
  extension: { previousDueDate: string | null; reason: string } | null;
  /** The registrator who registered the remiss; null for remisser registered outside the system. */
  registrator: LetterPerson | null;
  /** Where answers go by e-mail when the system cannot be used. */
  replyEmail: string | null;
  /** The remisshandlingar, in upload order. */
  attachments: Array<{ fileName: string; description: string | null }>;
  lastModified: string | null;
}

/** The beslut om anstånd: one remissinstans's deadline moved, why, and by whom. */
export interface ExtensionLetterModel {
  /** The förvaltning that writes on the remittent's behalf, on the day the anstånd was granted. */
  administration: { name: string; registerKey: string | null };
  sender: string;
  recipient: { name: string; kind?: string };
  consultation: { caseNumber: string; title: string; kind: ConsultationKind };
  /** YYYY-MM-DD: the day the anstånd was granted. */
  date: string;
  dueDate: string;
  previousDueDate: string | null;
  reason: string;
  /** Who granted it: the letter's contact. */
  grantedBy: LetterPerson;
  lastModified: string | null;
}

/** The short letter of a remissinstans that avstår or has inga synpunkter. */
export interface AnswerLetterModel {
  administration: { name: string; registerKey: string | null };
  /** The answering organisation, usually a nämnd. */
  organisation: string;
  consultation: { caseNumber: string; title: string; sender: string };
  answer: 'declined' | 'no_comments';
  /** Why it avstår (its skäl) or has inga synpunkter (its motivering), when it said. */
  reason: string | null;
  /** YYYY-MM-DD, the day of the answer. */
  date: string;
  /** Who recorded the answer, when known: the letter's contact person. */
  officer: LetterPerson | null;
  /** The förvaltning's registry address: the contact when nobody is known. */
  replyEmail?: string | null;
  lastModified: string | null;
}

export const COMPILATION_GROUPINGS = ['section', 'recipient'] as const;
export type CompilationGrouping = (typeof COMPILATION_GROUPINGS)[number];

/** The sammanställning as a document: the compilation (src/compilation) plus what its pages print around it. */
export interface CompilationDocumentModel {
  consultation: { caseNumber: string; title: string; kind: ConsultationKind; sender: string; dueDate: string | null; sentDate: string | null; status: ConsultationStatus };
  /** The coordinating organisation: letterhead and footer. */
  coordinator: { name: string; registerKey: string | null };
  groupBy: CompilationGrouping;
  compilation: Compilation;
  /** The reasons given by those who avstår or have inga synpunkter, by response id. */
  answerReasons: Record<string, string>;
  /** YYYY-MM-DD: the state the compilation shows (its last change, in Stockholm). */
  date: string;
  lastModified: string | null;
}

/**
 * The remissbrev of several remissinstanser in one PDF, for sending by post: each letter as it is
 * on its own (its own letterhead, "Sida 1 (2)" counting its own pages), one after the other,
 * rendered in one pass (merging finished PDFs would lose the tags and PDF/A).
 */
export interface CoverLetterBatchModel {
  consultation: { caseNumber: string; title: string };
  /** The förvaltning that sends on the remittent's behalf (the PDF's author). */
  administration: string;
  letters: CoverLetterModel[];
}

/** What a PDF worker renders: the document kind and its model. */
export type DocumentSpec =
  | { kind: 'statement'; model: StatementDocumentModel }
  | { kind: 'cover-letter'; model: CoverLetterModel }
  | { kind: 'cover-letters'; model: CoverLetterBatchModel }
  | { kind: 'answer-letter'; model: AnswerLetterModel }
  | { kind: 'extension-letter'; model: ExtensionLetterModel }
  | { kind: 'compilation'; model: CompilationDocumentModel };

export interface PdfOptions {
  /**
   * The document's creation date. The PDF's CreationDate, ModDate, XMP dates and file /ID derive
   * from it, so the same model and date give the same bytes. Default: the model's lastModified, else
   * the statement's date at noon UTC; never the clock.
   */
  creationDate?: Date;
}

// One set of Swedish labels for the API's exports and the documents.
export { STANCE_LABELS } from '../shared/swedish-labels';
