import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who of the answering organisation works on a response (Tilldela, issue 13): whoever first moved
 * it out of not_started, changeable within the organisation (src/responses/response-assignee.ts).
 *
 * Responses already started get the same default: the first user who moved the response out of
 * not_started, as its timeline records, when that user works for the answering organisation (its
 * nämnd or förvaltning: the family of ORGANISATION_FAMILY_SQL). A registrator who recorded an
 * answer from paper, or an admin, is nobody's assignee, and the response stays unassigned.
 */
export const BACKFILL_ASSIGNEES_SQL = `
  UPDATE "responses" p
     SET "assignee_id" = first.actor_user_id
    FROM (SELECT DISTINCT ON (ev.recipient_id) ev.recipient_id, ev.actor_user_id
            FROM "recipient_events" ev
           WHERE ev.type = 'response_status_changed' AND ev.detail ->> 'from' = 'not_started'
           ORDER BY ev.recipient_id, ev.occurred_at, ev.id) first
    JOIN "recipients" r ON r.id = first.recipient_id
    JOIN "users" u ON u.id = first.actor_user_id
    JOIN "organisations" uo ON uo.id = u.organisation_id
   WHERE p.recipient_id = first.recipient_id
     AND p.assignee_id IS NULL
     AND (r.organisation_id = u.organisation_id
          OR r.organisation_id = uo.parent_id AND uo.kind = 'administration'
          OR EXISTS (SELECT 1 FROM "organisations" ro WHERE ro.id = r.organisation_id AND ro.parent_id = u.organisation_id AND ro.kind = 'administration'))`;

export class ResponseAssignee1765700000000 implements MigrationInterface {
  name = 'ResponseAssignee1765700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "responses" ADD "assignee_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_responses_assignee_id" ON "responses" ("assignee_id")`);
    await queryRunner.query(
      `ALTER TABLE "responses" ADD CONSTRAINT "fk_responses_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(BACKFILL_ASSIGNEES_SQL);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "fk_responses_assignee"`);
    await queryRunner.query(`DROP INDEX "ix_responses_assignee_id"`);
    await queryRunner.query(`ALTER TABLE "responses" DROP COLUMN "assignee_id"`);
  }
}
