import { z } from 'zod';
import { pageSchema, paginationQuery, uuidSchema } from '../http/schemas';
import type { CommentThread } from './review-comments.service';
import type { ReviewComment } from './review-comment.entity';

/** Comments are never printed: any text but NUL (refused for every field) goes. */
const commentText = z.string().trim().min(1, 'must not be empty').max(4000);

export const addCommentBody = z
  .strictObject({
    sectionKey: z.string().min(1).max(100),
    text: commentText,
    quote: z.string().trim().max(1000).nullish().transform((quote) => quote || null),
  })
  .openapi('NewReviewComment', { description: 'A comment on one section; quote: the words of the section it concerns, as they read now (optional).' });

export const replyBody = z.strictObject({ text: commentText }).openapi('ReviewCommentReply');
export const resolveBody = z.strictObject({ resolved: z.boolean() }).openapi('ReviewCommentResolution');
export const commentParams = z.strictObject({ id: uuidSchema, commentId: uuidSchema });
export const commentsQuery = z.strictObject({ section: z.string().min(1).max(100).optional(), ...paginationQuery });

const commentFields = {
  id: uuidSchema,
  sectionKey: z.string(),
  author: z.object({ name: z.string() }),
  text: z.string(),
  createdAt: z.string(),
};

export const replySchema = z.object(commentFields).openapi('ReviewCommentAnswer');
export const threadSchema = z
  .object({
    ...commentFields,
    quote: z.string().nullable(),
    resolved: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
    replies: z.array(replySchema),
  })
  .openapi('ReviewCommentThread');
export const threadPageSchema = pageSchema(threadSchema, 'ReviewCommentThreadPage');

export const presentReply = (comment: ReviewComment) => ({
  id: comment.id,
  sectionKey: comment.sectionKey,
  author: { name: comment.authorName },
  text: comment.text,
  createdAt: comment.createdAt.toISOString(),
});

export const presentThread = ({ comment, replies }: CommentThread) => ({
  ...presentReply(comment),
  quote: comment.quote,
  resolved: comment.resolvedAt ? { at: comment.resolvedAt.toISOString(), by: comment.resolvedByName } : null,
  replies: replies.map(presentReply),
});
