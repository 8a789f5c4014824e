import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Block } from './statement-body';
import { Statement, type Stance } from './statement.entity';

/** One avsnitt. Versioned on its own, so two people can edit two sections at once. */
@Entity({ name: 'statement_sections' })
@Index('uq_statement_sections_statement_key', ['statementId', 'key'], { unique: true })
// GIN index on (search_vector, answer_date, organisation_id, key) (migrations Search, SearchIndexes); TypeORM cannot describe GIN.
@Index('ix_statement_sections_search', { synchronize: false })
@Check('ck_statement_sections_stance', `"stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')`)
export class StatementSection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'statement_id' })
  statementId: string;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id', foreignKeyConstraintName: 'fk_statement_sections_statement' })
  statement?: Statement;

  @Column('varchar', { length: 60 })
  key: string;

  @Column('varchar', { length: 200 })
  heading: string;

  @Column('integer')
  position: number;

  @Column('jsonb')
  body: Block[];

  @Column('varchar', { length: 30, nullable: true })
  stance: Stance | null;

  @Column('integer', { default: 1 })
  version: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Who may read the section and what search filters on (src/search): its remiss, answering
   * organisation and answer, the answer's status and sharing with the coordinator, the
   * ställningstagande that applies (its own, else the statement's, else the answer's) and its date
   * (the answered date; for a draft the day of the last save). Kept by the search_scope triggers
   * (migration Search); never written or loaded by the app.
   */
  @Column({ type: 'uuid', name: 'response_id', select: false, insert: false, update: false })
  responseId?: string;

  @Index('ix_statement_sections_consultation_id')
  @Column({ type: 'uuid', name: 'consultation_id', select: false, insert: false, update: false })
  consultationId?: string;

  @Index('ix_statement_sections_organisation_id')
  @Column({ type: 'uuid', name: 'organisation_id', select: false, insert: false, update: false })
  organisationId?: string;

  @Column({ type: 'varchar', name: 'response_status', length: 20, select: false, insert: false, update: false })
  responseStatus?: string;

  @Column({ type: 'date', name: 'answer_date', select: false, insert: false, update: false })
  answerDate?: string;

  @Column({ type: 'boolean', name: 'shared_with_coordinator', default: false, select: false, insert: false, update: false })
  sharedWithCoordinator?: boolean;

  @Column({ type: 'varchar', name: 'answer_stance', length: 30, nullable: true, select: false, insert: false, update: false })
  answerStance?: string | null;

  /** The submitted answer itself: not a draft, nor one abandoned for an answer recorded outside the system (migration PublishedStatements). */
  @Column({ type: 'boolean', default: false, select: false, insert: false, update: false })
  published?: boolean;

  /** Full-text search: heading, body lines and footnotes (src/search). Computed by PostgreSQL, never loaded. */
  @Column({
    type: 'tsvector',
    name: 'search_vector',
    select: false,
    insert: false,
    update: false,
    nullable: true,
    generatedType: 'STORED',
    asExpression: `setweight(to_tsvector('public.remiss_swedish'::regconfig, "heading"::text), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, public.remiss_section_lines("body")), 'B') || setweight(to_tsvector('public.remiss_swedish'::regconfig, jsonb_path_query_array("body", 'strict $.**.footnote', '{}', true)), 'C')`,
  })
  searchVector?: string;
}
