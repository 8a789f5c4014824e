import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Recipient } from './recipient.entity';

/**
 * What happened to one recipient, in order: added, sent, extension granted, reminded, answered …
 * The status board's "last event" and the response timeline read it.
 */
@Entity({ name: 'recipient_events' })
@Index('ix_recipient_events_recipient_at', ['recipientId', 'occurredAt'])
export class RecipientEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => Recipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_recipient_events_recipient' })
  recipient?: Recipient;

  @Column('varchar', { length: 40 })
  type: string;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('jsonb', { nullable: true })
  detail: object | null;
}
