import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remissvar: statements with sections and revisions, the section catalogue, approvals and decisions. */
export class Statements1763971200000 implements MigrationInterface {
  name = 'Statements1763971200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "response_id" uuid NOT NULL, "user_id" uuid, "name" character varying(200) NOT NULL, "title" character varying(120) NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_690417aaefa84d18b1a59e2a499" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_approvals_response_id" ON "approvals"  ("response_id") `);
    await queryRunner.query(`CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "response_id" uuid NOT NULL, "meeting_date" date NOT NULL, "paragraph" character varying(20) NOT NULL, "outcome" character varying(30) NOT NULL, "decision_text" text NOT NULL, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_decisions_outcome" CHECK ("outcome" IN ('approved_as_proposed', 'approved_with_changes', 'referred_back')), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_decisions_response_id" ON "decisions"  ("response_id") `);
    await queryRunner.query(`CREATE TABLE "section_templates" ("key" character varying(60) NOT NULL, "heading" character varying(200) NOT NULL, "position" integer NOT NULL, "standard" boolean NOT NULL DEFAULT true, "required" boolean NOT NULL DEFAULT false, "defaults" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f6f3e68f990257a4b7938b71966" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "statements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "response_id" uuid NOT NULL, "header" jsonb NOT NULL, "signatories" jsonb NOT NULL DEFAULT '[]', "enclosures" jsonb NOT NULL DEFAULT '[]', "stance" character varying(30), "version" integer NOT NULL DEFAULT '1', "header_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_6d6e450b2be67186a305db5b30" UNIQUE ("response_id"), CONSTRAINT "ck_statements_stance" CHECK ("stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')), CONSTRAINT "PK_7f53bcddeb706df7ea7eec10b8d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_statements_response_id" ON "statements"  ("response_id") `);
    await queryRunner.query(`CREATE TABLE "statement_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "statement_id" uuid NOT NULL, "number" integer NOT NULL, "kind" character varying(20) NOT NULL, "section_key" character varying(60), "author_user_id" uuid, "author_name" character varying(200) NOT NULL, "reason" character varying(1000), "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cf435b79ce997c67da79b9933c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_statement_revisions_statement_number" ON "statement_revisions"  ("statement_id", "number") `);
    await queryRunner.query(`CREATE TABLE "statement_sections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "statement_id" uuid NOT NULL, "key" character varying(60) NOT NULL, "heading" character varying(200) NOT NULL, "position" integer NOT NULL, "body" jsonb NOT NULL, "stance" character varying(30), "version" integer NOT NULL DEFAULT '1', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_statement_sections_stance" CHECK ("stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')), CONSTRAINT "PK_32c770df9a584a6a0e9c8b87052" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_statement_sections_statement_key" ON "statement_sections"  ("statement_id", "key") `);
    await queryRunner.query(`ALTER TABLE "responses" ADD "declined_reason" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "responses" ADD "stance" character varying(30)`);
    await queryRunner.query(`ALTER TABLE "responses" ADD "received_externally" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "responses" ADD "shared_with_coordinator" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "ck_responses_stance" CHECK ("stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter'))`);
    await queryRunner.query(`ALTER TABLE "approvals" ADD CONSTRAINT "fk_approvals_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "fk_decisions_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statements" ADD CONSTRAINT "fk_statements_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statement_revisions" ADD CONSTRAINT "fk_statement_revisions_statement" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statement_sections" ADD CONSTRAINT "fk_statement_sections_statement" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['statement_revisions', 'statement_sections', 'statements', 'decisions', 'approvals', 'section_templates']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "ck_responses_stance"`);
    for (const column of ['declined_reason', 'stance', 'received_externally', 'shared_with_coordinator']) {
      await queryRunner.query(`ALTER TABLE "responses" DROP COLUMN "${column}"`);
    }
  }
}
