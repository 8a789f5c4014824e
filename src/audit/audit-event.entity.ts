import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of every mutation. No foreign keys: an audit row must outlive what it
 * describes. A trigger in the migration refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('ix_audit_events_occurred_at')
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Index('ix_audit_events_actor_user_id')
  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('varchar', { name: 'actor_username', length: 80, nullable: true })
  actorUsername: string | null;

  @Index('ix_audit_events_organisation_id')
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Index('ix_audit_events_action')
  @Column('varchar', { length: 80 })
  action: string;

  @Column('varchar', { name: 'entity_type', length: 60 })
  entityType: string;

  @Column('varchar', { name: 'entity_id', length: 80 })
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;

  @Column('varchar', { name: 'request_id', length: 128, nullable: true })
  requestId: string | null;
}
