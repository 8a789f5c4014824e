import type { Actor } from '../authz/actor';

interface Entry {
  actor: Actor;
  sessionExpiresAt: number;
  cachedUntil: number;
}

/**
 * A short-lived, bounded in-process cache of resolved sessions, so a busy client does not cost a
 * database round trip per request. Revocations in this process (logout, deactivation, new
 * password or roles) evict at once; other app processes notice within `ttlMs`.
 */
export class SessionCache {
  private readonly byTokenHash = new Map<string, Entry>();
  /** Counts evictions, so a lookup that ran across one does not put back what was evicted. */
  private evictions = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now = Date.now()): Actor | undefined {
    const entry = this.byTokenHash.get(tokenHash);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || entry.sessionExpiresAt <= now) {
      this.byTokenHash.delete(tokenHash);
      return undefined;
    }
    return entry.actor;
  }

  /** Take before reading the session from the database; hand to set() with what was read. */
  get generation(): number {
    return this.evictions;
  }

  /**
   * Caches a session read from the database. `generation` is the value before that read: if an
   * eviction happened meanwhile (a logout, a deactivation), the read may be from before it and is
   * not cached.
   */
  set(tokenHash: string, actor: Actor, sessionExpiresAt: Date, { generation = this.evictions, now = Date.now() }: { generation?: number; now?: number } = {}): void {
    if (this.ttlMs <= 0 || generation !== this.evictions) return;
    // Maps iterate in insertion order, so the first key is the oldest entry.
    if (this.byTokenHash.size >= this.maxEntries) this.byTokenHash.delete(this.byTokenHash.keys().next().value!);
    this.byTokenHash.set(tokenHash, { actor, sessionExpiresAt: sessionExpiresAt.getTime(), cachedUntil: now + this.ttlMs });
  }

  evictSession(sessionId: string): void {
    this.evictions++;
    for (const [hash, entry] of this.byTokenHash) if (entry.actor.sessionId === sessionId) this.byTokenHash.delete(hash);
  }

  evictUser(userId: string): void {
    this.evictions++;
    for (const [hash, entry] of this.byTokenHash) if (entry.actor.userId === userId) this.byTokenHash.delete(hash);
  }
}
