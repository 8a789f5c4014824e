import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A response's file is either the answer document (added by a registrator for an answer that came
 * on paper or by e-mail) or a bilaga of the organisation's statement, and they are read by
 * different rules (Attachment.answerDocument). Files already on responses count as answer
 * documents when a registrator or admin added them.
 */
export class AttachmentAnswerDocuments1764662400000 implements MigrationInterface {
  name = 'AttachmentAnswerDocuments1764662400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" ADD "answer_document" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE "attachments" a SET "answer_document" = true FROM "users" u
        WHERE a."response_id" IS NOT NULL AND u."id" = a."uploaded_by" AND u."roles" && ARRAY['registrator', 'admin']::text[]`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "answer_document"`);
  }
}
