import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { IfMatch } from '../http/etag';
import { notFound, preconditionFailed } from '../http/problem';

type Versioned = { version: number };

/**
 * The two halves of every If-Match write (optimistic concurrency, DESIGN §4): between them the
 * service checks and shapes its change on the locked row. Locking first means the version read
 * here is the one the write will replace; the `WHERE version = expected` of the write is the
 * belt to those braces, so a concurrent writer can never be silently overwritten.
 */

/** The row, locked for this transaction; 404 when it does not exist, 412 when If-Match does not hold. */
export async function lockAtVersion<T extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  ifMatch: IfMatch,
  what: string,
): Promise<T> {
  const row = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound(what);
  assertVersion(row, ifMatch);
  return row;
}

/**
 * 412 unless If-Match holds for the row as it is now (the one place every versioned write checks
 * it); no If-Match (undefined) is no precondition. The write then replaces row.version.
 */
export function assertVersion(row: Versioned, ifMatch: IfMatch | undefined, detail?: string): void {
  if (ifMatch && !ifMatch.matches(row.version)) throw preconditionFailed(detail);
}

/** Writes the changes as the next version after `currentVersion` (the one checked) and reads the row back as stored (defaults, triggers). */
export async function writeNextVersion<T extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  currentVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<T> {
  const result = await manager.update(entity, { ...where, version: currentVersion } as FindOptionsWhere<T>, { ...changes, version: currentVersion + 1 } as QueryDeepPartialEntity<T>);
  if (result.affected !== 1) throw preconditionFailed();
  return manager.findOneByOrFail(entity, where);
}
