import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Response } from '../responses/response.entity';

/**
 * "Svaren i korthet": the coordinator's own line on what one answer means, written from the
 * suggestion (the stance and the first sentence of Förvaltningens synpunkter). It is the
 * coordinating förvaltning's text about the answer, not part of the answer, so it lives beside it.
 */
@Entity({ name: 'answer_summaries' })
export class AnswerSummary {
  @PrimaryColumn('uuid', { name: 'response_id', primaryKeyConstraintName: 'pk_answer_summaries' })
  responseId: string;

  @OneToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_answer_summaries_response' })
  response?: Response;

  @Column('varchar', { length: 1000 })
  text: string;

  @Column('integer', { default: 1 })
  version: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @Column('varchar', { name: 'updated_by_name', length: 200 })
  updatedByName: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
