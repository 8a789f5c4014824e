import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Api } from '../http/route';
import { idParams, pageOf } from '../http/schemas';
import {
  addCommentBody,
  commentParams,
  commentsQuery,
  presentReply,
  presentThread,
  replyBody,
  replySchema,
  resolveBody,
  threadPageSchema,
  threadSchema,
} from './review-comments.schemas';
import { ReviewCommentsService } from './review-comments.service';

const WRITERS = ['handlaggare', 'attestant'] as const;
const INSIDE = "The answering organisation's users only: everyone else, the coordinator and admins included, gets 404.";

export function registerReviewCommentRoutes(api: Api, dataSource: DataSource): void {
  const comments = new ReviewCommentsService(dataSource);

  api.add({
    method: 'get',
    path: '/api/responses/:id/comments',
    tag: 'Granskning',
    summary: `The review comments on a draft's sections, each with its answers, oldest first (?section=key for one section). ${INSIDE}`,
    policy: anyUser('response'),
    params: idParams,
    query: commentsQuery,
    response: threadPageSchema,
    errors: [404],
    handler: async ({ params: { id }, query, context }) => pageOf((await comments.threads(id, context.actor!, query.section)).map(presentThread), query),
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/comments',
    tag: 'Granskning',
    summary: `Comment on a section while the answer is in review (409 otherwise); optionally quoting words of the section (400 when they are not in it). Never printed. ${INSIDE}`,
    policy: rolesOnly(WRITERS, 'response'),
    params: idParams,
    body: addCommentBody,
    status: 201,
    response: threadSchema,
    errors: [404, 409],
    handler: async ({ params: { id }, body, context }) => presentThread({ comment: await comments.add(id, body, context), replies: [] }),
  });

  api.add({
    method: 'post',
    path: '/api/responses/:id/comments/:commentId/replies',
    tag: 'Granskning',
    summary: `Answer a comment, while the answer is drafted again or still in review (409 otherwise). ${INSIDE}`,
    policy: rolesOnly(WRITERS, 'response'),
    params: commentParams,
    body: replyBody,
    status: 201,
    response: replySchema,
    errors: [404, 409],
    handler: async ({ params: { id, commentId }, body, context }) => presentReply(await comments.reply(id, commentId, body.text, context)),
  });

  api.add({
    method: 'put',
    path: '/api/responses/:id/comments/:commentId/resolution',
    tag: 'Granskning',
    summary: `Mark a comment resolved ({"resolved": true}) or open again, while the answer is drafted or in review (409 otherwise). ${INSIDE}`,
    policy: rolesOnly(WRITERS, 'response'),
    params: commentParams,
    body: resolveBody,
    response: threadSchema,
    errors: [404, 409],
    handler: async ({ params: { id, commentId }, body, context }) => {
      await comments.resolve(id, commentId, body.resolved, context);
      const threads = await comments.threads(id, context.actor!);
      return presentThread(threads.find((t) => t.comment.id === commentId)!);
    },
  });
}
