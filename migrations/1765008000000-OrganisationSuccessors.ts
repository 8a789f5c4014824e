import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register is history (DESIGN.md §2): a retired nämnd or förvaltning names the body that took
 * over its work, so a sändlista sent after a merger reaches the successor. The dates and
 * successors of the register's own entries are filled in by the register seed.
 */
export class OrganisationSuccessors1765008000000 implements MigrationInterface {
  name = 'OrganisationSuccessors1765008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" ADD "successor_id" uuid`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "ck_organisations_successor_not_self" CHECK ("successor_id" IS NULL OR "successor_id" <> "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_successor_id" ON "organisations" ("successor_id") `);
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations_successor" FOREIGN KEY ("successor_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisations_successor"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_successor_id"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_successor_not_self"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "successor_id"`);
  }
}
