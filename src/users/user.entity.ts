import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import type { Role } from '../authz/roles';

@Entity({ name: 'users' })
@Check('ck_users_roles', `"roles" <@ ARRAY['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader']::text[]`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case so logins are case-insensitive and unique. */
  @Index('uq_users_username', { unique: true })
  @Column('varchar', { length: 80 })
  username: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  phone: string | null;

  @Column('varchar', { length: 120, nullable: true })
  title: string | null;

  @Index('ix_users_organisation_id')
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_users_organisation' })
  organisation?: Organisation;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: Role[];

  @Column('varchar', { name: 'password_hash', length: 255, select: false })
  passwordHash: string;

  @Column('boolean', { default: true })
  active: boolean;

  /** Whether the user gets e-mail when it is their turn on an answer (Mitt konto). */
  @Column('boolean', { name: 'email_notifications', default: true })
  emailNotifications: boolean;

  @Column('integer', { default: 1 })
  version: number;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
