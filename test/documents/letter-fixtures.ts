import { buildCompilation } from '../../src/compilation/compilation-builder';
import type { ConsultationStatus } from '../../src/consultations/consultation.entity';
import type { AnsweredSection, MatrixRow } from '../../src/compilation/compilation-data';
import type { AnswerLetterModel, CompilationDocumentModel, CompilationGrouping, CoverLetterModel } from '../../src/documents/document-model';
import type { ResponseStatus } from '../../src/responses/response.entity';
import type { Stance } from '../../src/statements/statement.entity';
import catalogue from '../../templates/sections/catalogue.json';
import { longStatement, sodermalmStatement } from './statement-fixtures';

/**
 * Remissbrev, answer letters and sammanställningar built in code for the document tests and the
 * bench, shaped like KS 2020/924 (in our own words).
 */
const TITLE = 'Stockholms stads program mot våld i nära relationer 2021–2025';

export function coverLetterModel(overrides: Partial<CoverLetterModel> = {}): CoverLetterModel {
  return {
    administration: { name: 'Stadsledningskontoret', registerKey: 'stadsledningskontoret' },
    sender: 'Kommunstyrelsen',
    recipient: { name: 'Södermalms stadsdelsnämnd', role: 'respond', required: true },
    consultation: { caseNumber: 'KS 2020/924', title: TITLE, kind: 'program', description: 'Programmet ersätter det tidigare programmet för åren 2017–2020 och omfattar fler former av våld.' },
    date: '2020-08-28',
    dueDate: '2020-12-02',
    extension: { previousDueDate: '2020-11-27', reason: 'Nämnden sammanträder efter sista svarsdag.' },
    registrator: { name: 'Rut Diariesson', title: 'Registrator', phone: '08-508 29 000', email: 'registrator.slk@stockholm.se' },
    replyEmail: 'registrator.slk@stockholm.se',
    attachments: [
      { fileName: 'Remissversion program 2021–2025.pdf', description: 'Programmet' },
      { fileName: 'Sändlista KS 2020-924.pdf', description: null },
    ],
    lastModified: null,
    ...overrides,
  };
}

export function answerLetterModel(overrides: Partial<AnswerLetterModel> = {}): AnswerLetterModel {
  return {
    administration: { name: 'Farsta stadsdelsförvaltning', registerKey: null },
    organisation: 'Farsta stadsdelsnämnd',
    consultation: { caseNumber: 'KS 2020/924', title: TITLE, sender: 'Kommunstyrelsen' },
    answer: 'declined',
    reason: 'Nämnden har under perioden inte möjlighet att bereda ärendet och hänvisar till socialnämndens yttrande.',
    date: '2020-11-20',
    officer: { name: 'Bo Ärlig', title: 'Utredare', phone: '08-508 18 000', email: 'bo.arlig@stockholm.se' },
    lastModified: null,
    ...overrides,
  };
}

const DISTRICTS = ['Rinkeby-Kista', 'Spånga-Tensta', 'Hässelby-Vällingby', 'Bromma', 'Kungsholmens', 'Norrmalms', 'Östermalms', 'Södermalms', 'Enskede-Årsta-Vantörs', 'Skarpnäcks', 'Farsta', 'Älvsjö', 'Hägersten-Liljeholmens'];

/** The name of the n-th remissinstans: the stadsdelsnämnder first, then numbered organisations. */
export const recipientName = (n: number) => (n < DISTRICTS.length ? `${DISTRICTS[n]} stadsdelsnämnd` : `Remissinstans nummer ${n + 1}`);

/** The catalogue's key for a standard heading (as the compilation finds Förvaltningens synpunkter), else one made up. */
const catalogueKeys = new Map(catalogue.sections.map((section) => [section.heading, section.key]));
const slug = (heading: string) => catalogueKeys.get(heading) ?? heading.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-');

/**
 * A sammanställning of `answered` submitted statements (each `sectionsPerStatement` sections of the
 * long fixture: the default 10 makes 40 answers about 330 pages), plus declined, no-comments and unanswered
 * recipients.
 */
export function compilationModel(options: { answered: number; sectionsPerStatement?: number; declined?: number; noComments?: number; unanswered?: number; groupBy?: CompilationGrouping; status?: ConsultationStatus }): CompilationDocumentModel {
  const { answered, sectionsPerStatement = 10, declined = 2, noComments = 1, unanswered = 3, groupBy = 'section', status = 'open' } = options;
  const statement = sectionsPerStatement > 0 ? longStatement(sectionsPerStatement, 4) : sodermalmStatement();
  const statuses: ResponseStatus[] = [...Array<ResponseStatus>(answered).fill('submitted'), ...Array<ResponseStatus>(declined).fill('declined'), ...Array<ResponseStatus>(noComments).fill('no_comments'), ...Array<ResponseStatus>(unanswered).fill('not_started')];
  const stances: Stance[] = ['tillstyrker', 'tillstyrker_med_andringar', 'avstyrker'];
  const matrix: MatrixRow[] = statuses.map((status, n) => ({
    recipientId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    responseId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    position: n + 1,
    organisation: { id: `o${n}`, name: recipientName(n), kind: 'committee' },
    role: 'respond',
    required: true,
    status,
    dueDate: n === 7 ? '2020-12-02' : '2020-11-27',
    extended: n === 7,
    answeredDate: status === 'not_started' ? null : n % 9 === 4 ? '2020-11-30' : '2020-11-26',
    late: status === 'not_started' || (n % 9 === 4 && n !== 7),
    stance: status === 'submitted' ? stances[n % 3] : status === 'no_comments' ? 'inga_synpunkter' : null,
    receivedExternally: false,
    // Every other answer has its protokollsutdrag attached.
    decision: status === 'submitted' ? { meetingDate: '2020-11-19', paragraph: `§ ${n + 10}`, protokollsutdrag: n % 2 === 0 ? { fileName: `Protokollsutdrag § ${n + 10}.pdf`, href: `/x/${n}` } : null } : null,
  }));
  const sections: AnsweredSection[] = matrix
    .filter((row) => row.status === 'submitted')
    .flatMap((row) => statement.sections.map((section, position) => ({ responseId: row.responseId, key: slug(section.heading), heading: section.heading, position, body: section.body, stance: position === 4 ? row.stance : null })));
  const answerReasons = Object.fromEntries(matrix.filter((row) => row.status === 'declined').map((row) => [row.responseId, 'Ärendet berör inte nämndens ansvarsområde.']));
  return {
    consultation: { caseNumber: 'KS 2020/924', title: TITLE, kind: 'program', sender: 'Kommunstyrelsen', dueDate: '2020-11-27', sentDate: '2020-08-28', status },
    coordinator: { name: 'Socialförvaltningen', registerKey: 'socialforvaltningen' },
    groupBy,
    compilation: buildCompilation(matrix, sections),
    answerReasons,
    date: '2020-12-03',
    lastModified: null,
  };
}
