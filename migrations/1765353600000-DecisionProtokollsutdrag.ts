import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nämnd's decision is its own document, the protokollsutdrag, not a section of the
 * tjänsteutlåtande: a response's file may be the protokollsutdrag of one of its decisions.
 */
export class DecisionProtokollsutdrag1765353600000 implements MigrationInterface {
  name = 'DecisionProtokollsutdrag1765353600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" ADD "decision_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_attachments_decision_id" ON "attachments" ("decision_id")`);
    await queryRunner.query(
      `ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_decision" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_decision"`);
    await queryRunner.query(`DROP INDEX "uq_attachments_decision_id"`);
    await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "decision_id"`);
  }
}
