import type { Block } from '../statements/statement-body';
import type { STANCES } from '../statements/statement.entity';

/**
 * What an import proposes, before the user accepts anything (DESIGN.md §10). Every field says
 * how sure the import is and where in the source it was read (1-based line numbers), so that the
 * page can show the proposal beside the source text with the doubtful parts marked.
 */
export type Confidence = 'high' | 'low';

/** Lines `from`..`to` of the source text, both included, counted from 1. */
export interface SourceSpan {
  from: number;
  to: number;
}

export interface ProposedField<T> {
  value: T;
  confidence: Confidence;
  /** Null when nothing was found (the value is then null too). */
  source: SourceSpan | null;
}

export interface ProposedHeader {
  administration: ProposedField<string | null>;
  department: ProposedField<string | null>;
  officerName: ProposedField<string | null>;
  officerPhone: ProposedField<string | null>;
  to: ProposedField<string | null>;
  /** ISO date (YYYY-MM-DD). */
  date: ProposedField<string | null>;
  ownCaseNumber: ProposedField<string | null>;
  remissCaseNumber: ProposedField<string | null>;
  title: ProposedField<string | null>;
  subtitle: ProposedField<string | null>;
}

export interface ProposedSection {
  /** A catalogue key, or "egen-<slug>" for a heading the catalogue does not know. */
  key: string;
  heading: string;
  body: Block[];
  confidence: Confidence;
  source: SourceSpan;
}

export interface ProposedSignatory {
  name: string | null;
  title: string;
  confidence: Confidence;
  source: SourceSpan;
}

export interface ProposedEnclosure {
  title: string;
  confidence: Confidence;
  source: SourceSpan;
}

/** A digital approval listed under "Attesterat av". */
export interface ProposedApproval {
  name: string;
  title: string | null;
  date: string;
  source: SourceSpan;
}

export type Stance = (typeof STANCES)[number];

/** A date the text states, in order of appearance. */
export interface StatedDate {
  iso: string;
  line: number;
}

export interface UnprintableCharacter {
  /** As unprintableCharacters() names it: "U+2713 ✓". */
  character: string;
  line: number;
}

export interface Proposal {
  header: ProposedHeader;
  /** The remiss's answer date, where the text says "senast den …". */
  deadline: ProposedField<string | null>;
  sections: ProposedSection[];
  signatories: ProposedSignatory[];
  enclosures: ProposedEnclosure[];
  approvals: ProposedApproval[];
  stance: ProposedField<Stance | null>;
  dates: StatedDate[];
  /** Characters kept in the text that the documents cannot print: the user must replace them. */
  unprintable: UnprintableCharacter[];
  /** Page furniture taken out of the text (letterheads, page numbers, running headers). */
  removed: Array<{ line: number; text: string }>;
}

export interface ImportContext {
  catalogue: ReadonlyArray<{ key: string; heading: string }>;
  /** Names from the organisation register: help to tell the "Till" nämnd and the förvaltning. */
  organisations?: readonly string[];
  /**
   * The text came from a file whose layout marked its headings (a Word or ODT style, a PDF's font
   * size or weight: see file-text/): its `##` lines are section headings and its `###` lines
   * sub-headings, known by that cue and so of high confidence, and a blank line always ends a
   * paragraph. Without it (a paste, an OCR'd scan) headings are found by their words and place.
   */
  cued?: boolean;
}
