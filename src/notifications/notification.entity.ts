import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = ['review_requested', 'returned', 'approved', 'submitted'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An e-mail telling one person it is their turn on an answer. One row per event and person (the
 * unique key): a retried request or a second worker never sends it twice. Queued in the
 * transaction of the change it tells of, mailed after the commit by the notification worker.
 */
@Entity({ name: 'notifications' })
@Index('uq_notifications_event_user', ['eventKey', 'userId'], { unique: true })
@Index('ix_notifications_due', ['nextAttemptAt'], { where: `"status" = 'queued'` })
@Check('ck_notifications_status', `"status" IN ('queued', 'sent', 'failed', 'skipped')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notifications' })
  id: string;

  /** What happened, once: e.g. response:<id>:v7 (the response's version after the change). */
  @Column('varchar', { name: 'event_key', length: 200 })
  eventKey: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('varchar', { length: 30 })
  kind: NotificationKind;

  @Column('uuid', { name: 'response_id' })
  responseId: string;

  /** Who made the change, as named then. */
  @Column('varchar', { name: 'actor_name', length: 200, nullable: true })
  actorName: string | null;

  @Column('varchar', { length: 20, default: 'queued' })
  status: 'queued' | 'sent' | 'failed' | 'skipped';

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
