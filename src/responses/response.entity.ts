import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Recipient } from '../recipients/recipient.entity';
import { User } from '../users/user.entity';

export const RESPONSE_STATUSES = ['not_started', 'drafting', 'in_review', 'approved', 'decided', 'submitted', 'declined', 'no_comments'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
/** A recipient in one of these has answered: no reminders, not late any more. */
export const ANSWERED_STATUSES: readonly ResponseStatus[] = ['submitted', 'declined', 'no_comments'];

/** One recipient's answer. Created with the recipient, in not_started. Lateness is derived, never stored. */
@Entity({ name: 'responses' })
@Check('ck_responses_stance', `"stance" IS NULL OR "stance" IN ('tillstyrker', 'tillstyrker_med_andringar', 'avstyrker', 'inga_synpunkter')`)
@Check('ck_responses_status', `"status" IN ('not_started', 'drafting', 'in_review', 'approved', 'decided', 'submitted', 'declined', 'no_comments')`)
export class Response {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_responses_recipient_id', { unique: true })
  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  // One-to-one through the unique index above; declared ManyToOne so TypeORM adds no second,
  // unnamed unique constraint on the same column (migration DuplicateUniqueConstraints).
  @ManyToOne(() => Recipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_responses_recipient' })
  recipient?: Recipient;

  @Index('ix_responses_status')
  @Column('varchar', { length: 20, default: 'not_started' })
  status: ResponseStatus;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt: Date;

  /**
   * The reason given with an answer without a tjänsteutlåtande, when one was: why the recipient
   * declines (avstår, its skäl) or why it has inga synpunkter (its motivering). Printed in the
   * answer letter and the compilation.
   */
  @Column('varchar', { name: 'answer_reason', length: 2000, nullable: true })
  answerReason: string | null;

  /** Overall ställningstagande of an answer recorded without a statement (paper or e-mail answers). */
  @Column('varchar', { length: 30, nullable: true })
  stance: string | null;

  /** The answer came outside the system and was recorded by a registrator. */
  @Column('boolean', { name: 'received_externally', default: false })
  receivedExternally: boolean;

  /** The recipient lets the coordinator read its draft. */
  @Column('boolean', { name: 'shared_with_coordinator', default: false })
  sharedWithCoordinator: boolean;

  /** The date the answer reached the sender (submitted, declined or "inga synpunkter"). */
  @Column('date', { name: 'answered_date', nullable: true })
  answeredDate: string | null;

  /**
   * Who of the answering organisation works on it (Tilldela): whoever first moved it out of
   * not_started or first saved its statement, then whom the organisation assigns
   * (src/responses/response-assignee.ts). Working material: shown only where the response is.
   */
  @Index('ix_responses_assignee_id')
  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_responses_assignee' })
  assignee?: User;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
