import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The coordinator's "Svaren i korthet" line per answer (issue 15): src/compilation/answer-summary.entity.ts. */
export class AnswerSummaries1766100000000 implements MigrationInterface {
  name = 'AnswerSummaries1766100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "answer_summaries" (
      "response_id" uuid NOT NULL,
      "text" character varying(1000) NOT NULL,
      "version" integer NOT NULL DEFAULT '1',
      "updated_by" uuid,
      "updated_by_name" character varying(200) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_answer_summaries" PRIMARY KEY ("response_id"),
      CONSTRAINT "fk_answer_summaries_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "answer_summaries"`);
  }
}
