import type { Compilation } from '../compilation/compilation-builder';
import type { Block } from '../statements/statement-body';
import type { AnswerLetterModel, CompilationDocumentModel, CoverLetterModel, DocumentSpec, ExtensionLetterModel, StatementDocumentModel } from './document-model';
import { fonts } from './fonts';
import { writeDocumentPdf } from './render-document';
import { templateSetFor, type DocumentName } from './template-set';

/**
 * One small document of each kind with every feature its template can print (sub-headings, lists
 * nested once, bold and italic, a footnote, signatures, a table, an extension, the reasons of
 * answers that avstår or have inga synpunkter), and a long statement, for checking an admin's
 * template before it is saved: whatever the template does with these must lay out, in time.
 */
const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const body: Block[] = [
  { type: 'subheading', text: 'Hur ser förvaltningen på förslaget?' },
  { type: 'paragraph', content: [{ text: 'Förvaltningen ' }, { text: 'tillstyrker', bold: true }, { text: ' förslaget i ' }, { text: 'huvudsak', italic: true }, { text: '.' }, { footnote: 'Se bilaga 1.' }] },
  { type: 'numbered_list', items: [{ content: [{ text: 'Första målet.' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'ett delmål' }] }] } }, { content: [{ text: 'Andra målet.' }] }] },
];

const consultation = { caseNumber: 'KS 2020/924', title: 'Program mot våld i nära relationer 2021–2025', sender: 'Kommunstyrelsen' };

const statement: StatementDocumentModel = {
  administration: { name: 'Södermalms stadsdelsförvaltning', registerKey: null, department: 'Avdelningen för stöd och service' },
  officer: { name: 'Åsa Öberg', phone: '08-508 12 345', email: 'asa.oberg@stockholm.se' },
  to: 'Södermalms stadsdelsnämnd',
  date: '2020-11-19',
  caseNumber: 'SÖ 2020/1234',
  remissCaseNumber: consultation.caseNumber,
  title: consultation.title,
  subtitle: 'Svar på remiss från kommunstyrelsen, Dnr KS 2020/924',
  stance: 'tillstyrker_med_andringar',
  sections: [
    { heading: 'Förslag till beslut', body: [p('Stadsdelsnämnden överlämnar tjänsteutlåtandet som svar på remissen.')], stance: null },
    { heading: 'Förvaltningens synpunkter och förslag', body, stance: 'tillstyrker' },
  ],
  signatories: [
    { name: 'Maria Ålund', title: 'Stadsdelsdirektör' },
    { name: 'Örjan Ek', title: 'Avdelningschef' },
  ],
  enclosures: [{ title: 'Remissbrev' }],
  approvals: [{ name: 'Maria Ålund', title: 'Stadsdelsdirektör', date: '2020-11-10' }],
  consultation,
  lastModified: null,
};

const coverLetter: CoverLetterModel = {
  administration: { name: 'Stadsledningskontoret', registerKey: null },
  sender: 'Kommunstyrelsen',
  recipient: { name: 'Södermalms stadsdelsnämnd', role: 'respond', required: true },
  consultation: { caseNumber: consultation.caseNumber, title: consultation.title, kind: 'program', description: 'Ett reviderat program.' },
  date: '2020-08-28',
  dueDate: '2020-12-02',
  extension: { previousDueDate: '2020-11-27', reason: 'Nämnden sammanträder efter sista svarsdag.' },
  registrator: { name: 'Rut Diariesson', title: 'Registrator', phone: '08-508 29 000', email: 'registrator@stockholm.se' },
  replyEmail: 'registrator@stockholm.se',
  attachments: [{ fileName: 'Remissversion.pdf', description: 'Programmet' }],
  lastModified: null,
};

const extensionLetter: ExtensionLetterModel = {
  administration: { name: 'Stadsledningskontoret', registerKey: null },
  sender: 'Kommunstyrelsen',
  recipient: { name: 'Södermalms stadsdelsnämnd' },
  consultation: { caseNumber: consultation.caseNumber, title: consultation.title, kind: 'program' },
  date: '2020-10-15',
  dueDate: '2020-12-02',
  previousDueDate: '2020-11-27',
  reason: 'Nämnden sammanträder efter sista svarsdag.',
  grantedBy: { name: 'Rut Diariesson', title: 'Registrator', phone: '08-508 29 000', email: 'registrator@stockholm.se' },
  lastModified: null,
};

const answerLetter: AnswerLetterModel = {
  administration: { name: 'Farsta stadsdelsförvaltning', registerKey: null },
  organisation: 'Farsta stadsdelsnämnd',
  consultation,
  answer: 'declined',
  reason: 'Ärendet berör inte nämndens verksamhet.',
  date: '2020-11-20',
  officer: { name: 'Per Persson', title: 'Handläggare', phone: null, email: 'per.persson@stockholm.se' },
  lastModified: null,
};

const row = (n: number, status: Compilation['matrix'][number]['status'], stance: Compilation['matrix'][number]['stance']): Compilation['matrix'][number] => ({
  recipientId: `r${n}`,
  responseId: `p${n}`,
  position: n,
  organisation: { id: `o${n}`, name: `Organisation ${n}`, kind: 'committee' },
  role: 'respond',
  required: true,
  status,
  dueDate: '2020-11-27',
  extended: n === 1,
  answeredDate: status === 'not_started' ? null : '2020-11-20',
  late: false,
  stance,
  receivedExternally: false,
  decision: status === 'submitted' ? { meetingDate: '2020-11-19', paragraph: '§ 12', protokollsutdrag: { fileName: 'Protokollsutdrag.pdf', href: '/' } } : null,
});
const noStances = { tillstyrker: 0, tillstyrker_med_andringar: 0, avstyrker: 0, inga_synpunkter: 0 };
const compilationData: Compilation = {
  matrix: [row(1, 'submitted', 'tillstyrker'), row(2, 'declined', null), row(3, 'not_started', null)],
  counts: { recipients: 3, byStatus: { not_started: 1, drafting: 0, in_review: 0, approved: 0, decided: 0, submitted: 1, declined: 1, no_comments: 0 }, byStance: { ...noStances, tillstyrker: 1 } },
  sections: [{ key: 'sammanfattning', heading: 'Sammanfattning', stanceCounts: { ...noStances, tillstyrker: 1 }, entries: [{ organisation: { id: 'o1', name: 'Organisation 1' }, responseId: 'p1', heading: 'Sammanfattning', position: 1, stance: 'tillstyrker', body, text: 'Förvaltningen tillstyrker förslaget i huvudsak.' }] }],
  notAnswered: ['Organisation 3'],
  declined: ['Organisation 2'],
  answeredLate: [],
  beredning: 'Ärendet har remitterats till Organisation 1, Organisation 2 och Organisation 3.',
  summaries: [{ organisation: 'Organisation 1', responseId: 'p1', line: 'Förvaltningen tillstyrker förslaget i huvudsak.', suggestion: 'Tillstyrker. Förvaltningen tillstyrker förslaget i huvudsak.', written: { by: 'Cecilia Samordnare', at: '2020-12-02T10:00:00.000Z' }, version: 1 }],
};
const compilation = (groupBy: CompilationDocumentModel['groupBy']): CompilationDocumentModel => ({
  consultation: { ...consultation, kind: 'program', dueDate: '2020-11-27', sentDate: '2020-08-28', status: 'closed' },
  coordinator: { name: 'Socialförvaltningen', registerKey: null },
  groupBy,
  compilation: compilationData,
  answerReasons: { p2: 'Berör inte nämnden.' },
  date: '2020-12-03',
  lastModified: null,
});

/** The samples a template is checked with: both groupings of the compilation, since its template branches on them. */
export const SAMPLE_DOCUMENTS: Record<DocumentName, DocumentSpec[]> = {
  // Also the longest statement there can be (40 sections, the most a statement takes), so a
  // template that loops inside a loop shows how slow it is before it is saved.
  statement: [
    { kind: 'statement', model: statement },
    { kind: 'statement', model: { ...statement, sections: Array.from({ length: 40 }, (_, i) => ({ heading: `Avsnitt ${i + 1}`, body: [p('Text.')], stance: null })) } },
  ],
  'cover-letter': [
    { kind: 'cover-letter', model: coverLetter },
    { kind: 'cover-letter', model: { ...coverLetter, recipient: { ...coverLetter.recipient, role: 'for_information', required: false }, dueDate: null, extension: null, registrator: null, replyEmail: null, attachments: [] } },
  ],
  'extension-letter': [
    { kind: 'extension-letter', model: extensionLetter },
    { kind: 'extension-letter', model: { ...extensionLetter, previousDueDate: null, grantedBy: { name: 'Registrator, kommunstyrelsen', title: null, phone: null, email: null } } },
  ],
  'answer-letter': [
    { kind: 'answer-letter', model: answerLetter },
    { kind: 'answer-letter', model: { ...answerLetter, answer: 'no_comments', reason: 'Förslaget berör inte nämndens verksamhetsområde.' } },
    { kind: 'answer-letter', model: { ...answerLetter, answer: 'no_comments', reason: null, officer: null } },
  ],
  compilation: [
    { kind: 'compilation', model: compilation('section') },
    { kind: 'compilation', model: compilation('recipient') },
  ],
};

/**
 * Fonts parsed and each sample rendered once, as a PDF worker does when it starts: the first real
 * document then finds compiled templates, warm shaping caches and optimised code (a 330-page
 * compilation in a cold thread takes markedly longer).
 */
export async function warmUp(): Promise<void> {
  fonts();
  for (const document of Object.values(SAMPLE_DOCUMENTS).flat()) await writeDocumentPdf(document, {}, templateSetFor(), () => undefined);
}
