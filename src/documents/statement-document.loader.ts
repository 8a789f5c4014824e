import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { Consultation } from '../consultations/consultation.entity';
import { notFound } from '../http/problem';
import { Organisation } from '../organisations/organisation.entity';
import { Recipient } from '../recipients/recipient.entity';
import { Approval } from '../responses/approval.entity';
import { Response } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import { sectionsOf } from '../statements/statement-snapshot';
import { Statement } from '../statements/statement.entity';
import type { StatementDocumentModel } from './document-model';

/** Until attested, a tjänsteutlåtande is a draft and is marked as one. */
const DRAFT_STATUSES: ReadonlySet<string> = new Set(['not_started', 'drafting', 'in_review']);

/**
 * The document model of a response's tjänsteutlåtande, read in one go. No access checks here:
 * callers check first (documents.service.ts uses the same rules as GET …/statement), so that
 * batch jobs such as the compilation can reuse the loader.
 */
export async function loadStatementDocument(manager: EntityManager, responseId: string): Promise<StatementDocumentModel> {
  const statement = await manager.findOneBy(Statement, { responseId });
  if (!statement) throw notFound('The statement');
  const response = await manager.findOneByOrFail(Response, { id: responseId });
  const recipient = await manager.findOneByOrFail(Recipient, { id: response.recipientId });
  const consultation = await manager.findOneByOrFail(Consultation, { id: recipient.consultationId });
  // One query at a time: the manager may be a transaction's, whose single connection must not be shared.
  const sections = await sectionsOf(manager, statement.id);
  // Attest is given to one version: approvals from before the statement last went (back) to review
  // were for text that has since been reworked (returned to drafting, or återremitterad).
  const [review]: Array<{ since: Date | null }> = await manager.query(
    `SELECT max(occurred_at) AS since FROM recipient_events WHERE recipient_id = $1 AND type = 'response_status_changed' AND detail ->> 'to' = 'in_review'`,
    [recipient.id],
  );
  const approvals = await manager.find(Approval, { where: { responseId, ...(review?.since ? { approvedAt: MoreThanOrEqual(review.since) } : {}) }, order: { approvedAt: 'ASC' } });
  const sender = await manager.findOneBy(Organisation, { id: consultation.senderId });
  // The header names the förvaltning as text; its register key picks the footer address.
  const administration = await manager.createQueryBuilder(Organisation, 'o').where('lower(o.name) = lower(:name)', { name: statement.header.administration }).orderBy('o.register_key', 'ASC').getOne();
  const header = statement.header;
  return {
    administration: { name: header.administration, registerKey: administration?.registerKey ?? null, department: header.department },
    officer: header.officer,
    to: header.to,
    date: header.date,
    caseNumber: header.ownCaseNumber,
    remissCaseNumber: header.remissCaseNumber,
    title: header.title,
    subtitle: header.subtitle,
    stance: statement.stance,
    sections: sections.filter((s) => s.body.length > 0).map((s) => ({ heading: s.heading, body: s.body, stance: s.stance })),
    signatories: statement.signatories,
    enclosures: statement.enclosures,
    approvals: approvals.map((a) => ({ name: a.name, title: a.title, date: todayInStockholm(a.approvedAt) })),
    consultation: { caseNumber: consultation.caseNumber, title: consultation.title, sender: sender?.name ?? '' },
    lastModified: statement.updatedAt.toISOString(),
    draft: DRAFT_STATUSES.has(response.status),
  };
}
