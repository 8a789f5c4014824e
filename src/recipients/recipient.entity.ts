import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Consultation } from '../consultations/consultation.entity';
import { DistributionList } from '../distribution-lists/distribution-list.entity';
import { Organisation } from '../organisations/organisation.entity';

export const RECIPIENT_ROLES = ['respond', 'for_information'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** A remissinstans: one organisation on a remiss's distribution, with its own deadline and response. */
@Entity({ name: 'recipients' })
// Covering partial index for the deadlines and reminder queries (INCLUDE is beyond TypeORM's index
// options, so the migration creates it and synchronize:false keeps the drift check off it).
@Index('ix_recipients_awaiting', { synchronize: false })
// The same for the lists' counts and the answers still owed (migration RecipientResponseState).
@Index('ix_recipients_response_state', { synchronize: false })
@Index('ix_recipients_owed_by_consultation', { synchronize: false })
@Index('ix_recipients_owed_by_organisation', { synchronize: false })
@Index('uq_recipients_consultation_organisation', ['consultationId', 'organisationId'], { unique: true })
// Also "the remisser this organisation received", as an index-only scan (search visibility, lists).
@Index('ix_recipients_organisation_consultation', ['organisationId', 'consultationId'])
@Check('ck_recipients_role', `"role" IN ('respond', 'for_information')`)
export class Recipient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'consultation_id' })
  consultationId: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'fk_recipients_consultation' })
  consultation?: Consultation;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_recipients_organisation' })
  organisation?: Organisation;

  @Column('varchar', { length: 20, default: 'respond' })
  role: RecipientRole;

  /** Required (anmodad) or merely invited to answer. */
  @Column('boolean', { default: true })
  required: boolean;

  /** Distribution order, used when documents list the remissinstanser. */
  @Column('integer')
  position: number;

  @Column('uuid', { name: 'via_list_id', nullable: true })
  viaListId: string | null;

  @ManyToOne(() => DistributionList, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'via_list_id', foreignKeyConstraintName: 'fk_recipients_via_list' })
  viaList?: DistributionList | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The latest anstånd; null means the remiss's own due date applies. History: recipient_extensions. */
  /**
   * The response's status and answer date, copied by a trigger on responses (migration
   * RecipientResponseState) for the lists' counts and deadlines; never written or loaded here.
   */
  @Column({ type: 'varchar', name: 'response_status', length: 20, default: 'not_started', select: false, insert: false, update: false })
  responseStatus?: string;

  @Column({ type: 'date', name: 'response_answered_date', nullable: true, select: false, insert: false, update: false })
  responseAnsweredDate?: string | null;

  @Index('ix_recipients_extended_due_date')
  @Column('date', { name: 'extended_due_date', nullable: true })
  extendedDueDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
