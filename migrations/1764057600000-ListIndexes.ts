import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found with bench:consultations on the reference data set (5,000 remisser, 150,000
 * recipients): free text on remisser by trigrams, and a covering index for answers still owed.
 */
export class ListIndexes1764057600000 implements MigrationInterface {
  name = 'ListIndexes1764057600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_title_trgm" ON "consultations" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_case_number_trgm" ON "consultations" USING gin ("case_number_normalized" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "ix_recipients_awaiting" ON "recipients" ("consultation_id") INCLUDE ("id", "organisation_id", "position", "extended_due_date") WHERE "role" = 'respond' AND "sent_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_recipients_awaiting"`);
    await queryRunner.query(`DROP INDEX "ix_consultations_case_number_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_consultations_title_trgm"`);
  }
}
