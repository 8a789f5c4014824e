import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';

export const CONSULTATION_KINDS = ['program', 'handlingsplan', 'strategi', 'policy', 'riktlinjer', 'motion', 'skrivelse', 'betankande', 'promemoria', 'utredning', 'detaljplan', 'other'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export const CONSULTATION_STATUSES = ['draft', 'open', 'closed', 'cancelled'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** A remiss: a request for written views, registered under the sender's diarienummer. */
@Entity({ name: 'consultations' })
// Trigram indexes for free text on title and Dnr (ILIKE '%…%'); created by the migration.
@Index('ix_consultations_title_trgm', { synchronize: false })
@Index('ix_consultations_case_number_trgm', { synchronize: false })
// GIN index on search_vector (migration 1764144000000-Search); TypeORM cannot describe GIN.
@Index('ix_consultations_search', { synchronize: false })
@Index('uq_consultations_sender_case_number', ['senderId', 'caseNumberNormalized'], { unique: true })
@Check('ck_consultations_kind', `"kind" IN ('program', 'handlingsplan', 'strategi', 'policy', 'riktlinjer', 'motion', 'skrivelse', 'betankande', 'promemoria', 'utredning', 'detaljplan', 'other')`)
@Check('ck_consultations_status', `"status" IN ('draft', 'open', 'closed', 'cancelled')`)
@Check('ck_consultations_due_after_registered', `"due_date" IS NULL OR "due_date" >= "registered_date"`)
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The Dnr exactly as the sender wrote it ("KS 2020/924", "3.1.1-723/2019"). */
  @Column('varchar', { name: 'case_number', length: 60 })
  caseNumber: string;

  /** Upper-case, no spaces, one kind of dash: "KS2020/924". For lookup and uniqueness only. */
  @Index('ix_consultations_case_number_normalized')
  @Column('varchar', { name: 'case_number_normalized', length: 60 })
  caseNumberNormalized: string;

  @Column('varchar', { length: 500 })
  title: string;

  @Column('varchar', { length: 20 })
  kind: ConsultationKind;

  @Column('uuid', { name: 'sender_id' })
  senderId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_id', foreignKeyConstraintName: 'fk_consultations_sender' })
  sender?: Organisation;

  @Index('ix_consultations_coordinator_id')
  @Column('uuid', { name: 'coordinator_id', nullable: true })
  coordinatorId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'fk_consultations_coordinator' })
  coordinator?: Organisation | null;

  @Column('date', { name: 'registered_date' })
  registeredDate: string;

  @Column('date', { name: 'sent_date', nullable: true })
  sentDate: string | null;

  @Index('ix_consultations_due_date')
  @Column('date', { name: 'due_date', nullable: true })
  dueDate: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Index('ix_consultations_status')
  @Column('varchar', { length: 12, default: 'draft' })
  status: ConsultationStatus;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Full-text search: title and Dnr (both spellings), description with a lower weight (src/search). Computed by PostgreSQL, never loaded. */
  @Column({
    type: 'tsvector',
    name: 'search_vector',
    select: false,
    insert: false,
    update: false,
    nullable: true,
    generatedType: 'STORED',
    asExpression: `setweight(to_tsvector('public.remiss_swedish'::regconfig, "title"::text || ' ' || "case_number"::text || ' ' || "case_number_normalized"::text), 'A') || setweight(to_tsvector('public.remiss_swedish'::regconfig, coalesce("description", '')), 'C')`,
  })
  searchVector?: string;
}
