import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A statement is the answer only when it was submitted as one. An answer that came on paper or by
 * e-mail (record_external) is submitted too, but a statement begun in the system before that is
 * an abandoned draft: its text is not what the organisation answered and stays its own, like a
 * statement begun before "avstår". `published` says which, on statements and their sections, for
 * the search's read rules (which used to test response_status = 'submitted' alone).
 */
export class PublishedStatements1764576000000 implements MigrationInterface {
  name = 'PublishedStatements1764576000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Migrations run on the app's connections, under its 30 s statement timeout; rebuilding an
    // index or rewriting a city's answers takes longer than that (minutes on 1.2 M sections).
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`ALTER TABLE "statements" ADD "published" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "statement_sections" ADD "published" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_scope_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.consultation_id, r.organisation_id, p.status, p.answered_date, p.shared_with_coordinator, coalesce(NEW.stance, p.stance),
               p.status = 'submitted' AND NOT p.received_externally
          INTO NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.answered_date, NEW.shared_with_coordinator, NEW.answer_stance, NEW.published
          FROM responses p JOIN recipients r ON r.id = p.recipient_id
         WHERE p.id = NEW.response_id;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_scope_section() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT s.response_id, s.consultation_id, s.organisation_id, s.response_status, s.shared_with_coordinator, coalesce(NEW.stance, s.answer_stance),
               coalesce(s.answered_date, (NEW.updated_at AT TIME ZONE 'Europe/Stockholm')::date), s.published
          INTO NEW.response_id, NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.shared_with_coordinator, NEW.answer_stance, NEW.answer_date, NEW.published
          FROM statements s
         WHERE s.id = NEW.statement_id;
        RETURN NEW;
      END;
      $$`);
    await replaceChangeTriggers(queryRunner, { statements: ', published', responses: ', received_externally' });
    // Any update makes the triggers compute the new column (statements pass it on to their sections).
    await queryRunner.query(`UPDATE "statements" SET response_status = NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceChangeTriggers(queryRunner, { statements: '', responses: '' });
    await queryRunner.query(`ALTER TABLE "statement_sections" DROP COLUMN "published"`);
    await queryRunner.query(`ALTER TABLE "statements" DROP COLUMN "published"`);
    // The functions keep writing NEW.published until the Search migration's are back.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_scope_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.consultation_id, r.organisation_id, p.status, p.answered_date, p.shared_with_coordinator, coalesce(NEW.stance, p.stance)
          INTO NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.answered_date, NEW.shared_with_coordinator, NEW.answer_stance
          FROM responses p JOIN recipients r ON r.id = p.recipient_id
         WHERE p.id = NEW.response_id;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_scope_section() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT s.response_id, s.consultation_id, s.organisation_id, s.response_status, s.shared_with_coordinator, coalesce(NEW.stance, s.answer_stance),
               coalesce(s.answered_date, (NEW.updated_at AT TIME ZONE 'Europe/Stockholm')::date)
          INTO NEW.response_id, NEW.consultation_id, NEW.organisation_id, NEW.response_status, NEW.shared_with_coordinator, NEW.answer_stance, NEW.answer_date
          FROM statements s
         WHERE s.id = NEW.statement_id;
        RETURN NEW;
      END;
      $$`);
  }
}

/** The triggers that pass a response's or statement's change on, watching the extra columns given. */
async function replaceChangeTriggers(queryRunner: QueryRunner, extra: { statements: string; responses: string }): Promise<void> {
  await queryRunner.query(`DROP TRIGGER search_scope_changed ON "statements"`);
  await queryRunner.query(`
    CREATE TRIGGER search_scope_changed AFTER UPDATE ON "statements"
      FOR EACH ROW WHEN ((OLD.response_status, OLD.answered_date, OLD.shared_with_coordinator, OLD.answer_stance${extra.statements.replace(', ', ', OLD.')})
                         IS DISTINCT FROM (NEW.response_status, NEW.answered_date, NEW.shared_with_coordinator, NEW.answer_stance${extra.statements.replace(', ', ', NEW.')}))
      EXECUTE FUNCTION search_scope_changed()`);
  await queryRunner.query(`DROP TRIGGER search_scope ON "responses"`);
  await queryRunner.query(`
    CREATE TRIGGER search_scope AFTER UPDATE OF status, answered_date, shared_with_coordinator, stance${extra.responses} ON "responses"
      FOR EACH ROW WHEN ((OLD.status, OLD.answered_date, OLD.shared_with_coordinator, OLD.stance${extra.responses.replace(', ', ', OLD.')})
                         IS DISTINCT FROM (NEW.status, NEW.answered_date, NEW.shared_with_coordinator, NEW.stance${extra.responses.replace(', ', ', NEW.')}))
      EXECUTE FUNCTION search_scope_response()`);
}
