import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed logins per client address and username within the current window (login rate limit),
 * shared by every app process. Only a SHA-256 of the address and username is kept, and a row is
 * gone soon after its window ends.
 */
@Entity({ name: 'login_attempts' })
export class LoginAttempt {
  @PrimaryColumn('char', { name: 'key_hash', length: 64 })
  keyHash: string;

  @Column('integer')
  hits: number;

  @Index('ix_login_attempts_reset_at')
  @Column('timestamptz', { name: 'reset_at' })
  resetAt: Date;
}
