import { z } from 'zod';
import { printable } from '../documents/printable-text';
import { pageSchema, paginationQuery, uuidSchema } from '../http/schemas';

export const attachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string().openapi({ description: "The uploader's file name, cleaned; display only" }),
    contentType: z.string().openapi({ description: 'Detected from the content, not taken from the client' }),
    sizeBytes: z.number().int(),
    sha256: z.string().openapi({ description: 'Hex SHA-256 of the content; also the download ETag' }),
    description: z.string().nullable(),
    uploadedAt: z.string(),
    uploadedBy: z.string().nullable().openapi({ description: 'User id of the uploader' }),
    answerDocument: z.boolean().openapi({
      description: "On a response: the answer document itself (added by a registrator for an answer that came outside the system), else a bilaga of the statement, readable only as the statement is",
    }),
  })
  .openapi('Attachment');

export const attachmentPageSchema = pageSchema(attachmentSchema, 'AttachmentPage');

export const attachmentParams = z.strictObject({ id: uuidSchema, attachmentId: uuidSchema });

export const listAttachmentsQuery = z.strictObject({ ...paginationQuery });
export type ListAttachmentsQuery = z.infer<typeof listAttachmentsQuery>;

/** The text parts of an upload form, next to the file part. */
const description = z.string().trim().max(500, 'must be at most 500 characters');
const descriptionDoc = { description: 'Optional description, e.g. "Remisshandling: förslag till program"' };
export const uploadFields = z.strictObject({ description: description.optional().openapi(descriptionDoc) });
export type UploadFields = z.infer<typeof uploadFields>;

/** The same for a remisshandling, whose description the remissbrev prints. */
export const printedUploadFields = z.strictObject({ description: description.superRefine(printable).optional().openapi(descriptionDoc) });
