import type { MigrationInterface, QueryRunner } from 'typeorm';

const LINES_BEFORE = `SELECT coalesce(pg_catalog.jsonb_agg(x.line ORDER BY x.n), '[]'::jsonb)
          FROM (SELECT l.n,
                       (SELECT pg_catalog.string_agg(runs.run ->> 'text', '' ORDER BY runs.m)
                          FROM pg_catalog.jsonb_array_elements(l.content) WITH ORDINALITY AS runs(run, m)) AS line
                  FROM pg_catalog.jsonb_path_query(body, 'strict $.**.content', '{}', true) WITH ORDINALITY AS l(content, n)
                 WHERE pg_catalog.jsonb_typeof(l.content) = 'array') x
         WHERE x.line IS NOT NULL;`;

// Every node that is a line, in reading order (.** walks depth-first, a list item before its
// sub-list): paragraphs and list items by their runs, sub-headings by their plain text.
const LINES_AFTER = `SELECT coalesce(pg_catalog.jsonb_agg(x.line ORDER BY x.n), '[]'::jsonb)
          FROM (SELECT l.n,
                       CASE WHEN pg_catalog.jsonb_typeof(l.node -> 'content') = 'array'
                            THEN (SELECT pg_catalog.string_agg(runs.run ->> 'text', '' ORDER BY runs.m)
                                    FROM pg_catalog.jsonb_array_elements(l.node -> 'content') WITH ORDINALITY AS runs(run, m))
                            ELSE l.node ->> 'text' END AS line
                  FROM pg_catalog.jsonb_path_query(body, 'strict $.** ? (exists(@.content) || @.type == "subheading")', '{}', true) WITH ORDINALITY AS l(node, n)) x
         WHERE x.line IS NOT NULL;`;

const linesFunction = (body: string) => `
      CREATE OR REPLACE FUNCTION public.remiss_section_lines(body jsonb) RETURNS jsonb
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      BEGIN ATOMIC
        ${body}
      END`;

/**
 * Section bodies gained sub-heading blocks ({type: "subheading", text}, statement-body.ts): their
 * words are searched and shown in snippets like the rest of the body (weight B, one line each).
 *
 * Only the function behind the stored search_vector changes, keeping its name and signature, so
 * the generated column's expression (and the drift check's copy of it in typeorm_metadata) stays
 * as it is. No stored value needs recomputing: until now no body could hold a sub-heading (the
 * API refused the block), and for every other body the new function gives the same lines.
 */
export class SearchSubheadings1765500000000 implements MigrationInterface {
  name = 'SearchSubheadings1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(linesFunction(LINES_AFTER));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(linesFunction(LINES_BEFORE));
  }
}
