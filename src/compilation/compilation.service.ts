import { In, type DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Actor, type RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { actingOrganisationIds, canManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import type { Consultation } from '../consultations/consultation.entity';
import { assertVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';
import { conflict, forbidden, notFound } from '../http/problem';
import { Recipient } from '../recipients/recipient.entity';
import { ANSWERED_STATUSES, Response } from '../responses/response.entity';
import { User } from '../users/user.entity';
import { AnswerSummary } from './answer-summary.entity';
import { buildCompilation, type Compilation } from './compilation-builder';
import { loadAnsweredSections, loadMatrix } from './compilation-data';

export class CompilationService {
  constructor(private readonly dataSource: DataSource) {}

  /** For the coordinating organisation, registrators and admins; the remiss must be readable (else 404). */
  async compile(consultationId: string, actor: Actor): Promise<{ consultation: Consultation; compilation: Compilation }> {
    const manager = this.dataSource.manager;
    const consultation = await assertMayCompile(manager, actor, consultationId);
    const [matrix, sections] = await Promise.all([loadMatrix(manager, consultationId), loadAnsweredSections(manager, consultationId)]);
    const written = await manager.find(AnswerSummary, { where: { responseId: In(matrix.map((row) => row.responseId)) } });
    return { consultation, compilation: buildCompilation(matrix, sections, new Map(written.map((summary) => [summary.responseId, summary]))) };
  }

  /**
   * Svaren i korthet: the coordinator's own line on one answer of the remiss, saved over the
   * suggestion (or the line before) with its ETag ("v0" while only suggested), audited with before
   * and after. Printed in the sammanställning's PDF and exported in place of the suggestion.
   * `text` comes parsed by summaryBody (trimmed, not empty) from both the API and the page.
   */
  async saveSummary(consultationId: string, responseId: string, text: string, ifMatch: IfMatch, context: RequestContext): Promise<void> {
    const actor = context.actor!;
    await this.dataSource.transaction(async (manager) => {
      await assertMayCompile(manager, actor, consultationId);
      const response = await manager.findOne(Response, { where: { id: responseId }, lock: { mode: 'pessimistic_write' } });
      const recipient = response && (await manager.findOneBy(Recipient, { id: response.recipientId }));
      if (!response || recipient?.consultationId !== consultationId) throw notFound('The answer on this remiss');
      if (!ANSWERED_STATUSES.includes(response.status)) throw conflict(`Only an answer is summarised; this one is ${response.status}.`, 'not-answered');
      const current = await manager.findOneBy(AnswerSummary, { responseId });
      assertVersion(current ?? { version: 0 }, ifMatch, 'Someone else saved this line since you read it. Read it again and reapply your change.');
      const user = await manager.findOne(User, { select: { id: true, name: true }, where: { id: actor.userId } });
      const fields = { text, version: (current?.version ?? 0) + 1, updatedBy: actor.userId, updatedByName: user?.name ?? actor.username, updatedAt: new Date() };
      if (current) await manager.update(AnswerSummary, { responseId }, fields);
      else await manager.insert(AnswerSummary, { responseId, ...fields });
      await recordAudit(manager, context, { action: 'compilation.summary_saved', entityType: 'response', entityId: responseId, before: current ? { text: current.text } : { text: null }, after: { consultationId, text } });
    });
  }
}

/** The sammanställning is the coordinating organisation's (its coordinators), registrators' and admins'. */
export async function mayCompile(manager: EntityManager, actor: Actor, consultation: Pick<Consultation, 'coordinatorId'>): Promise<boolean> {
  if (canManageConsultations(actor)) return true;
  return hasRole(actor, 'coordinator') && !!consultation.coordinatorId && (await actingOrganisationIds(manager, actor)).includes(consultation.coordinatorId);
}

async function assertMayCompile(manager: EntityManager, actor: Actor, consultationId: string): Promise<Consultation> {
  const consultation = await findReadableConsultation(manager, actor, consultationId);
  if (!(await mayCompile(manager, actor, consultation))) throw forbidden('The sammanställning is for the coordinating organisation, registrators and admins.');
  return consultation;
}
