import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * responses.recipient_id and statements.response_id each had two identical unique indexes: the
 * named one and the one TypeORM adds for a OneToOne relation. One is enough; every answer and
 * statement written maintained both.
 */
export class DuplicateUniqueConstraints1764489600000 implements MigrationInterface {
  name = 'DuplicateUniqueConstraints1764489600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "REL_80c9d8f3fd2282ba314f48d766"`);
    await queryRunner.query(`ALTER TABLE "statements" DROP CONSTRAINT "REL_6d6e450b2be67186a305db5b30"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statements" ADD CONSTRAINT "REL_6d6e450b2be67186a305db5b30" UNIQUE ("response_id")`);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "REL_80c9d8f3fd2282ba314f48d766" UNIQUE ("recipient_id")`);
  }
}
