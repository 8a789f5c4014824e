import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Recipient } from './recipient.entity';

/** An anstånd: a recipient's own, later due date, with why and who granted it. Never changed, only added. */
@Entity({ name: 'recipient_extensions' })
export class RecipientExtension {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_recipient_extensions_recipient_id')
  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => Recipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_recipient_extensions_recipient' })
  recipient?: Recipient;

  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('date', { name: 'previous_due_date', nullable: true })
  previousDueDate: string | null;

  @Column('varchar', { length: 1000 })
  reason: string;

  @Column('uuid', { name: 'granted_by_user_id', nullable: true })
  grantedByUserId: string | null;

  @Column('varchar', { name: 'granted_by_name', length: 200 })
  grantedByName: string;

  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  grantedAt: Date;
}
