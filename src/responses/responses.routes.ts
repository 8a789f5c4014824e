import type { Response as ExpressResponse } from 'express';
import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { optionalIfMatch, requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { idParams, paginationQuerySchema } from '../http/schemas';
import { todayInStockholm } from '../shared/dates';
import { ANSWERED_STATUSES } from './response.entity';
import { assigneeCandidatePageSchema, assignResponseBody, patchResponseBody, responseSchema, transitionBody } from './responses.schemas';
import { ASSIGNABLE_ROLES } from './response-assignee';
import { ResponsesService, type ResponseView } from './responses.service';

/** Everyone who may read the remiss sees the status board's part; the rest only with view.full (mayReadWorkingMaterial). */
function presentResponse(view: ResponseView, today = todayInStockholm()) {
  const { response, recipient, consultation, organisation } = view.scope;
  const dueDate = recipient.extendedDueDate ?? consultation.dueDate;
  const answered = ANSWERED_STATUSES.includes(response.status);
  // As lateSql (recipients/lateness.ts): nobody is late on a cancelled remiss.
  const late =
    recipient.role === 'respond' && consultation.status !== 'cancelled' && !!dueDate && !!recipient.sentAt && (answered ? !!response.answeredDate && response.answeredDate > dueDate : today > dueDate);
  const full = view.full;
  return {
    id: response.id,
    visibility: full ? ('full' as const) : ('status' as const),
    status: response.status,
    consultation: { id: consultation.id, caseNumber: consultation.caseNumber, title: consultation.title },
    recipient: { id: recipient.id, organisation: { id: organisation.id, name: organisation.name }, dueDate },
    answeredDate: response.answeredDate,
    assignee: full ? view.assignee : null,
    reason: full ? response.answerReason : null,
    declinedReason: full && response.status === 'declined' ? response.answerReason : null,
    stance: full ? response.stance : null,
    receivedExternally: response.receivedExternally,
    sharedWithCoordinator: full ? response.sharedWithCoordinator : null,
    late,
    hasStatement: full ? view.hasStatement : null,
    approvals: view.approvals.map((a) => ({ name: a.name, title: a.title, approvedAt: a.approvedAt.toISOString() })),
    decisions: view.decisions.map((d) => {
      const file = view.protokollsutdrag.get(d.id);
      return {
        id: d.id,
        meetingDate: d.meetingDate,
        paragraph: d.paragraph,
        outcome: d.outcome,
        decisionText: d.decisionText,
        recordedAt: d.recordedAt.toISOString(),
        protokollsutdrag: file ? { fileName: file.fileName, sizeBytes: Number(file.sizeBytes), uploadedAt: file.uploadedAt.toISOString(), href: `/api/responses/${response.id}/decisions/${d.id}/protokollsutdrag` } : null,
      };
    }),
    timeline: view.timeline.map((e) => ({ type: e.type, at: e.occurredAt.toISOString(), actorUserId: e.actorUserId, detail: e.detail })),
    version: full ? response.version : null,
  };
}

/** The version is working material too (it counts the changes): no ETag where the view is the status board's. */
function setResponseEtag(res: ExpressResponse, view: ResponseView): void {
  if (view.full) setEtag(res, view.scope.response.version);
}

export function registerResponseRoutes(api: Api, dataSource: DataSource): void {
  const responses = new ResponsesService(dataSource);

  api.add({
    method: 'get',
    path: '/api/responses/:id',
    tag: 'Remissvar',
    summary: "A recipient's response: status, dates, approvals, decisions and timeline",
    policy: anyUser('response'),
    params: idParams,
    response: responseSchema,
    errors: [404],
    handler: async ({ params, context, res }) => {
      const view = await responses.get(params.id, context.actor!);
      setResponseEtag(res, view);
      return presentResponse(view);
    },
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/transitions',
    tag: 'Remissvar',
    summary: 'Move the response on: start, submit_for_review, return_to_drafting, approve, decide, submit, decline, no_comments, record_external',
    policy: rolesOnly(['handlaggare', 'attestant', 'registrator', 'admin'], 'response'),
    params: idParams,
    body: transitionBody,
    response: responseSchema,
    errors: [404, 409, 412],
    handler: async ({ params, body, context, req, res }) => {
      const view = await responses.transition(params.id, body, optionalIfMatch(req), context);
      setResponseEtag(res, view);
      return presentResponse(view);
    },
  });

  api.add({
    method: 'patch',
    path: '/api/responses/:id',
    tag: 'Remissvar',
    summary: 'Share (or stop sharing) the draft with the coordinating organisation (If-Match required)',
    policy: rolesOnly(['handlaggare', 'attestant', 'admin'], 'response'),
    params: idParams,
    body: patchResponseBody,
    response: responseSchema,
    errors: [404, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await responses.share(params.id, requireIfMatch(req), body.sharedWithCoordinator, context);
      setResponseEtag(res, view);
      return presentResponse(view);
    },
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/assignee',
    tag: 'Remissvar',
    summary: 'Tilldela: give the response to another handläggare or attestant of the answering organisation (If-Match required)',
    policy: rolesOnly(['handlaggare', 'attestant', 'admin'], 'response'),
    params: idParams,
    body: assignResponseBody,
    response: responseSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await responses.assign(params.id, requireIfMatch(req), body.assigneeId, context);
      setResponseEtag(res, view);
      return presentResponse(view);
    },
  });

  api.add({
    method: 'get',
    path: '/api/responses/:id/assignee-candidates',
    tag: 'Remissvar',
    summary: "Whom the response may be assigned to: the answering organisation's active handläggare and attestanter, by name",
    policy: rolesOnly(['handlaggare', 'attestant', 'admin'], 'response'),
    params: idParams,
    query: paginationQuerySchema,
    response: assigneeCandidatePageSchema,
    errors: [404],
    handler: async ({ params, query, context }) => {
      const { users, total } = await responses.assigneeCandidates(params.id, context.actor!, query);
      const items = users.map((u) => ({ id: u.id, name: u.name, title: u.title, roles: u.roles.filter((role) => ASSIGNABLE_ROLES.includes(role)) as Array<'handlaggare' | 'attestant'> }));
      return { items, total, limit: query.limit, offset: query.offset };
    },
  });
}
