import type { Block, Inline } from '../statements/statement-body';
import type { Enclosure, Signatory, Stance, StatementHeader } from '../statements/statement.entity';

/**
 * The shape of a demo tjänsteutlåtande. The content of each one lives in its own file
 * (demo-statement-000-ostermalm.ts …): facts as printed in ../shared/seeds, prose paraphrased, never
 * copied (test/seeds/demo-statements.seeds.test.ts checks both).
 */
export interface DemoSection {
  key: string;
  /** As printed in the seed, which is not always the catalogue's heading. */
  heading: string;
  body: Block[];
  stance?: Stance;
}

export interface DemoApproval {
  name: string;
  title: string;
  date: string;
  /** True when the seed prints no attest and the date is a plausible guess. */
  assumed: boolean;
}

export interface DemoDecision {
  meetingDate: string;
  paragraph: string;
  decisionText: string;
  /** True when the seed prints no protokoll: meeting date and § are plausible guesses. */
  assumed: boolean;
}

export interface DemoStatement {
  /** The seed file's number: 000, 001 … */
  seed: string;
  /** The remiss, as registered by demo-consultations.ts. */
  caseNumber: string;
  /** The answering organisation's register key. */
  organisationKey: string;
  header: StatementHeader;
  headerDateAssumed: boolean;
  sections: DemoSection[];
  signatories: Signatory[];
  enclosures: Enclosure[];
  stance: Stance;
  revisionAuthor: string;
  approvals: DemoApproval[];
  decision: DemoDecision;
}

/**
 * A name the seed leaves out (seed 002 prints no handläggare; seed 001 leaves the avdelningschef's
 * name blank): not known, so not printed.
 */
export const NOT_PRINTED = null;

type Run = string | Inline;

const inlines = (runs: Run[]): Inline[] => runs.map((run) => (typeof run === 'string' ? { text: run } : run));

export const paragraph = (...runs: Run[]): Block => ({ type: 'paragraph', content: inlines(runs) });

export const subheading = (text: string): Block => ({ type: 'subheading', text });

export const footnote = (text: string): Inline => ({ footnote: text });

export const numberedList = (...items: Array<Run | Run[]>): Block => ({
  type: 'numbered_list',
  items: items.map((item) => ({ content: inlines(Array.isArray(item) ? item : [item]) })),
});

export const bulletList = (...items: Array<Run | Run[]>): Block => ({
  type: 'bullet_list',
  items: items.map((item) => ({ content: inlines(Array.isArray(item) ? item : [item]) })),
});

/** The seven goals of the program 2021–2025 (KS 2020/924), in short paraphrase. */
export const PROGRAM_GOALS: readonly string[] = [
  'Våldsförebyggande arbete i stadens verksamheter.',
  'Insatser mot återfall för den som utövar våld, efter behov.',
  'Aktivt arbete för att upptäcka våldsutsatta vuxna och barn och den som utövar våld.',
  'Insatser efter behov för våldsutsatta vuxna och barn.',
  'Våldsutsatta vuxna och barn deltar i brottsutredningar.',
  'Systematisk kunskapsutveckling i stadens verksamheter.',
  'Metoder och insatser som grundas på evidens eller beprövad erfarenhet.',
];

/** The program's full name as the seeds print it (000 and 001 with small variations of their own). */
export const PROGRAM_TITLE =
  'Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella ändamål samt sexuellt våld oberoende relation 2021-2025';
