import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sending reaches people: each recipient's remissbrev goes by e-mail to the registratur address in
 * the register (or, without one, by post). One delivery row per recipient, written when the remiss
 * is sent; the queued ones are an outbox for the delivery workers.
 */
export class RecipientDeliveries1765600000000 implements MigrationInterface {
  name = 'RecipientDeliveries1765600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recipient_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "address" character varying(254), "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "lease_token" uuid, "last_error" text, "message_id" character varying(998), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_recipient_deliveries_status" CHECK ("status" IN ('queued', 'sent', 'failed', 'no_address', 'cancelled')), CONSTRAINT "PK_recipient_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recipient_deliveries_recipient" ON "recipient_deliveries" ("recipient_id")`);
    await queryRunner.query(`CREATE INDEX "ix_recipient_deliveries_due" ON "recipient_deliveries" ("next_attempt_at") WHERE "status" = 'queued'`);
    await queryRunner.query(
      `ALTER TABLE "recipient_deliveries" ADD CONSTRAINT "fk_recipient_deliveries_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recipient_deliveries"`);
  }
}
