import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Response } from '../responses/response.entity';

export const STANCES = ['tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter'] as const;
export type Stance = (typeof STANCES)[number];

export interface StatementHeader {
  /** Förvaltningen that writes ("Södermalms stadsdelsförvaltning"). */
  administration: string;
  department: string | null;
  officer: { name: string; phone: string | null; email: string | null };
  /** "Till": the nämnd that decides ("Södermalms stadsdelsnämnd"). */
  to: string;
  date: string;
  ownCaseNumber: string | null;
  remissCaseNumber: string;
  title: string;
  subtitle: string | null;
}

export interface Signatory {
  name: string;
  title: string;
}

export interface Enclosure {
  title: string;
}

/** A tjänsteutlåtande: header, signatories and bilagor here; sections in statement_sections. */
@Entity({ name: 'statements' })
@Check('ck_statements_stance', `"stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')`)
export class Statement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_statements_response_id', { unique: true })
  @Column('uuid', { name: 'response_id' })
  responseId: string;

  @OneToOne(() => Response, { onDelete: 'CASCADE' })
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
}
