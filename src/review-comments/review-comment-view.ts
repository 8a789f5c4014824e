import type { CommentThread } from './review-comments.service';

/** A thread as the section page shows it: opening comment, quote, answers, whether and by whom it was resolved. */
export function presentThreadForPage({ comment, replies }: CommentThread) {
  return {
    id: comment.id,
    author: comment.authorName,
    at: comment.createdAt,
    text: comment.text,
    quote: comment.quote,
    resolved: comment.resolvedAt ? { at: comment.resolvedAt, by: comment.resolvedByName } : null,
    replies: replies.map((r) => ({ author: r.authorName, at: r.createdAt, text: r.text })),
  };
}
