import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found with bench:search on the reference data set (1.2 M sections, 150,000 recipients).
 *
 * - The section text index also holds the answering organisation and the section key. A GIN scan
 *   over several keys of one index skips through the long posting lists of common words using
 *   the short ones ("budget" in 230,000 sections, Södermalm's 31,000 sections: 83 ms → 25 ms),
 *   where two separate indexes would each read theirs in full and AND the bitmaps.
 * - recipients (organisation_id, consultation_id) replaces the index on organisation_id alone:
 *   "the remisser my organisation received", asked once per search and per list of remisser,
 *   becomes an index-only scan (about 10 ms less for a stadsdelsnämnd with 4,000 remisser).
 */
export class SearchIndexes1764316800000 implements MigrationInterface {
  name = 'SearchIndexes1764316800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Migrations run on the app's connections, under its 30 s statement timeout; rebuilding an
    // index or rewriting a city's answers takes longer than that (minutes on 1.2 M sections).
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`DROP INDEX "ix_statement_sections_search"`);
    await queryRunner.query(`CREATE INDEX "ix_statement_sections_search" ON "statement_sections" USING gin ("search_vector", "answer_date", "organisation_id", "key")`);
    await queryRunner.query(`DROP INDEX "ix_recipients_organisation_id"`);
    await queryRunner.query(`CREATE INDEX "ix_recipients_organisation_consultation" ON "recipients" ("organisation_id", "consultation_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_recipients_organisation_consultation"`);
    await queryRunner.query(`CREATE INDEX "ix_recipients_organisation_id" ON "recipients" ("organisation_id")`);
    await queryRunner.query(`DROP INDEX "ix_statement_sections_search"`);
    await queryRunner.query(`CREATE INDEX "ix_statement_sections_search" ON "statement_sections" USING gin ("search_vector", "answer_date")`);
  }
}
