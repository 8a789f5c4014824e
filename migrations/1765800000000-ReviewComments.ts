import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Review comments on the sections of a draft (issue 14): src/review-comments/review-comment.entity.ts. */
export class ReviewComments1765800000000 implements MigrationInterface {
  name = 'ReviewComments1765800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "review_comments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "response_id" uuid NOT NULL,
      "parent_id" uuid,
      "section_key" varchar(100) NOT NULL,
      "author_id" uuid,
      "author_name" varchar(200) NOT NULL,
      "text" text NOT NULL,
      "quote" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "resolved_at" timestamptz,
      "resolved_by_name" varchar(200),
      CONSTRAINT "pk_review_comments" PRIMARY KEY ("id"),
      CONSTRAINT "fk_review_comments_response" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT "fk_review_comments_parent" FOREIGN KEY ("parent_id") REFERENCES "review_comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "ix_review_comments_response" ON "review_comments" ("response_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_review_comments_parent_id" ON "review_comments" ("parent_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "review_comments"`);
  }
}
