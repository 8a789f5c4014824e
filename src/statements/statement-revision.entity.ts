import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Block } from './statement-body';
import { Statement, type Enclosure, type Signatory, type Stance, type StatementHeader } from './statement.entity';

export interface StatementSnapshot {
  header: StatementHeader;
  signatories: Signatory[];
  enclosures: Enclosure[];
  stance: Stance | null;
  sections: Array<{ key: string; heading: string; position: number; body: Block[]; stance: Stance | null }>;
}

export const REVISION_KINDS = ['created', 'header', 'section', 'statement', 'restore', 'correction'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** Every save is a revision holding the whole statement as it stood after the save. Never changed. */
@Entity({ name: 'statement_revisions' })
@Index('uq_statement_revisions_statement_number', ['statementId', 'number'], { unique: true })
export class StatementRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'statement_id' })
  statementId: string;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id', foreignKeyConstraintName: 'fk_statement_revisions_statement' })
  statement?: Statement;

  /** 1, 2, 3 … per statement. */
  @Column('integer')
  number: number;

  @Column('varchar', { length: 20 })
  kind: RevisionKind;

  @Column('varchar', { name: 'section_key', length: 60, nullable: true })
  sectionKey: string | null;

  @Column('uuid', { name: 'author_user_id', nullable: true })
  authorUserId: string | null;

  @Column('varchar', { name: 'author_name', length: 200 })
  authorName: string;

  /** Why: required for corrections after submission and for restores. */
  @Column('varchar', { length: 1000, nullable: true })
  reason: string | null;

  @Column('jsonb')
  snapshot: StatementSnapshot;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
