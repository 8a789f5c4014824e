import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Forms posted after the session ran out, kept for their user through the next login (src/web/form-resume.ts). */
export class ResumableForms1765400000000 implements MigrationInterface {
  name = 'ResumableForms1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "resumable_forms" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "path" varchar(2000) NOT NULL,
      "fields" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_resumable_forms" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "ix_resumable_forms_user_id" ON "resumable_forms" ("user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "resumable_forms"`);
  }
}
