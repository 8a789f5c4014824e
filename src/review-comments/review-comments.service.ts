import type { DataSource, EntityManager } from 'typeorm';
import { hasRole, type Actor, type RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';
import { loadResponseScope, type ResponseScope } from '../responses/response-access';
import type { ResponseStatus } from '../responses/response.entity';
import { plainText } from '../statements/statement-body';
import { sectionsOf } from '../statements/statement-snapshot';
import { findStatement } from '../statements/statements.service';
import { User } from '../users/user.entity';
import { ReviewComment } from './review-comment.entity';

/** A comment that opens a thread, with the answers to it in order. */
export interface CommentThread {
  comment: ReviewComment;
  replies: ReviewComment[];
}

export interface CommentAccess {
  read: boolean;
  /** Open a thread (in review). */
  comment: boolean;
  /** Answer and resolve (drafting or in review). */
  answer: boolean;
}

export interface NewComment {
  sectionKey: string;
  text: string;
  quote?: string | null;
}

/** A comment is written while the answer is in review; answered and resolved while it is drafted again, or still in review. */
const COMMENTING: readonly ResponseStatus[] = ['in_review'];
const ANSWERING: readonly ResponseStatus[] = ['drafting', 'in_review'];

/** Whitespace as the section's text has it: a quote copied across a line break still matches. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Review comments: the attestant's and colleagues' remarks on the sections of a draft, and the
 * handläggare's answers. They are the answering organisation's own working material, more closely
 * kept than the draft itself: nobody outside it reads them (404), not the coordinator the draft is
 * shared with, not after the answer is submitted, and not admins (the audit log keeps the record).
 */
export class ReviewCommentsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The threads of a response (of one section when sectionKey is given), oldest first. */
  async threads(responseId: string, actor: Actor, sectionKey?: string): Promise<CommentThread[]> {
    await ownScope(this.dataSource.manager, actor, responseId);
    return this.load(responseId, sectionKey);
  }

  /**
   * For a page that has loaded the response's scope already (the statement and section pages):
   * what the actor may do with the comments now, and the threads they may read, without loading
   * the scope again. The pages show only those forms; the writes check again.
   */
  async forPage(scope: ResponseScope, actor: Actor, sectionKey?: string): Promise<{ access: CommentAccess; threads: CommentThread[] }> {
    const writer = scope.own && hasRole(actor, 'handlaggare', 'attestant');
    const access = { read: scope.own, comment: writer && COMMENTING.includes(scope.response.status), answer: writer && ANSWERING.includes(scope.response.status) };
    return { access, threads: access.read ? await this.load(scope.response.id, sectionKey) : [] };
  }

  private async load(responseId: string, sectionKey?: string): Promise<CommentThread[]> {
    const rows = await this.dataSource.manager.find(ReviewComment, { where: { responseId, ...(sectionKey ? { sectionKey } : {}) }, order: { createdAt: 'ASC', id: 'ASC' }, take: 2000 });
    return threadsOf(rows);
  }

  async add(responseId: string, input: NewComment, context: RequestContext): Promise<ReviewComment> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await writableScope(manager, context.actor!, responseId, COMMENTING, 'Comments are written while the answer is in review');
      const section = (await sectionsOf(manager, (await findStatement(manager, scope)).id)).find((s) => s.key === input.sectionKey);
      if (!section) throw badRequest('The statement has no such section.', [{ path: 'body.sectionKey', message: `is not a section of this statement (${input.sectionKey})` }]);
      const quote = input.quote ? squeeze(input.quote) : null;
      if (quote && !squeeze(plainText(section.body)).includes(quote)) {
        throw badRequest('The quoted words are not in the section.', [{ path: 'body.quote', message: 'must be words from the section as it reads now' }]);
      }
      const comment = await this.save(manager, scope, context, { sectionKey: section.key, text: input.text, quote, parentId: null });
      await recordAudit(manager, context, { action: 'review_comment.added', entityType: 'response', entityId: responseId, organisationId: scope.recipient.organisationId, after: { commentId: comment.id, sectionKey: comment.sectionKey, text: comment.text, quote } });
      return comment;
    });
  }

  async reply(responseId: string, commentId: string, text: string, context: RequestContext): Promise<ReviewComment> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await writableScope(manager, context.actor!, responseId, ANSWERING, 'Comments are answered while the answer is drafted or in review');
      const thread = await openingComment(manager, responseId, commentId);
      const reply = await this.save(manager, scope, context, { sectionKey: thread.sectionKey, text, quote: null, parentId: thread.id });
      await recordAudit(manager, context, { action: 'review_comment.replied', entityType: 'response', entityId: responseId, organisationId: scope.recipient.organisationId, after: { commentId: reply.id, parentId: thread.id, text } });
      return reply;
    });
  }

  /** Marks a thread resolved (or open again): who and when, audited. */
  async resolve(responseId: string, commentId: string, resolved: boolean, context: RequestContext): Promise<ReviewComment> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await writableScope(manager, context.actor!, responseId, ANSWERING, 'Comments are resolved while the answer is drafted or in review');
      const thread = await openingComment(manager, responseId, commentId, true);
      if (!!thread.resolvedAt === resolved) return thread;
      const name = resolved ? await authorName(manager, context.actor!) : null;
      await manager.update(ReviewComment, { id: thread.id }, { resolvedAt: resolved ? new Date() : null, resolvedByName: name });
      await recordAudit(manager, context, {
        action: resolved ? 'review_comment.resolved' : 'review_comment.reopened',
        entityType: 'response',
        entityId: responseId,
        organisationId: scope.recipient.organisationId,
        before: { commentId: thread.id, resolved: !resolved },
        after: { commentId: thread.id, resolved },
      });
      return manager.findOneByOrFail(ReviewComment, { id: thread.id });
    });
  }

  private async save(manager: EntityManager, scope: ResponseScope, context: RequestContext, fields: Pick<ReviewComment, 'sectionKey' | 'text' | 'quote' | 'parentId'>): Promise<ReviewComment> {
    const actor = context.actor!;
    return manager.save(ReviewComment, manager.create(ReviewComment, { ...fields, responseId: scope.response.id, authorId: actor.userId, authorName: await authorName(manager, actor) }));
  }
}

/** Others than the answering organisation get 404 for its comments, as if there were none. */
async function ownScope(manager: EntityManager, actor: Actor, responseId: string, lock = false): Promise<ResponseScope> {
  const scope = await loadResponseScope(manager, actor, responseId, lock);
  if (!scope.own) throw notFound('The review comments');
  return scope;
}

async function writableScope(manager: EntityManager, actor: Actor, responseId: string, statuses: readonly ResponseStatus[], when: string): Promise<ResponseScope> {
  const scope = await ownScope(manager, actor, responseId, true);
  if (!hasRole(actor, 'handlaggare', 'attestant')) throw forbidden("Only the answering organisation's handläggare and attestanter write review comments.");
  if (!statuses.includes(scope.response.status)) throw conflict(`${when}; this one is ${scope.response.status}.`, 'review-comments-closed');
  return scope;
}

async function openingComment(manager: EntityManager, responseId: string, commentId: string, lock = false): Promise<ReviewComment> {
  const comment = await manager.findOne(ReviewComment, { where: { id: commentId, responseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!comment) throw notFound('The comment');
  if (comment.parentId) throw conflict('Answer and resolve the comment that opens the thread, not an answer to it.', 'not-a-thread');
  return comment;
}

async function authorName(manager: EntityManager, actor: Actor): Promise<string> {
  const user = await manager.findOne(User, { select: { name: true }, where: { id: actor.userId } });
  return user?.name ?? actor.username;
}

function threadsOf(rows: ReviewComment[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  for (const row of rows) if (!row.parentId) threads.set(row.id, { comment: row, replies: [] });
  for (const row of rows) if (row.parentId) threads.get(row.parentId)?.replies.push(row);
  return [...threads.values()];
}
