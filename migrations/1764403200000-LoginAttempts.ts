import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The login rate limit's counters, in the database so that every app process counts together. */
export class LoginAttempts1764403200000 implements MigrationInterface {
  name = 'LoginAttempts1764403200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_attempts" ("key_hash" character(64) NOT NULL, "hits" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_login_attempts" PRIMARY KEY ("key_hash"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_attempts_reset_at" ON "login_attempts" ("reset_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempts"`);
  }
}
