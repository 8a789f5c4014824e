import type { DataSource, EntityManager } from 'typeorm';
import { hasRole, isAdmin, type Actor, type RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';
import { queueTurnNotifications } from '../notifications/notification-queue';
import { recordRecipientEvents } from '../recipients/recipient-events';
import { RecipientEvent } from '../recipients/recipient-event.entity';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import { todayInStockholm } from '../shared/dates';
import { holdsText } from '../statements/statement-body';
import { createDraftStatement } from '../statements/statement-draft';
import { sectionsOf } from '../statements/statement-snapshot';
import { Statement } from '../statements/statement.entity';
import { findStatement } from '../statements/statements.service';
import { User } from '../users/user.entity';
import type { Attachment } from '../attachments/attachment.entity';
import { Approval } from './approval.entity';
import { Decision } from './decision.entity';
import { protokollsutdragOf } from './protokollsutdrag.service';
import { loadResponseScope, mayReadWorkingMaterial, mayShare, type ResponseScope } from './response-access';
import { ANSWERED_STATUSES, Response, type ResponseStatus } from './response.entity';
import { assignableUser, assigneeCandidates, auditOfAssignment, startsAsAssignee, type Assignee } from './response-assignee';
import type { TransitionInput } from './responses.schemas';
import { TRANSITIONS, whyNotAllowed } from './transition-rules';
import type { IfMatch } from '../http/etag';
import { assertVersion } from '../db/versioned-write';

export interface ResponseView {
  scope: ResponseScope;
  /** mayReadWorkingMaterial: false leaves the view at what the status board shows. */
  full: boolean;
  /** Who works on it (Tilldela); working material, so null unless full. */
  assignee: Assignee | null;
  hasStatement: boolean;
  approvals: Approval[];
  decisions: Decision[];
  /** The protokollsutdrag attached to each decision, by decision id. */
  protokollsutdrag: Map<string, Attachment>;
  timeline: RecipientEvent[];
}

export class ResponsesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(responseId: string, actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<ResponseView> {
    return this.viewOf(manager, await loadResponseScope(manager, actor, responseId), actor);
  }

  /**
   * The answering organisation's workspace (the answer page): the response as get() shows it and
   * whom it may be assigned to, from one load of its scope; 404 for anyone else, as
   * assigneeCandidates answers.
   */
  async workspace(responseId: string, actor: Actor, page: { limit: number; offset: number }): Promise<{ view: ResponseView; candidates: { users: Assignee[]; total: number } }> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    if (!scope.own && !isAdmin(actor)) throw notFound('The response');
    const candidates = await assigneeCandidates(manager, scope, page);
    return { view: await this.viewOf(manager, scope, actor), candidates };
  }

  private async viewOf(manager: EntityManager, scope: ResponseScope, actor: Actor): Promise<ResponseView> {
    const responseId = scope.response.id;
    if (!mayReadWorkingMaterial(scope, actor)) return { scope, full: false, assignee: null, hasStatement: false, approvals: [], decisions: [], protokollsutdrag: new Map(), timeline: [] };
    // One after the other: inside a transaction the manager has one connection, which runs one
    // query at a time anyway (and pg 9 will refuse queries issued while another runs).
    const approvals = await manager.find(Approval, { where: { responseId }, order: { approvedAt: 'ASC' } });
    const decisions = await manager.find(Decision, { where: { responseId }, order: { recordedAt: 'ASC' } });
    const protokollsutdrag = await protokollsutdragOf(manager, decisions.map((d) => d.id));
    const timeline = await manager.find(RecipientEvent, { where: { recipientId: scope.recipient.id }, order: { occurredAt: 'ASC', id: 'ASC' }, take: 500 });
    const hasStatement = await manager.existsBy(Statement, { responseId });
    const assignee = scope.response.assigneeId ? await manager.findOne(User, { select: { id: true, name: true, title: true }, where: { id: scope.response.assigneeId } }) : null;
    return { scope, full: true, assignee: assignee && { id: assignee.id, name: assignee.name, title: assignee.title }, hasStatement, approvals, decisions, protokollsutdrag, timeline };
  }

  async transition(responseId: string, input: TransitionInput, ifMatch: IfMatch | undefined, context: RequestContext): Promise<ResponseView> {
    const actor = context.actor!;
    const rule = TRANSITIONS[input.action];
    return this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      const actsForRegistrator = rule.registrator && hasRole(actor, 'registrator');
      // Another organisation's response is invisible to it (404), not merely forbidden.
      if (!scope.own && !isAdmin(actor) && !actsForRegistrator) throw notFound('The response');
      const refusal = whyNotAllowed(input.action, actor, scope.own);
      if (refusal) throw forbidden(refusal);
      const from = scope.response.status;
      assertVersion(scope.response, ifMatch);
      if (!rule.from.includes(from)) {
        throw conflict(`Cannot ${input.action.replace(/_/g, ' ')} a response that is ${from}; it must be ${rule.from.join(' or ')}.`, 'invalid-transition');
      }
      if (scope.consultation.status === 'cancelled') throw conflict('The remiss is cancelled.', 'consultation-cancelled');
      if (!scope.recipient.sentAt) throw conflict('The remiss has not been sent to this remissinstans yet; there is nothing to answer.', 'not-sent');
      const changes = await applyAction(manager, scope, input, actor);
      const to = changes.status ?? rule.to;
      // Whoever of the organisation first moves it out of not_started works on it, until someone is assigned.
      const assigns = from === 'not_started' && startsAsAssignee(scope, actor);
      await manager.update(Response, { id: responseId }, { ...changes, ...(assigns ? { assigneeId: actor.userId } : {}), status: to, statusChangedAt: new Date(), version: scope.response.version + 1 });
      if (assigns) await recordAudit(manager, context, auditOfAssignment(scope, null, actor.userId, 'start'));
      await recordRecipientEvents(manager, [scope.recipient.id], 'response_status_changed', actor.userId, { action: input.action, from, to });
      await queueTurnNotifications(manager, scope, input.action, actor.userId, scope.response.version + 1);
      await recordAudit(manager, context, {
        action: `response.${input.action}`,
        entityType: 'response',
        entityId: responseId,
        organisationId: scope.recipient.organisationId,
        before: { status: from },
        after: { status: to, ...input },
      });
      return this.get(responseId, actor, manager);
    });
  }

  /** Tilldela: the organisation's handläggare or attestant (or an admin) gives the response to another of its own. */
  async assign(responseId: string, ifMatch: IfMatch, assigneeId: string, context: RequestContext): Promise<ResponseView> {
    const actor = context.actor!;
    return this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      if (!scope.own && !isAdmin(actor)) throw notFound('The response');
      if (!hasRole(actor, 'handlaggare', 'attestant', 'admin')) throw forbidden("Only the answering organisation's handläggare and attestanter assign its response.");
      assertVersion(scope.response, ifMatch);
      if (ANSWERED_STATUSES.includes(scope.response.status)) throw conflict(`The response has been answered (${scope.response.status}); whom it was assigned to is part of the record now.`, 'response-answered');
      const user = await assignableUser(manager, scope, assigneeId);
      if (user.id !== scope.response.assigneeId) {
        await manager.update(Response, { id: responseId }, { assigneeId: user.id, version: scope.response.version + 1 });
        await recordAudit(manager, context, auditOfAssignment(scope, scope.response.assigneeId, user.id, 'assigned'));
      }
      return this.get(responseId, actor, manager);
    });
  }

  /** Whom the response may be assigned to: for the organisation itself and admins (others 404, as its working material). */
  async assigneeCandidates(responseId: string, actor: Actor, page: { limit: number; offset: number }) {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    if (!scope.own && !isAdmin(actor)) throw notFound('The response');
    const { users, total } = await assigneeCandidates(manager, scope, page);
    return { users, total };
  }

  /** What a draft still lacks before its review, for the answering organisation (others 404, as its working material). */
  async readinessForReview(responseId: string, actor: Actor): Promise<ReviewReadiness> {
    const scope = await loadResponseScope(this.dataSource.manager, actor, responseId);
    if (!scope.own && !isAdmin(actor)) throw notFound('The response');
    return reviewReadiness(this.dataSource.manager, scope);
  }

  async share(responseId: string, ifMatch: IfMatch, shared: boolean, context: RequestContext): Promise<ResponseView> {
    const actor = context.actor!;
    return this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      if (!scope.own && !isAdmin(actor)) throw notFound('The response');
      if (!mayShare(scope, actor)) throw forbidden('Only the answering organisation decides whom to share its draft with.');
      assertVersion(scope.response, ifMatch);
      await manager.update(Response, { id: responseId }, { sharedWithCoordinator: shared, version: scope.response.version + 1 });
      await recordAudit(manager, context, { action: 'response.sharing_changed', entityType: 'response', entityId: responseId, organisationId: scope.recipient.organisationId, before: { sharedWithCoordinator: scope.response.sharedWithCoordinator }, after: { sharedWithCoordinator: shared } });
      return this.get(responseId, actor, manager);
    });
  }
}

/** The side effects of each action; answers the response fields to set (and a status when it differs from the rule's). */
async function applyAction(manager: EntityManager, scope: ResponseScope, input: TransitionInput, actor: Actor): Promise<Partial<Response> & { status?: ResponseStatus }> {
  const today = todayInStockholm();
  switch (input.action) {
    case 'start':
      if (!(await manager.existsBy(Statement, { responseId: scope.response.id }))) await createDraftStatement(manager, scope, actor);
      return {};
    case 'submit_for_review':
      await assertReadyForReview(manager, scope);
      return {};
    case 'return_to_drafting':
      return {};
    case 'approve': {
      const user = await manager.findOneByOrFail(User, { id: actor.userId });
      await manager.insert(Approval, { responseId: scope.response.id, userId: actor.userId, name: user.name, title: user.title ?? 'Attestant' });
      return {};
    }
    case 'decide':
      await manager.insert(Decision, { responseId: scope.response.id, meetingDate: input.meetingDate, paragraph: input.paragraph, outcome: input.outcome, decisionText: input.decisionText, recordedBy: actor.userId });
      // Återremitterad: the nämnd sends it back, so the förvaltning drafts again.
      return input.outcome === 'referred_back' ? { status: 'drafting' } : {};
    case 'submit': {
      const statement = await manager.findOneBy(Statement, { responseId: scope.response.id });
      return { answeredDate: answerDate(scope, input.submittedDate ?? today, 'submittedDate', today), stance: statement?.stance ?? null };
    }
    case 'decline':
      return { answeredDate: answerDate(scope, input.answeredDate ?? today, 'answeredDate', today), answerReason: input.reason || null };
    case 'no_comments':
      return { answeredDate: answerDate(scope, input.answeredDate ?? today, 'answeredDate', today), stance: 'inga_synpunkter', answerReason: input.reason || null };
    case 'record_external':
      return { answeredDate: answerDate(scope, input.receivedDate, 'receivedDate', today), stance: input.stance, receivedExternally: true };
  }
}

/**
 * The day an answer reached the sender decides whether it was late, so it must be a day it can
 * have: not before the remiss was sent to this recipient, not after today.
 */
function answerDate(scope: ResponseScope, date: string, field: string, today: string): string {
  const sent = scope.recipient.sentAt ? todayInStockholm(scope.recipient.sentAt) : null;
  if (date > today) throw badRequest('An answer cannot arrive in the future.', [{ path: `body.${field}`, message: `must not be after today (${today})` }]);
  if (sent && date < sent) throw badRequest('An answer cannot arrive before the remiss was sent.', [{ path: `body.${field}`, message: `must not be before ${sent}, the day the remiss was sent to this remissinstans` }]);
  return date;
}

/** What still stands between a draft and its review: required sections without text, and the stance. */
export interface ReviewReadiness {
  /** `present`: the statement has the section (else the catalogue made it required after the draft began). */
  emptyRequired: Array<{ key: string; heading: string; present: boolean }>;
  stanceMissing: boolean;
}

export async function reviewReadiness(manager: EntityManager, scope: ResponseScope): Promise<ReviewReadiness> {
  const statement = await findStatement(manager, scope);
  const required = await manager.find(SectionTemplate, { where: { required: true }, order: { position: 'ASC' } });
  const sections = new Map((await sectionsOf(manager, statement.id)).map((s) => [s.key, s]));
  // A section of sub-headings alone holds no text yet.
  const emptyRequired = required.filter((t) => !holdsText(sections.get(t.key)?.body ?? [])).map((t) => ({ key: t.key, heading: sections.get(t.key)?.heading ?? t.heading, present: sections.has(t.key) }));
  return { emptyRequired, stanceMissing: !statement.stance };
}

/**
 * What goes to review is what will be answered: every required section holds text, and the
 * statement says where the organisation stands. The stance is the answer's (copied at submit) and
 * the compilation's stance column: without it the answer would count as saying nothing.
 */
async function assertReadyForReview(manager: EntityManager, scope: ResponseScope): Promise<void> {
  const { emptyRequired, stanceMissing } = await reviewReadiness(manager, scope);
  if (emptyRequired.length) throw conflict(`These required sections are empty: ${emptyRequired.map((s) => s.heading).join(', ')}.`, 'required-sections-empty');
  if (stanceMissing) {
    throw conflict(
      'Yttrandet saknar ställningstagande: välj tillstyrker, tillstyrker med ändringar, avstyrker eller inga synpunkter (stance) innan det går till granskning.',
      'stance-missing',
    );
  }
}
