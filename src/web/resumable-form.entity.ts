import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A form posted after its user's session had run out, kept until the same user logs in again
 * (then saved) or for a day. Its fields are the user's own words: nothing may be lost.
 */
@Entity({ name: 'resumable_forms' })
export class ResumableForm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_resumable_forms_user_id')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** The path the form was posted to; it is saved there again, by the same page's handler. */
  @Column('varchar', { length: 2000 })
  path: string;

  @Column('jsonb')
  fields: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
