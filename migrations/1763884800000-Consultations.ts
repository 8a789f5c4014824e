import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remisser: consultations, sändlistor, recipients with extensions and events, responses, reminders, attachments. */
export class Consultations1763884800000 implements MigrationInterface {
  name = 'Consultations1763884800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consultations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_number" character varying(60) NOT NULL, "case_number_normalized" character varying(60) NOT NULL, "title" character varying(500) NOT NULL, "kind" character varying(20) NOT NULL, "sender_id" uuid NOT NULL, "coordinator_id" uuid, "registered_date" date NOT NULL, "sent_date" date, "due_date" date, "description" text, "status" character varying(12) NOT NULL DEFAULT 'draft', "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_consultations_due_after_registered" CHECK ("due_date" IS NULL OR "due_date" >= "registered_date"), CONSTRAINT "ck_consultations_status" CHECK ("status" IN ('draft', 'open', 'closed', 'cancelled')), CONSTRAINT "ck_consultations_kind" CHECK ("kind" IN ('program', 'motion', 'skrivelse', 'betankande', 'promemoria', 'detaljplan', 'other')), CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_case_number_normalized" ON "consultations"  ("case_number_normalized") `);
    await queryRunner.query(`CREATE INDEX "ix_consultations_coordinator_id" ON "consultations"  ("coordinator_id") `);
    await queryRunner.query(`CREATE INDEX "ix_consultations_due_date" ON "consultations"  ("due_date") `);
    await queryRunner.query(`CREATE INDEX "ix_consultations_status" ON "consultations"  ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_consultations_sender_case_number" ON "consultations"  ("sender_id", "case_number_normalized") `);
    await queryRunner.query(`CREATE TABLE "distribution_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seed_key" character varying(80), "name" character varying(200) NOT NULL, "description" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f10014ae041fc3b5e0ccd722631" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_distribution_lists_seed_key" ON "distribution_lists"  ("seed_key") `);
    await queryRunner.query(`CREATE TABLE "distribution_list_members" ("list_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_915b09bd9d49ac2e427cf1eb5cf" PRIMARY KEY ("list_id", "organisation_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_distribution_list_members_organisation_id" ON "distribution_list_members"  ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" character varying(20) NOT NULL DEFAULT 'respond', "required" boolean NOT NULL DEFAULT true, "position" integer NOT NULL, "via_list_id" uuid, "sent_at" TIMESTAMP WITH TIME ZONE, "extended_due_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_recipients_role" CHECK ("role" IN ('respond', 'for_information')), CONSTRAINT "PK_de8fc5a9c364568f294798fe1e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recipients_organisation_id" ON "recipients"  ("organisation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_recipients_extended_due_date" ON "recipients"  ("extended_due_date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recipients_consultation_organisation" ON "recipients"  ("consultation_id", "organisation_id") `);
    await queryRunner.query(`CREATE TABLE "responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'not_started', "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_date" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_80c9d8f3fd2282ba314f48d766" UNIQUE ("recipient_id"), CONSTRAINT "ck_responses_status" CHECK ("status" IN ('not_started', 'drafting', 'in_review', 'approved', 'decided', 'submitted', 'declined', 'no_comments')), CONSTRAINT "PK_be3bdac59bd243dff421ad7bf70" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_responses_recipient_id" ON "responses"  ("recipient_id") `);
    await queryRunner.query(`CREATE INDEX "ix_responses_status" ON "responses"  ("status") `);
    await queryRunner.query(`CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "response_id" uuid, "file_name" character varying(255) NOT NULL, "content_type" character varying(120) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "description" character varying(500), "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_attachments_consultation_id" ON "attachments"  ("consultation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_attachments_response_id" ON "attachments"  ("response_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_attachments_storage_key" ON "attachments"  ("storage_key") `);
    await queryRunner.query(`CREATE TABLE "recipient_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "recipient_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "detail" jsonb, CONSTRAINT "PK_651948829318de5ee4b703d5c05" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recipient_events_recipient_at" ON "recipient_events"  ("recipient_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "recipient_extensions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "due_date" date NOT NULL, "previous_due_date" date, "reason" character varying(1000) NOT NULL, "granted_by_user_id" uuid, "granted_by_name" character varying(200) NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e2fc61ad1b4c3e1b57806253e81" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recipient_extensions_recipient_id" ON "recipient_extensions"  ("recipient_id") `);
    await queryRunner.query(`CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "due_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "sent_to" text array NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "ck_reminders_kind" CHECK ("kind" IN ('before_due', 'overdue')), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_pending" ON "reminders"  ("sent_at") WHERE "sent_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_reminders_recipient_kind_due" ON "reminders"  ("recipient_id", "kind", "due_date") `);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_sender" FOREIGN KEY ("sender_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_coordinator" FOREIGN KEY ("coordinator_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "distribution_list_members" ADD CONSTRAINT "fk_distribution_list_members_list" FOREIGN KEY ("list_id") REFERENCES "distribution_lists"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "distribution_list_members" ADD CONSTRAINT "fk_distribution_list_members_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "fk_recipients_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "fk_recipients_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "fk_recipients_via_list" FOREIGN KEY ("via_list_id") REFERENCES "distribution_lists"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "fk_responses_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "fk_attachments_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipient_events" ADD CONSTRAINT "fk_recipient_events_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipient_extensions" ADD CONSTRAINT "fk_recipient_extensions_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD CONSTRAINT "fk_reminders_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_distribution_lists_name_ci" ON "distribution_lists" (lower("name"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['attachments', 'reminders', 'responses', 'recipient_events', 'recipient_extensions', 'recipients', 'distribution_list_members', 'distribution_lists', 'consultations']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
