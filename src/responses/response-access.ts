import type { EntityManager } from 'typeorm';
import { hasRole, isAdmin, type Actor } from '../authz/actor';
import { actingOrganisationIds, findReadableConsultation } from '../consultations/consultation-access';
import type { Consultation } from '../consultations/consultation.entity';
import { forbidden, HttpProblem, notFound } from '../http/problem';
import { Organisation } from '../organisations/organisation.entity';
import { Recipient } from '../recipients/recipient.entity';
import { ANSWERED_STATUSES, Response } from './response.entity';

export interface ResponseScope {
  response: Response;
  recipient: Recipient;
  consultation: Consultation;
  organisation: Organisation;
  /** The caller works for the answering organisation (its nämnd or förvaltning). */
  own: boolean;
  /** The caller's organisation coordinates the remiss. */
  coordinates: boolean;
}

/**
 * Loads a response with everything its rules need. Anyone who may read the remiss may see that a
 * response exists and its status (the status board shows as much); the content has stricter rules,
 * see assertContentReadable.
 */
export async function loadResponseScope(manager: EntityManager, actor: Actor, responseId: string, lock = false): Promise<ResponseScope> {
  const response = await manager.findOne(Response, { where: { id: responseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!response) throw notFound('The response');
  const recipient = await manager.findOneByOrFail(Recipient, { id: response.recipientId });
  const consultation = await findReadableConsultation(manager, actor, recipient.consultationId).catch((error: unknown) => {
    // An unreadable remiss hides its responses too; anything else (a lost database) stays what it is.
    throw error instanceof HttpProblem && error.status === 404 ? notFound('The response') : error;
  });
  const mine = await actingOrganisationIds(manager, actor);
  return {
    response,
    recipient,
    consultation,
    organisation: await manager.findOneByOrFail(Organisation, { id: recipient.organisationId }),
    own: mine.includes(recipient.organisationId),
    coordinates: hasRole(actor, 'coordinator') && !!consultation.coordinatorId && mine.includes(consultation.coordinatorId),
  };
}

/**
 * Whether the response's statement is its answer: submitted through the workflow. An answer that
 * came on paper or by e-mail is submitted too, but a statement begun before it is not what was
 * answered. The search keeps the same rule in SQL (`published`, migration PublishedStatements).
 */
export function isPublishedStatement(response: Pick<Response, 'status' | 'receivedExternally'>): boolean {
  return response.status === 'submitted' && !response.receivedExternally;
}

/** isPublishedStatement in SQL, for a response aliased `p`. */
export const PUBLISHED_STATEMENT_SQL = `(p.status = 'submitted' AND NOT p.received_externally)`;

/**
 * Drafts are the answering organisation's own: other organisations get 404, as if the draft did
 * not exist. Once answered, everyone who may read the remiss may read the answer; the
 * coordinator may also read a draft the organisation chose to share. Admins read everything.
 * A statement is published only by submitting it: one begun and then abandoned for "avstår",
 * "inga synpunkter" or an answer recorded outside the system stays a draft (isPublishedStatement).
 */
export function mayReadContent(scope: ResponseScope, actor: Actor, what: 'answer' | 'statement' = 'answer'): boolean {
  if (scope.own || isAdmin(actor)) return true;
  if (what === 'statement' ? isPublishedStatement(scope.response) : ANSWERED_STATUSES.includes(scope.response.status)) return true;
  return scope.coordinates && scope.response.sharedWithCoordinator;
}

/**
 * The response's own record (its timeline of who did what, approvals and decisions, whether a
 * statement exists, whom it is shared with, its version) is the answering organisation's working
 * material until it has answered. Before that, everyone else sees no more than the status board
 * shows (status, due date, answered date, late). That includes the coordinator of a draft shared
 * with it: sharing opens the statement's text (mayReadContent), not the organisation's internal
 * steps. Once answered, the answer and its history are a public record like the statement.
 */
export function mayReadWorkingMaterial(scope: ResponseScope, actor: Actor): boolean {
  return scope.own || isAdmin(actor) || ANSWERED_STATUSES.includes(scope.response.status);
}

/** mayReadWorkingMaterial, or 404 as if it did not exist. */
export function assertWorkingMaterialReadable(scope: ResponseScope, actor: Actor): void {
  if (!mayReadWorkingMaterial(scope, actor)) throw notFound('The response');
}

/** mayReadContent, or 404 as if the content did not exist. */
export function assertContentReadable(scope: ResponseScope, actor: Actor, what: 'answer' | 'statement' = 'answer'): void {
  if (!mayReadContent(scope, actor, what)) throw notFound('The response');
}

/**
 * The statement (its text, its header and its bilagor) changes only while the answer is being
 * drafted: from review on it is what the attestant approves, the nämnd decides and the sender gets.
 */
export function isBeingDrafted(response: Pick<Response, 'status'>): boolean {
  return response.status === 'drafting';
}

/** Whom the organisation shares its draft with is its handläggare's and attestanters' choice (and admins'). */
export function mayShare(scope: ResponseScope, actor: Actor): boolean {
  return isAdmin(actor) || (scope.own && hasRole(actor, 'handlaggare', 'attestant'));
}

/** The answering organisation's own handläggare or attestant: whose uploads are bilagor of the statement. */
export function isOwnStaff(scope: ResponseScope, actor: Actor): boolean {
  return scope.own && hasRole(actor, 'handlaggare', 'attestant');
}

/** Only the answering organisation's handläggare (and admins) write its statement. */
/** Whether the actor may write the statement at all (assertCanEdit without the throwing). */
export function mayEdit(scope: ResponseScope, actor: Actor): boolean {
  return mayReadContent(scope, actor) && (isAdmin(actor) || (scope.own && hasRole(actor, 'handlaggare')));
}

export function assertCanEdit(scope: ResponseScope, actor: Actor): void {
  assertContentReadable(scope, actor);
  if (!mayEdit(scope, actor)) throw forbidden("Only the answering organisation's handläggare may edit its statement.");
}
