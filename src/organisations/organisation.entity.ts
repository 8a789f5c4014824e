import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['committee', 'administration', 'council', 'company', 'external'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity({ name: 'organisations' })
// Case-insensitive uniqueness needs an expression index, which TypeORM cannot describe; the
// migration creates it and synchronize:false keeps the drift check from dropping it.
@Index('uq_organisations_name_ci', { synchronize: false })
@Check('ck_organisations_kind', `"kind" IN ('committee', 'administration', 'council', 'company', 'external')`)
@Check('ck_organisations_active_range', `"active_to" IS NULL OR "active_from" IS NULL OR "active_to" >= "active_from"`)
@Check('ck_organisations_successor_not_self', `"successor_id" IS NULL OR "successor_id" <> "id"`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key of a register entry (seeded reference data); null for organisations added by users. */
  @Index('uq_organisations_register_key', { unique: true })
  @Column('varchar', { name: 'register_key', length: 80, nullable: true })
  registerKey: string | null;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { name: 'short_name', length: 60, nullable: true })
  shortName: string | null;

  @Column('varchar', { length: 20 })
  kind: OrganisationKind;

  @Index('ix_organisations_parent_id')
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_organisations_parent' })
  parent?: Organisation | null;

  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('date', { name: 'active_from', nullable: true })
  activeFrom: string | null;

  @Column('date', { name: 'active_to', nullable: true })
  activeTo: string | null;

  /** The body that took over its work after activeTo (a merger's result): a sändlista resolves a retired member to it. */
  @Index('ix_organisations_successor_id')
  @Column('uuid', { name: 'successor_id', nullable: true })
  successorId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'fk_organisations_successor' })
  successor?: Organisation | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
