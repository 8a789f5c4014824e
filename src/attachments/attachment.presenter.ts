import type { Attachment } from './attachment.entity';

export function presentAttachment(attachment: Attachment) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    // bigint arrives as a string; files are far below 2^53 bytes.
    sizeBytes: Number(attachment.sizeBytes),
    sha256: attachment.sha256,
    description: attachment.description,
    uploadedAt: attachment.uploadedAt.toISOString(),
    uploadedBy: attachment.uploadedBy,
    answerDocument: attachment.answerDocument,
  };
}
