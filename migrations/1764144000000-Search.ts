import type { MigrationInterface, QueryRunner } from 'typeorm';

// The expressions exactly as the entities declare them (asExpression). TypeORM keeps the
// expression of a generated column in its typeorm_metadata table (what migration:generate would
// write; rows are keyed by database name, so the drift check of a renamed or cloned database sees
// a difference that is not there) and compares it with the entity's, so the drift check notices
// if either side changes.
const SECTION_VECTOR = `setweight(to_tsvector('public.remiss_swedish'::regconfig, "heading"::text), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, public.remiss_section_lines("body")), 'B') || setweight(to_tsvector('public.remiss_swedish'::regconfig, jsonb_path_query_array("body", 'strict $.**.footnote', '{}', true)), 'C')`;
const STATEMENT_VECTOR = `setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("header" ->> 'title', '')), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("header" ->> 'subtitle', '') || ' ' || coalesce("header" ->> 'remissCaseNumber', '') || ' ' || coalesce("header" ->> 'ownCaseNumber', '')), 'B')`;
const CONSULTATION_VECTOR = `setweight(to_tsvector('public.remiss_swedish'::regconfig, "title"::text || ' ' || "case_number"::text || ' ' || "case_number_normalized"::text), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("description", '')), 'C')`;

const VECTORS = [
  ['statement_sections', SECTION_VECTOR],
  ['statements', STATEMENT_VECTOR],
  ['consultations', CONSULTATION_VECTOR],
] as const;

/**
 * Full-text search (DESIGN §7, issue 6): a Swedish configuration that ignores diacritics, and
 * stored tsvector columns with GIN indexes on statement sections, statement titles and remisser.
 *
 * unaccent() itself is only STABLE (its rules file could change), so it cannot feed a generated
 * column. The unaccent *dictionary* inside a text search configuration can: to_tsvector(regconfig,
 * text) is IMMUTABLE. remiss_swedish copies swedish and runs unaccent before swedish_stem on words
 * with non-ASCII letters, so "våldsutsatta" and "valdsutsatta" become the same lexeme. Swedish stop
 * words are then looked up unaccented: "för", "på", "när" are indexed (as "for", "pa", "nar")
 * rather than dropped, which keeps a query typed without diacritics consistent with the text.
 *
 * Section bodies are typed jsonb (statement-body.ts): remiss_section_lines() joins each block's
 * (or list item's) text runs into one string and returns them as a jsonb array, so to_tsvector(jsonb)
 * keeps words within a line adjacent for phrase search but puts a gap between lines. Footnotes are
 * indexed with a lower weight. Both functions use only immutable built-ins and schema-qualified
 * names (SQL-standard bodies are bound at creation), so dumps restore with an empty search_path.
 * Changing them later needs ALTER TABLE … ALTER COLUMN … SET EXPRESSION to recompute stored values.
 */
export class Search1764144000000 implements MigrationInterface {
  name = 'Search1764144000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted extensions: a database owner may create them without superuser rights. btree_gin
    // lets a GIN index hold a date next to the tsvector.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public`);
    await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION public.remiss_swedish (COPY = pg_catalog.swedish)`);
    await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION public.remiss_swedish ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.swedish_stem`);
    await queryRunner.query(`
      CREATE FUNCTION public.remiss_section_lines(body jsonb) RETURNS jsonb
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      BEGIN ATOMIC
        SELECT coalesce(pg_catalog.jsonb_agg(x.line ORDER BY x.n), '[]'::jsonb)
          FROM (SELECT l.n,
                       (SELECT pg_catalog.string_agg(runs.run ->> 'text', '' ORDER BY runs.m)
                          FROM pg_catalog.jsonb_array_elements(l.content) WITH ORDINALITY AS runs(run, m)) AS line
                  FROM pg_catalog.jsonb_path_query(body, 'strict $.**.content', '{}', true) WITH ORDINALITY AS l(content, n)
                 WHERE pg_catalog.jsonb_typeof(l.content) = 'array') x
         WHERE x.line IS NOT NULL;
      END`);
    // The text a snippet is cut from: the lines, then the footnotes, one per line.
    await queryRunner.query(`
      CREATE FUNCTION public.remiss_section_text(body jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      BEGIN ATOMIC
        SELECT pg_catalog.string_agg(t.value, E'\\n' ORDER BY t.part, t.n)
          FROM (SELECT 1 AS part, l.n, l.value FROM pg_catalog.jsonb_array_elements_text(public.remiss_section_lines(body)) WITH ORDINALITY AS l(value, n)
                UNION ALL
                SELECT 2, f.n, f.value #>> '{}' FROM pg_catalog.jsonb_path_query(body, 'strict $.**.footnote', '{}', true) WITH ORDINALITY AS f(value, n)
                 WHERE pg_catalog.jsonb_typeof(f.value) = 'string') t;
      END`);
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await addScope(queryRunner);
    for (const [table, expression] of VECTORS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "search_vector" tsvector GENERATED ALWAYS AS (${expression}) STORED`);
      await queryRunner.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, 'GENERATED_COLUMN', 'search_vector', $2)`,
        [table, expression],
      );
      // Sections: with their date in the same index, so a broad search that ranks only the most
      // recent answers (src/search/search-window.ts) narrows the index scan itself.
      const columns = table === 'statement_sections' ? '"search_vector", "answer_date"' : '"search_vector"';
      await queryRunner.query(`CREATE INDEX "ix_${table}_search" ON "${table}" USING gin (${columns})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of [...VECTORS].reverse()) {
      await queryRunner.query(`DROP INDEX "ix_${table}_search"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_vector"`);
      await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = $1 AND "name" = 'search_vector'`, [table]);
    }
    await queryRunner.query(`DROP TRIGGER search_scope_changed ON "statements"`);
    for (const table of ['responses', 'statement_sections', 'statements']) await queryRunner.query(`DROP TRIGGER search_scope ON "${table}"`);
    for (const fn of ['search_scope_response', 'search_scope_changed', 'search_scope_section', 'search_scope_statement']) await queryRunner.query(`DROP FUNCTION ${fn}()`);
    for (const index of ['ix_statement_sections_organisation_id', 'ix_statement_sections_consultation_id']) await queryRunner.query(`DROP INDEX "${index}"`);
    for (const column of ['consultation_id', 'organisation_id', 'response_status', 'shared_with_coordinator', 'answer_stance']) {
      for (const table of ['statement_sections', 'statements']) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
    for (const column of ['response_id', 'answer_date']) await queryRunner.query(`ALTER TABLE "statement_sections" DROP COLUMN "${column}"`);
    await queryRunner.query(`ALTER TABLE "statements" DROP COLUMN "answered_date"`);
    await queryRunner.query(`DROP FUNCTION public.remiss_section_text(jsonb)`);
    await queryRunner.query(`DROP FUNCTION public.remiss_section_lines(jsonb)`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION public.remiss_swedish`);
  }
}

/**
 * Who may read a statement or section, and what the search filters on, on the row itself: its
 * remiss and answering organisation (sections also their answer), the answer's status and
 * sharing with the coordinator, its ställningstagande (a section's own, else the statement's,
 * else the one recorded with an external answer) and its date (statements: the answered date;
 * sections: the answered date, or for a draft the day the section was last saved).
 *
 * Why: a search for a common word ("boende") matches thousands of statements and tens of
 * thousands of sections; looking up each one's response and recipient costs index lookups per
 * match, more than the 50 ms budget of DESIGN §7 on its own. With these columns visibility and
 * every filter are tests on the row, plus one hash lookup of its remiss; a section's date is in
 * the text index (btree_gin), so "the most recent answers" narrows the index scan itself.
 *
 * A generated column cannot read other tables, so triggers keep them: search_scope computes them
 * whenever a statement or section is written (also when anyone writes these columns, so they
 * cannot be set by hand); search_scope_changed passes a statement's changes on to its sections,
 * search_scope_response a response's (status, answered date, sharing, stance) to its statement.
 * The keys never change once set (a statement keeps its response, a recipient its remiss and
 * organisation).
 */
async function addScope(queryRunner: QueryRunner): Promise<void> {
  const common = `ADD "consultation_id" uuid, ADD "organisation_id" uuid, ADD "response_status" character varying(20), ADD "shared_with_coordinator" boolean NOT NULL DEFAULT false, ADD "answer_stance" character varying(30)`;
  await queryRunner.query(`ALTER TABLE "statements" ${common}, ADD "answered_date" date`);
  await queryRunner.query(`ALTER TABLE "statement_sections" ${common}, ADD "response_id" uuid, ADD "answer_date" date`);
  await queryRunner.query(`
    CREATE FUNCTION search_scope_statement() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT r.consultation_id, r.organisation_id, p.status, p.answered_date, p.shared_with_coordinator, coalesce(NEW.stance, p.stance)
        INTO NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.answered_date, NEW.shared_with_coordinator, NEW.answer_stance
        FROM responses p JOIN recipients r ON r.id = p.recipient_id
       WHERE p.id = NEW.response_id;
      RETURN NEW;
    END;
    $$`);
  await queryRunner.query(`
    CREATE FUNCTION search_scope_section() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT s.response_id, s.consultation_id, s.organisation_id, s.response_status, s.shared_with_coordinator, coalesce(NEW.stance, s.answer_stance),
             coalesce(s.answered_date, (NEW.updated_at AT TIME ZONE 'Europe/Stockholm')::date)
        INTO NEW.response_id, NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.shared_with_coordinator, NEW.answer_stance, NEW.answer_date
        FROM statements s
       WHERE s.id = NEW.statement_id;
      RETURN NEW;
    END;
    $$`);
  // Every write recomputes (one primary-key lookup): so does a save, which moves a draft's date.
  await queryRunner.query(`CREATE TRIGGER search_scope BEFORE INSERT OR UPDATE ON "statements" FOR EACH ROW EXECUTE FUNCTION search_scope_statement()`);
  await queryRunner.query(`CREATE TRIGGER search_scope BEFORE INSERT OR UPDATE ON "statement_sections" FOR EACH ROW EXECUTE FUNCTION search_scope_section()`);
  await queryRunner.query(`
    CREATE FUNCTION search_scope_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE statement_sections SET response_status = NULL WHERE statement_id = NEW.id;
      RETURN NULL;
    END;
    $$`);
  await queryRunner.query(`
    CREATE TRIGGER search_scope_changed AFTER UPDATE ON "statements"
      FOR EACH ROW WHEN ((OLD.response_status, OLD.answered_date, OLD.shared_with_coordinator, OLD.answer_stance) IS DISTINCT FROM (NEW.response_status, NEW.answered_date, NEW.shared_with_coordinator, NEW.answer_stance))
      EXECUTE FUNCTION search_scope_changed()`);
  await queryRunner.query(`
    CREATE FUNCTION search_scope_response() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE statements SET response_status = NULL WHERE response_id = NEW.id;
      RETURN NULL;
    END;
    $$`);
  await queryRunner.query(`
    CREATE TRIGGER search_scope AFTER UPDATE OF status, answered_date, shared_with_coordinator, stance ON "responses"
      FOR EACH ROW WHEN ((OLD.status, OLD.answered_date, OLD.shared_with_coordinator, OLD.stance) IS DISTINCT FROM (NEW.status, NEW.answered_date, NEW.shared_with_coordinator, NEW.stance))
      EXECUTE FUNCTION search_scope_response()`);
  // Existing rows: any update makes the triggers compute them (statements pass it on to their sections).
  await queryRunner.query(`UPDATE "statements" SET response_status = NULL`);
  await queryRunner.query(`UPDATE "statement_sections" SET response_status = NULL WHERE consultation_id IS NULL`);
  for (const column of ['consultation_id', 'organisation_id', 'response_status']) await queryRunner.query(`ALTER TABLE "statements" ALTER COLUMN "${column}" SET NOT NULL`);
  for (const column of ['response_id', 'consultation_id', 'organisation_id', 'response_status', 'answer_date']) {
    await queryRunner.query(`ALTER TABLE "statement_sections" ALTER COLUMN "${column}" SET NOT NULL`);
  }
  await queryRunner.query(`CREATE INDEX "ix_statement_sections_consultation_id" ON "statement_sections" ("consultation_id")`);
  await queryRunner.query(`CREATE INDEX "ix_statement_sections_organisation_id" ON "statement_sections" ("organisation_id")`);
}
