import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Response } from './response.entity';

/** An attest: "Detta dokument har godkänts digitalt av …" with name, title and time. */
@Entity({ name: 'approvals' })
export class Approval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_approvals_response_id')
  @Column('uuid', { name: 'response_id' })
  responseId: string;

  @ManyToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_approvals_response' })
  response?: Response;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 120 })
  title: string;

  @Column('timestamptz', { name: 'approved_at', default: () => 'now()' })
  approvedAt: Date;
}
