import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists people open all day (the remiss list's counts per status and late, the deadlines)
 * need each recipient's response status and answer date. Joined from responses, that is one index
 * probe per recipient (1,500 for a page of 50 remisser, 2,000 for a coordinator's deadlines: most
 * of their time on the reference data). A copy on the recipient, kept by a trigger on responses
 * (one response per recipient, so the copy has one source), makes both one index-only range scan.
 */
export class RecipientResponseState1765094400000 implements MigrationInterface {
  name = 'RecipientResponseState1765094400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Migrations run under the app's 30 s statement timeout; this rewrites every recipient.
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD "response_status" character varying(20) NOT NULL DEFAULT 'not_started', ADD "response_answered_date" date`);
    await queryRunner.query(`UPDATE "recipients" r SET "response_status" = p."status", "response_answered_date" = p."answered_date" FROM "responses" p WHERE p."recipient_id" = r."id"`);
    await queryRunner.query(`
      CREATE FUNCTION recipient_response_state() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE recipients SET response_status = NEW.status, response_answered_date = NEW.answered_date
         WHERE id = NEW.recipient_id AND (response_status, response_answered_date) IS DISTINCT FROM (NEW.status, NEW.answered_date);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER recipient_response_state AFTER INSERT OR UPDATE OF status, answered_date, recipient_id ON responses FOR EACH ROW EXECUTE FUNCTION recipient_response_state()`,
    );
    // The counts of a page of remisser: every recipient of each, index-only.
    await queryRunner.query(
      `CREATE INDEX "ix_recipients_response_state" ON "recipients" ("consultation_id") INCLUDE ("role", "sent_at", "extended_due_date", "response_status", "response_answered_date")`,
    );
    // The deadlines: answers still owed, by remiss (coordinated, all) or by organisation (received).
    const owed = `WHERE "role" = 'respond' AND "sent_at" IS NOT NULL AND "response_status" NOT IN ('submitted', 'declined', 'no_comments')`;
    await queryRunner.query(`CREATE INDEX "ix_recipients_owed_by_consultation" ON "recipients" ("consultation_id") INCLUDE ("id", "organisation_id", "position", "extended_due_date", "response_status") ${owed}`);
    await queryRunner.query(`CREATE INDEX "ix_recipients_owed_by_organisation" ON "recipients" ("organisation_id") INCLUDE ("id", "consultation_id", "position", "extended_due_date", "response_status") ${owed}`);
    await queryRunner.query(`ANALYZE "recipients"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_recipients_owed_by_organisation"`);
    await queryRunner.query(`DROP INDEX "ix_recipients_owed_by_consultation"`);
    await queryRunner.query(`DROP INDEX "ix_recipients_response_state"`);
    await queryRunner.query(`DROP TRIGGER recipient_response_state ON responses`);
    await queryRunner.query(`DROP FUNCTION recipient_response_state()`);
    await queryRunner.query(`ALTER TABLE "recipients" DROP COLUMN "response_answered_date", DROP COLUMN "response_status"`);
  }
}
