import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { DataSource } from 'typeorm';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * express-rate-limit's counters in PostgreSQL (table login_attempts), so that several app
 * processes behind a load balancer share one count per client and username: with counters in
 * each process's memory, N processes would allow N times the failed logins.
 *
 * One upsert per attempt is atomic, so concurrent attempts are all counted; a window that has
 * ended starts again at 1. Ended windows are swept now and then, and never read.
 */
export class LoginAttemptsStore implements Store {
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row]: Array<{ hits: number; reset_at: Date }> = await this.dataSource.query('SELECT hits, reset_at FROM login_attempts WHERE key_hash = $1 AND reset_at > now()', [hashKey(key)]);
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    await this.sweep();
    const [row]: Array<{ hits: number; reset_at: Date }> = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key_hash, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key_hash) DO UPDATE SET
         hits = CASE WHEN a.reset_at <= now() THEN 1 ELSE a.hits + 1 END,
         reset_at = CASE WHEN a.reset_at <= now() THEN EXCLUDED.reset_at ELSE a.reset_at END
       RETURNING hits, reset_at`,
      [hashKey(key), this.windowMs],
    );
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  /**
   * A request that did not count after all (a successful login, with skipSuccessfulRequests). It
   * runs after the response has gone out, best effort: should the database be gone by then (a
   * shutdown), the login was merely counted as a failure, which the window forgets.
   */
  async decrement(key: string): Promise<void> {
    await this.dataSource.query('UPDATE login_attempts SET hits = greatest(hits - 1, 0) WHERE key_hash = $1 AND reset_at > now()', [hashKey(key)]).catch(() => undefined);
  }

  async resetKey(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempts WHERE key_hash = $1', [hashKey(key)]);
  }

  /** At most once a window per process: remove the rows whose window has ended. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    await this.dataSource.query('DELETE FROM login_attempts WHERE reset_at <= now()');
  }
}
