import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Consultation } from '../consultations/consultation.entity';
import { Decision } from '../responses/decision.entity';
import { Response } from '../responses/response.entity';

/** A file on a remiss (remisshandlingar) or, with responseId, on one recipient's response. */
@Entity({ name: 'attachments' })
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_attachments_consultation_id')
  @Column('uuid', { name: 'consultation_id' })
  consultationId: string;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'fk_attachments_consultation' })
  consultation?: Consultation;

  /** Set for a response's own files (issue: responses); null for the remisshandlingar. */
  @Index('ix_attachments_response_id')
  @Column('uuid', { name: 'response_id', nullable: true })
  responseId: string | null;

  @ManyToOne(() => Response, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_attachments_response' })
  response?: Response | null;

  /** The uploader's file name, cleaned; shown and offered on download, never used as a path. */
  @Column('varchar', { name: 'file_name', length: 255 })
  fileName: string;

  @Column('varchar', { name: 'content_type', length: 120 })
  contentType: string;

  @Column('bigint', { name: 'size_bytes' })
  sizeBytes: string;

  @Column('char', { length: 64 })
  sha256: string;

  /** Server-generated key in the file store. */
  @Index('uq_attachments_storage_key', { unique: true })
  @Column('varchar', { name: 'storage_key', length: 200 })
  storageKey: string;

  @Column('varchar', { length: 500, nullable: true })
  description: string | null;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  /**
   * On a response: the answer document itself (an answer that came on paper or by e-mail, added
   * by a registrator), readable once the response is answered; otherwise a bilaga of the
   * organisation's statement, readable as the statement is. Always false on a remiss.
   */
  @Column('boolean', { name: 'answer_document', default: false })
  answerDocument: boolean;

  /**
   * On a response: the protokollsutdrag of this decision of the nämnd (a PDF the nämnd's secretary
   * makes from the justerat protokoll). At most one per decision.
   */
  @Index('uq_attachments_decision_id', { unique: true })
  @Column('uuid', { name: 'decision_id', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_attachments_decision' })
  decision?: Decision | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
