import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Recipient } from '../recipients/recipient.entity';
import type { DeliveryStatus } from './delivery-state';

/**
 * How the remiss reached one remissinstans: its remissbrev by e-mail to the registratur address
 * the register had when the remiss was sent (queued → sent, or failed after bounded retries), or
 * no_address: to be sent by post. One row per recipient, written in the sending transaction; rows
 * in `queued` are an outbox that delivery workers claim with SKIP LOCKED and a lease, so the PDF
 * is rendered and the mail sent outside any transaction.
 */
@Entity({ name: 'recipient_deliveries' })
@Index('ix_recipient_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'queued'` })
@Check('ck_recipient_deliveries_status', `"status" IN ('queued', 'sent', 'failed', 'no_address', 'cancelled')`)
export class RecipientDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_recipient_deliveries' })
  id: string;

  @Index('uq_recipient_deliveries_recipient', { unique: true })
  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => Recipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_recipient_deliveries_recipient' })
  recipient?: Recipient;

  @Column('varchar', { length: 20 })
  status: DeliveryStatus;

  /** The registratur address it goes (went) to, as the register had it when queued; null: none. */
  @Column('varchar', { length: 254, nullable: true })
  address: string | null;

  @Column('integer', { default: 0 })
  attempts: number;

  /** When a queued delivery may next be tried (retries back off). */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** A worker holds the delivery until then; after it (a crashed process) another may take it. */
  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  /** The holder of the lease: a worker records its outcome only while the lease is still its own. */
  @Column('uuid', { name: 'lease_token', nullable: true })
  leaseToken: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('varchar', { name: 'message_id', length: 998, nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When it reached its status (queued, sent, failed …). */
  @Column('timestamptz', { name: 'status_at', default: () => 'now()' })
  statusAt: Date;
}
