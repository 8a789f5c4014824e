import { In, IsNull, type DataSource } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { hasRole, type RequestContext } from '../authz/actor';
import { MAX_PAGE_SIZE } from '../http/schemas';
import { Organisation } from '../organisations/organisation.entity';
import { ExtensionsService, presentExtension } from '../recipients/extensions.service';
import { todayInStockholm } from '../shared/dates';
import { workingDaysBetween } from '../shared/working-days';
import { User } from '../users/user.entity';
import { answerTimeline, type AssignmentEvent } from './answer-timeline';
import { isBeingDrafted, mayEdit, mayShare } from './response-access';
import { ANSWERED_STATUSES } from './response.entity';
import { ResponsesService } from './responses.service';
import { TRANSITIONS, whyNotAllowed } from './transition-rules';
import type { TransitionInput } from './responses.schemas';

/** The transitions the answer page offers. */
export type AnswerAction = TransitionInput['action'];

/**
 * Everything the answer page shows, for one reader: the remiss being answered (facts,
 * remisshandlingar, remissbrev, the deadline with its anstånd) and the work on the answer (status,
 * assignee and whom it may go to, timeline), by the same services as the API:
 * ResponsesService.workspace (get and assigneeCandidates from one scope), ExtensionsService.history.
 *
 * The page is the answering organisation's workspace: it is shown to whoever may list the
 * response's assignee candidates (its own handläggare and attestanter, and admins), and is a 404
 * for everyone else, as GET /api/responses/:id/assignee-candidates is. What the reader may do from
 * it comes from the services' rule tables (TRANSITIONS, whyNotAllowed), which also enforce it.
 */
export class AnswerOverview {
  private readonly responses: ResponsesService;
  private readonly extensions: ExtensionsService;

  constructor(private readonly dataSource: DataSource) {
    this.responses = new ResponsesService(dataSource);
    this.extensions = new ExtensionsService(dataSource);
  }

  async answer(responseId: string, context: RequestContext) {
    const actor = context.actor!;
    // The service's 404 for anyone but the answering organisation and admins; the scope loaded once.
    const { view, candidates } = await this.responses.workspace(responseId, actor, { limit: MAX_PAGE_SIZE, offset: 0 });
    const { response, recipient, consultation, organisation, own } = view.scope;
    const manager = this.dataSource.manager;
    const sender = await manager.findOneBy(Organisation, { id: consultation.senderId });
    // The remiss's own files (a response's files follow the response's visibility).
    const attachments = await manager.find(Attachment, { where: { consultationId: consultation.id, responseId: IsNull() }, order: { uploadedAt: 'ASC', id: 'ASC' }, take: 500 });
    const extensions = await this.extensions.history(consultation.id, recipient.id, context);
    const assignments: AssignmentEvent[] = await manager.query(
      `SELECT occurred_at, actor_user_id, after->>'assigneeId' AS assignee_id, after->>'reason' AS reason
         FROM audit_events WHERE entity_type = 'response' AND entity_id = $1 AND action = 'response.assigned'
        ORDER BY occurred_at DESC LIMIT 200`,
      [responseId],
    );
    const names = await this.namesOf([...view.timeline.map((e) => e.actorUserId), ...assignments.flatMap((a) => [a.actor_user_id, a.assignee_id])]);

    const today = todayInStockholm();
    const answered = ANSWERED_STATUSES.includes(response.status);
    const dueDate = recipient.extendedDueDate ?? consultation.dueDate;
    const answerable = consultation.status !== 'cancelled' && !!recipient.sentAt;
    const may = (action: AnswerAction) => answerable && TRANSITIONS[action].from.includes(response.status) && whyNotAllowed(action, actor, own) === null;
    return {
      response: { id: response.id, status: response.status, version: response.version, answeredDate: response.answeredDate, reason: response.answerReason, hasStatement: view.hasStatement, mayImport: view.hasStatement && isBeingDrafted(response) && mayEdit(view.scope, actor) },
      consultation: { id: consultation.id, caseNumber: consultation.caseNumber, title: consultation.title, status: consultation.status, sentDate: consultation.sentDate, dueDate: consultation.dueDate, description: consultation.description },
      sender: sender?.name ?? '',
      organisation: { id: organisation.id, name: organisation.name },
      recipient: { id: recipient.id, sent: !!recipient.sentAt },
      deadline: {
        dueDate,
        extended: !!recipient.extendedDueDate,
        // As lateSql (recipients/lateness.ts): nobody is late on a cancelled remiss.
        overdue: !answered && answerable && !!dueDate && dueDate < today,
        dueToday: !answered && dueDate === today,
        workingDaysLeft: dueDate && !answered ? workingDaysBetween(today, dueDate) : null,
        answeredLate: answered && !!dueDate && !!response.answeredDate && response.answeredDate > dueDate,
      },
      extensions: extensions.map((e) => presentExtension(e, consultation.id)),
      attachments,
      assignee: view.assignee,
      candidates: candidates.users.map((u) => ({ id: u.id, name: u.name, title: u.title })),
      timeline: answerTimeline(view.timeline, assignments, names, organisation.name),
      approvals: view.approvals.map((a) => ({ name: a.name, title: a.title, at: a.approvedAt })),
      decisions: view.decisions.map((d) => ({ ...d, protokollsutdrag: view.protokollsutdrag.get(d.id) ?? null })),
      sharing: { shared: response.sharedWithCoordinator, coordinated: !!consultation.coordinatorId },
      actions: {
        start: may('start'),
        decline: may('decline'),
        noComments: may('no_comments'),
        submitForReview: may('submit_for_review'),
        approve: may('approve'),
        returnToDrafting: may('return_to_drafting'),
        decide: may('decide'),
        submit: may('submit'),
        assign: !answered && hasRole(actor, 'handlaggare', 'attestant', 'admin'),
        // Once answered, everyone reads the answer: sharing the draft means nothing any more.
        share: !answered && !!consultation.coordinatorId && mayShare(view.scope, actor),
        // As ProtokollsutdragService: whoever may record the decision, while the remiss takes files (not once cancelled).
        attachProtokollsutdrag: consultation.status !== 'cancelled' && whyNotAllowed('decide', actor, own) === null,
      },
    };
  }

  private async namesOf(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const users = await this.dataSource.manager.find(User, { select: { id: true, name: true }, where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

export type AnswerPageData = Awaited<ReturnType<AnswerOverview['answer']>>;
