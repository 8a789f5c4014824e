import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Response } from '../responses/response.entity';

/**
 * A reviewer's comment on one section of a draft, or an answer to one (parentId set). Working
 * material of the answering organisation: never printed, never shown outside it. The author's name
 * is kept as it was, like an approval's, so the thread reads the same after a user is renamed.
 */
@Entity({ name: 'review_comments' })
@Index('ix_review_comments_response', ['responseId', 'createdAt'])
export class ReviewComment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_comments' })
  id: string;

  @Column('uuid', { name: 'response_id' })
  responseId: string;

  @ManyToOne(() => Response, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'fk_review_comments_response' })
  response?: Response;

  /** The comment answered; null for a comment that opens a thread. */
  @Index('ix_review_comments_parent_id')
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => ReviewComment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_review_comments_parent' })
  parent?: ReviewComment;

  @Column('varchar', { name: 'section_key', length: 100 })
  sectionKey: string;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @Column('varchar', { name: 'author_name', length: 200 })
  authorName: string;

  @Column('text')
  text: string;

  /** The words of the section the comment is about, as they stood when it was written. */
  @Column('text', { nullable: true })
  quote: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('varchar', { name: 'resolved_by_name', length: 200, nullable: true })
  resolvedByName: string | null;
}
