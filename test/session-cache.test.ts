import { SessionCache } from '../src/auth/session-cache';
import type { Actor } from '../src/authz/actor';

const actor = (sessionId: string, userId = 'u1'): Actor => ({ sessionId, userId, username: 'x', name: 'X', organisationId: 'o1', roles: ['reader'] });

describe('session cache', () => {
  const now = 1_000_000;
  const farFuture = new Date(now + 3_600_000);

  it('forgets an entry after its time to live and at the session expiry, whichever comes first', () => {
    const cache = new SessionCache(2_000);
    cache.set('a', actor('s1'), farFuture, { now });
    cache.set('b', actor('s2'), new Date(now + 500), { now });
    expect(cache.get('a', now + 1_999)).toBeDefined();
    expect(cache.get('a', now + 2_000)).toBeUndefined();
    expect(cache.get('b', now + 499)).toBeDefined();
    expect(cache.get('b', now + 500)).toBeUndefined();
  });

  it('evicts by session and by user', () => {
    const cache = new SessionCache(60_000);
    cache.set('a', actor('s1', 'u1'), farFuture, { now });
    cache.set('b', actor('s2', 'u1'), farFuture, { now });
    cache.set('c', actor('s3', 'u2'), farFuture, { now });
    cache.evictSession('s3');
    expect(cache.get('c', now)).toBeUndefined();
    cache.evictUser('u1');
    expect(cache.get('a', now)).toBeUndefined();
    expect(cache.get('b', now)).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entry', () => {
    const cache = new SessionCache(60_000, 2);
    cache.set('a', actor('s1'), farFuture, { now });
    cache.set('b', actor('s2'), farFuture, { now });
    cache.set('c', actor('s3'), farFuture, { now });
    expect(cache.get('a', now)).toBeUndefined();
    expect(cache.get('c', now)).toBeDefined();
  });

  it('does not put back a session read before an eviction that happened while it was read', () => {
    const cache = new SessionCache(60_000);
    const generation = cache.generation; // a request starts reading session s1 from the database…
    cache.evictSession('s1'); // …meanwhile the user logs out in another request…
    cache.set('a', actor('s1'), farFuture, { generation, now }); // …and the read, from before the logout, comes back
    expect(cache.get('a', now)).toBeUndefined();
    cache.set('a', actor('s1'), farFuture, { generation: cache.generation, now });
    expect(cache.get('a', now)).toBeDefined();
  });

  it('caches nothing with a zero time to live', () => {
    const cache = new SessionCache(0);
    cache.set('a', actor('s1'), farFuture, { now });
    expect(cache.get('a', now)).toBeUndefined();
  });
});
