import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';

/** A sändlista: a named, reusable, ordered list of organisations. */
@Entity({ name: 'distribution_lists' })
// Case-insensitive uniqueness: an expression index created by the migration.
@Index('uq_distribution_lists_name_ci', { synchronize: false })
export class DistributionList {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key of a seeded list; null for lists made by users. */
  @Index('uq_distribution_lists_seed_key', { unique: true })
  @Column('varchar', { name: 'seed_key', length: 80, nullable: true })
  seedKey: string | null;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'distribution_list_members' })
export class DistributionListMember {
  @PrimaryColumn('uuid', { name: 'list_id' })
  listId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** Order on the list; documents name recipients in this order. */
  @Column('integer')
  position: number;

  @ManyToOne(() => DistributionList, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'fk_distribution_list_members_list' })
  list?: DistributionList;

  @Index('ix_distribution_list_members_organisation_id')
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_distribution_list_members_organisation' })
  organisation?: Organisation;
}
