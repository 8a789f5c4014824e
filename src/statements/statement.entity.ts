import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Response } from '../responses/response.entity';

export const STANCES = ['tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter'] as const;
export type Stance = (typeof STANCES)[number];

export interface StatementHeader {
  /** Förvaltningen that writes ("Södermalms stadsdelsförvaltning"). */
  administration: string;
  department: string | null;
  /** name null: not known, left out of the document (seed 001 signs "Avdelningschef" alone). */
  officer: { name: string | null; phone: string | null; email: string | null };
  /** "Till": the nämnd that decides ("Södermalms stadsdelsnämnd"). */
  to: string;
  date: string;
  ownCaseNumber: string | null;
  remissCaseNumber: string;
  title: string;
  subtitle: string | null;
}

export interface Signatory {
  name: string | null;
  title: string;
}

export interface Enclosure {
  title: string;
}

/** A tjänsteutlåtande: header, signatories and bilagor here; sections in statement_sections. */
@Entity({ name: 'statements' })
// GIN index on search_vector (migration 1764144000000-Search); TypeORM cannot describe GIN.
@Index('ix_statements_search', { synchronize: false })
@Check('ck_statements_stance', `"stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')`)
export class Statement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_statements_response_id', { unique: true })
  @Column('uuid', { name: 'response_id' })
  responseId: string;

  // One-to-one through the unique index above; declared ManyToOne so TypeORM adds no second,
  // unnamed unique constraint on the same column (migration DuplicateUniqueConstraints).
  @ManyToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_statements_response' })
  response?: Response;

  @Column('jsonb')
  header: StatementHeader;

  @Column('jsonb', { default: () => "'[]'" })
  signatories: Signatory[];

  @Column('jsonb', { default: () => "'[]'" })
  enclosures: Enclosure[];

  @Column('varchar', { length: 30, nullable: true })
  stance: Stance | null;

  /** Bumped by every save, header or section: a whole-statement write must have seen them all. */
  @Column('integer', { default: 1 })
  version: number;

  /** Bumped only when the header, signatories, bilagor or stance change. */
  @Column('integer', { name: 'header_version', default: 1 })
  headerVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Who may read the statement and what search filters on (src/search): its remiss and answering
   * organisation, the answer's status, answered date and sharing with the coordinator, and the
   * ställningstagande that applies (its own, else the one recorded with the answer). Kept by the
   * search_scope triggers (migration Search); never written or loaded by the app.
   */
  @Column({ type: 'uuid', name: 'consultation_id', select: false, insert: false, update: false })
  consultationId?: string;

  @Column({ type: 'uuid', name: 'organisation_id', select: false, insert: false, update: false })
  organisationId?: string;

  @Column({ type: 'varchar', name: 'response_status', length: 20, select: false, insert: false, update: false })
  responseStatus?: string;

  @Column({ type: 'date', name: 'answered_date', nullable: true, select: false, insert: false, update: false })
  answeredDate?: string | null;

  @Column({ type: 'boolean', name: 'shared_with_coordinator', default: false, select: false, insert: false, update: false })
  sharedWithCoordinator?: boolean;

  @Column({ type: 'varchar', name: 'answer_stance', length: 30, nullable: true, select: false, insert: false, update: false })
  answerStance?: string | null;

  /** The submitted answer itself: not a draft, nor one abandoned for an answer recorded outside the system (migration PublishedStatements). */
  @Column({ type: 'boolean', default: false, select: false, insert: false, update: false })
  published?: boolean;

  /** Full-text search: title, subtitle and the Dnr of the header (src/search). Computed by PostgreSQL, never loaded. */
  @Column({
    type: 'tsvector',
    name: 'search_vector',
    select: false,
    insert: false,
    update: false,
    nullable: true,
    generatedType: 'STORED',
    asExpression: `setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("header" ->> 'title', '')), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("header" ->> 'subtitle', '') || ' ' || coalesce("header" ->> 'remissCaseNumber', '') || ' ' || coalesce("header" ->> 'ownCaseNumber', '')), 'B')`,
  })
  searchVector?: string;
}
