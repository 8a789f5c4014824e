import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports of Word, ODT, PDF and text files into a draft (issue 16): src/imports/statement-import.entity.ts. */
export class StatementImports1766200000000 implements MigrationInterface {
  name = 'StatementImports1766200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "statement_imports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "response_id" uuid NOT NULL,
      "status" character varying(20) NOT NULL,
      "format" character varying(10) NOT NULL,
      "file_name" character varying(255) NOT NULL,
      "content_type" character varying(200) NOT NULL,
      "size_bytes" bigint NOT NULL,
      "sha256" character(64) NOT NULL,
      "storage_key" character varying(200),
      "source_text" text,
      "cued" boolean NOT NULL DEFAULT false,
      "repairs" jsonb NOT NULL DEFAULT '[]',
      "undone" jsonb NOT NULL DEFAULT '[]',
      "damaged" boolean NOT NULL DEFAULT false,
      "proposal" jsonb,
      "pages_done" integer NOT NULL DEFAULT '0',
      "pages_total" integer,
      "error" character varying(1000),
      "attempts" integer NOT NULL DEFAULT '0',
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "created_by" uuid,
      "version" integer NOT NULL DEFAULT '1',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "chk_statement_imports_format" CHECK (format IN ('docx', 'odt', 'pdf', 'text')),
      CONSTRAINT "chk_statement_imports_status" CHECK (status IN ('ocr_queued', 'ocr_running', 'ready', 'failed', 'accepted', 'discarded')),
      CONSTRAINT "pk_statement_imports" PRIMARY KEY ("id"),
      CONSTRAINT "fk_statement_imports_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "idx_statement_imports_response" ON "statement_imports" ("response_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_statement_imports_ocr_queue" ON "statement_imports" ("created_at") WHERE status IN ('ocr_queued', 'ocr_running')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statement_imports"`);
  }
}
