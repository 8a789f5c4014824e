import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, preconditionFailed } from '../http/problem';

type Versioned = { version: number };

/**
 * The two halves of every If-Match write (optimistic concurrency, DESIGN §4): between them the
 * service checks and shapes its change on the locked row. Locking first means the version read
 * here is the one the write will replace; the `WHERE version = expected` of the write is the
 * belt to those braces, so a concurrent writer can never be silently overwritten.
 */

/** The row, locked for this transaction; 404 when it does not exist, 412 when If-Match is stale. */
export async function lockAtVersion<T extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  expectedVersion: number,
  what: string,
): Promise<T> {
  const row = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound(what);
  assertVersion(row, expectedVersion);
  return row;
}

/** 412 unless the row is still at the version the caller read (If-Match). */
export function assertVersion(row: Versioned, expectedVersion: number): void {
  if (row.version !== expectedVersion) throw preconditionFailed();
}

/** Writes the changes as the next version and reads the row back as stored (defaults, triggers). */
export async function writeNextVersion<T extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<T> {
  const result = await manager.update(entity, { ...where, version: expectedVersion } as FindOptionsWhere<T>, { ...changes, version: expectedVersion + 1 } as QueryDeepPartialEntity<T>);
  if (result.affected !== 1) throw preconditionFailed();
  return manager.findOneByOrFail(entity, where);
}
