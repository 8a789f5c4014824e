import { Foundation1763798400000 } from './1763798400000-Foundation';
import { Consultations1763884800000 } from './1763884800000-Consultations';
import { Statements1763971200000 } from './1763971200000-Statements';
import { ListIndexes1764057600000 } from './1764057600000-ListIndexes';
import { Search1764144000000 } from './1764144000000-Search';
import { DocumentTemplates1764230400000 } from './1764230400000-DocumentTemplates';
import { SearchIndexes1764316800000 } from './1764316800000-SearchIndexes';
import { LoginAttempts1764403200000 } from './1764403200000-LoginAttempts';
import { DuplicateUniqueConstraints1764489600000 } from './1764489600000-DuplicateUniqueConstraints';
import { PublishedStatements1764576000000 } from './1764576000000-PublishedStatements';
import { AttachmentAnswerDocuments1764662400000 } from './1764662400000-AttachmentAnswerDocuments';
import { OrganisationSuccessors1765008000000 } from './1765008000000-OrganisationSuccessors';
import { RecipientResponseState1765094400000 } from './1765094400000-RecipientResponseState';
import { DecisionProtokollsutdrag1765353600000 } from './1765353600000-DecisionProtokollsutdrag';
import { ConsultationKinds1765354600000 } from './1765354600000-ConsultationKinds';
import { ResumableForms1765400000000 } from './1765400000000-ResumableForms';
import { SearchSubheadings1765500000000 } from './1765500000000-SearchSubheadings';
import { RecipientDeliveries1765600000000 } from './1765600000000-RecipientDeliveries';
import { ResponseAssignee1765700000000 } from './1765700000000-ResponseAssignee';
import { ReviewComments1765800000000 } from './1765800000000-ReviewComments';
import { Notifications1765900000000 } from './1765900000000-Notifications';
import { AnswerReason1766000000000 } from './1766000000000-AnswerReason';
import { AnswerSummaries1766100000000 } from './1766100000000-AnswerSummaries';
import { StatementImports1766200000000 } from './1766200000000-StatementImports';

/** Every migration in order. Listed explicitly so ts-jest, tsx and compiled dist all find them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Foundation1763798400000, Consultations1763884800000, Statements1763971200000, ListIndexes1764057600000, Search1764144000000, DocumentTemplates1764230400000, SearchIndexes1764316800000, LoginAttempts1764403200000, DuplicateUniqueConstraints1764489600000, PublishedStatements1764576000000, AttachmentAnswerDocuments1764662400000, OrganisationSuccessors1765008000000, RecipientResponseState1765094400000, DecisionProtokollsutdrag1765353600000, ConsultationKinds1765354600000, ResumableForms1765400000000, SearchSubheadings1765500000000, RecipientDeliveries1765600000000, ResponseAssignee1765700000000, ReviewComments1765800000000, Notifications1765900000000, AnswerReason1766000000000, AnswerSummaries1766100000000, StatementImports1766200000000];
