import type { EntityManager } from 'typeorm';
import { HttpProblem, type FieldError } from '../http/problem';
import { isActiveOn } from './active-period';

/** What resolution needs of an organisation. */
export interface RegisterRow {
  id: string;
  name: string;
  activeFrom: string | null;
  activeTo: string | null;
  successorId: string | null;
}

/** Organisations by id, with every successor reachable from them (one recursive query; UNION stops at a cycle). */
export async function loadWithSuccessors(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RegisterRow>> {
  if (ids.length === 0) return new Map();
  const rows: RegisterRow[] = await manager.query(
    `WITH RECURSIVE chain(id, name, active_from, active_to, successor_id) AS (
       SELECT id, name, active_from, active_to, successor_id FROM organisations WHERE id = ANY($1::uuid[])
       UNION SELECT o.id, o.name, o.active_from, o.active_to, o.successor_id FROM organisations o JOIN chain c ON o.id = c.successor_id
     ) SELECT id, name, active_from::text AS "activeFrom", active_to::text AS "activeTo", successor_id AS "successorId" FROM chain`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The body that stands for `id` on `day`: itself while active, else the first successor in its
 * chain that is active that day (Östermalm → Norra innerstaden), or null when the chain ends.
 */
export function standingOn(rows: ReadonlyMap<string, RegisterRow>, id: string, day: string): RegisterRow | null {
  const seen = new Set<string>();
  let current = rows.get(id);
  while (current && !isActiveOn(current, day)) {
    if (!current.successorId || seen.has(current.id)) return null;
    seen.add(current.id);
    current = rows.get(current.successorId);
  }
  return current ?? null;
}

/** Why `row` cannot take a remiss on `day`, naming who does instead. */
export function notActiveMessage(row: RegisterRow, day: string, successor: RegisterRow | null): string {
  if (row.activeFrom && row.activeFrom > day) return `${row.name} exists only from ${row.activeFrom}`;
  const instead = successor ? `; its successor is ${successor.name}` : '; it has no successor';
  return `${row.name} has not existed since ${row.activeTo}${instead}`;
}

/**
 * Refuses organisations that are not active on `day` (409), each error naming its successor.
 * `paths` gives each id's field path in the request.
 */
export async function assertActiveOn(manager: EntityManager, entries: ReadonlyArray<{ id: string; path: string }>, day: string, what: string): Promise<void> {
  const rows = await loadWithSuccessors(manager, entries.map((e) => e.id));
  const errors: FieldError[] = [];
  for (const { id, path } of entries) {
    const row = rows.get(id);
    if (!row || isActiveOn(row, day)) continue;
    errors.push({ path, message: notActiveMessage(row, day, standingOn(rows, id, day)) });
  }
  if (errors.length === 0) return;
  const detail = `${what} only to bodies that exist on ${day}. ${errors.map((e) => e.message).join('. ')}.`;
  throw new HttpProblem(409, detail, { slug: 'organisation-not-active', title: 'Organisation not active', errors });
}
