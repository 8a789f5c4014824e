import { Attachment } from '../attachments/attachment.entity';
import { AnswerSummary } from '../compilation/answer-summary.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { LoginAttempt } from '../auth/login-attempt.entity';
import { Session } from '../auth/session.entity';
import { Consultation } from '../consultations/consultation.entity';
import { RecipientDelivery } from '../deliveries/delivery.entity';
import { DistributionList, DistributionListMember } from '../distribution-lists/distribution-list.entity';
import { DocumentTemplate } from '../documents/document-template.entity';
import { StatementImport } from '../imports/statement-import.entity';
import { Notification } from '../notifications/notification.entity';
import { Organisation } from '../organisations/organisation.entity';
import { RecipientEvent } from '../recipients/recipient-event.entity';
import { RecipientExtension } from '../recipients/recipient-extension.entity';
import { Recipient } from '../recipients/recipient.entity';
import { Reminder } from '../reminders/reminder.entity';
import { Approval } from '../responses/approval.entity';
import { Decision } from '../responses/decision.entity';
import { Response } from '../responses/response.entity';
import { ReviewComment } from '../review-comments/review-comment.entity';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import { StatementRevision } from '../statements/statement-revision.entity';
import { StatementSection } from '../statements/statement-section.entity';
import { Statement } from '../statements/statement.entity';
import { User } from '../users/user.entity';
import { ResumableForm } from '../web/resumable-form.entity';

/** Every entity, listed explicitly so the same list works from ts-jest, tsx and compiled dist. */
export const ENTITIES = [
  Organisation,
  User,
  Session,
  LoginAttempt,
  AuditEvent,
  Consultation,
  DistributionList,
  DistributionListMember,
  Recipient,
  RecipientExtension,
  RecipientEvent,
  Response,
  Reminder,
  RecipientDelivery,
  Attachment,
  Statement,
  StatementSection,
  StatementRevision,
  SectionTemplate,
  Approval,
  Decision,
  ReviewComment,
  DocumentTemplate,
  ResumableForm,
  Notification,
  AnswerSummary,
  StatementImport,
];
