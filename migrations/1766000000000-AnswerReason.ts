import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reason of an answer without a tjänsteutlåtande (issue 13): an answer of inga synpunkter may
 * be motivated as one that avstår may give its skäl. The column declined_reason keeps what it holds
 * (only declined answers have one so far) under a name that fits both; the two statuses are final,
 * so one response never needs both.
 */
export class AnswerReason1766000000000 implements MigrationInterface {
  name = 'AnswerReason1766000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "responses" RENAME COLUMN "declined_reason" TO "answer_reason"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // declined_reason held only the reasons of declined answers.
    await queryRunner.query(`UPDATE "responses" SET "answer_reason" = NULL WHERE "status" <> 'declined'`);
    await queryRunner.query(`ALTER TABLE "responses" RENAME COLUMN "answer_reason" TO "declined_reason"`);
  }
}
