import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Recipient } from '../recipients/recipient.entity';

export const REMINDER_KINDS = ['before_due', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * A reminder owed to a recipient: one per kind per deadline, enforced by a unique constraint, so
 * however often or in however many processes the scheduler runs, nobody is reminded twice.
 * Rows are an outbox: inserted when due, then delivered by workers claiming them with SKIP LOCKED.
 */
@Entity({ name: 'reminders' })
@Index('uq_reminders_recipient_kind_due', ['recipientId', 'kind', 'dueDate'], { unique: true })
@Check('ck_reminders_kind', `"kind" IN ('before_due', 'overdue')`)
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => Recipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_reminders_recipient' })
  recipient?: Recipient;

  @Column('varchar', { length: 20 })
  kind: ReminderKind;

  /** The effective deadline the reminder is about. */
  @Column('date', { name: 'due_date' })
  dueDate: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('ix_reminders_pending', { where: '"sent_at" IS NULL' })
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('text', { array: true, name: 'sent_to', default: () => "'{}'" })
  sentTo: string[];

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
