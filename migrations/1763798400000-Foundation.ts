import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation schema: organisations, users, sessions and the append-only audit log. */
export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_username" character varying(80), "organisation_id" uuid, "action" character varying(80) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(80) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(128), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor_user_id" ON "audit_events"  ("actor_user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_organisation_id" ON "audit_events"  ("organisation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_action" ON "audit_events"  ("action") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id") `);
    await queryRunner.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "register_key" character varying(80), "name" character varying(200) NOT NULL, "short_name" character varying(60), "kind" character varying(20) NOT NULL, "parent_id" uuid, "email" character varying(254), "active_from" date, "active_to" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organisations_active_range" CHECK ("active_to" IS NULL OR "active_from" IS NULL OR "active_to" >= "active_from"), CONSTRAINT "ck_organisations_kind" CHECK ("kind" IN ('committee', 'administration', 'council', 'company', 'external')), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations_register_key" ON "organisations"  ("register_key") `);
    await queryRunner.query(`CREATE INDEX "ix_organisations_parent_id" ON "organisations"  ("parent_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(80) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(254), "phone" character varying(40), "title" character varying(120), "organisation_id" uuid NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "password_hash" character varying(255) NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_roles" CHECK ("roles" <@ ARRAY['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader']::text[]), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await queryRunner.query(`CREATE INDEX "ix_users_organisation_id" ON "users"  ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user_id" ON "sessions"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations_parent" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Names are unique regardless of case ("Socialnämnden" vs "socialnämnden").
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisations_name_ci" ON "organisations" (lower("name"))`);
    // The audit log is append-only: the database itself refuses to change or remove history.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_or_delete
        BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_refuse_change()`);
  }
}
