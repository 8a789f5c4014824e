import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin-replaceable document templates (src/documents/document-template.entity.ts): one row per
 * template or partial that an admin has replaced or reset; the files in templates/documents stay
 * the defaults.
 */
export class DocumentTemplates1764230400000 implements MigrationInterface {
  name = 'DocumentTemplates1764230400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_templates" ("name" character varying(60) NOT NULL, "source" text, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "updated_by_name" character varying(200), CONSTRAINT "PK_7d8087e27e274964ccc5438cd3f" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_templates"`);
  }
}
