import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A remissbrev says what is sent in its own words ("remitterar handlingsplanen"), so the kinds the
 * city sends out get their own values: handlingsplan, strategi, policy, riktlinjer, utredning.
 */
const BEFORE = `'program', 'motion', 'skrivelse', 'betankande', 'promemoria', 'detaljplan', 'other'`;
const AFTER = `'program', 'handlingsplan', 'strategi', 'policy', 'riktlinjer', 'motion', 'skrivelse', 'betankande', 'promemoria', 'utredning', 'detaljplan', 'other'`;

export class ConsultationKinds1765354600000 implements MigrationInterface {
  name = 'ConsultationKinds1765354600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "ck_consultations_kind"`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "ck_consultations_kind" CHECK ("kind" IN (${AFTER}))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "consultations" SET "kind" = 'other' WHERE "kind" NOT IN (${BEFORE})`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "ck_consultations_kind"`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "ck_consultations_kind" CHECK ("kind" IN (${BEFORE}))`);
  }
}
