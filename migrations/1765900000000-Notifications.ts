import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Telling people when it is their turn (issue 14): src/notifications, and each user's choice to get e-mail. */
export class Notifications1765900000000 implements MigrationInterface {
  name = 'Notifications1765900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "event_key" character varying(200) NOT NULL,
      "user_id" uuid NOT NULL,
      "kind" character varying(30) NOT NULL,
      "response_id" uuid NOT NULL,
      "actor_name" character varying(200),
      "status" character varying(20) NOT NULL DEFAULT 'queued',
      "attempts" integer NOT NULL DEFAULT '0',
      "next_attempt_at" TIMESTAMP WITH TIME ZONE,
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_notifications_status" CHECK ("status" IN ('queued', 'sent', 'failed', 'skipped')),
      CONSTRAINT "pk_notifications" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_event_user" ON "notifications" ("event_key", "user_id")`);
    await queryRunner.query(`CREATE INDEX "ix_notifications_due" ON "notifications" ("next_attempt_at") WHERE "status" = 'queued'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "email_notifications" boolean NOT NULL DEFAULT true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_notifications"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
