import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Block } from './statement-body';
import { Statement, type Stance } from './statement.entity';

/** One avsnitt. Versioned on its own, so two people can edit two sections at once. */
@Entity({ name: 'statement_sections' })
@Index('uq_statement_sections_statement_key', ['statementId', 'key'], { unique: true })
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
}
