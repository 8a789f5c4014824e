import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Response } from './response.entity';

export const DECISION_OUTCOMES = ['approved_as_proposed', 'approved_with_changes', 'referred_back'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The nämnd's beslut on the statement: meeting, paragraph (§), outcome and text. */
@Entity({ name: 'decisions' })
@Check('ck_decisions_outcome', `"outcome" IN ('approved_as_proposed', 'approved_with_changes', 'referred_back')`)
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_decisions_response_id')
  @Column('uuid', { name: 'response_id' })
  responseId: string;

  @ManyToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_decisions_response' })
  response?: Response;

  @Column('date', { name: 'meeting_date' })
  meetingDate: string;

  /** "§ 12", kept as written. */
  @Column('varchar', { length: 20 })
  paragraph: string;

  @Column('varchar', { length: 30 })
  outcome: DecisionOutcome;

  @Column('text', { name: 'decision_text' })
  decisionText: string;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;
}
