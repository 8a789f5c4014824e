import type { EntityManager } from 'typeorm';
import { loadWithSuccessors, notActiveMessage, standingOn } from '../organisations/register-on-date';

export interface ListMember {
  organisationId: string;
  viaListId: string | null;
}

export interface ResolvedMembers<T extends ListMember> {
  /** In list order, each retired member's place taken by its successor. */
  members: T[];
  /** Members that did not go out as themselves, and why (replaced by a successor, or gone without one). */
  replaced: Array<{ organisationId: string; reason: string }>;
}

/**
 * A sändlista's members as they stand on `day` (the send date). A member retired by then is
 * replaced by its successor, once: two merged members give one successor, in the first one's
 * place, and a successor already on the list is not added again. A member with no successor
 * active that day is left out. Members that are active pass through unchanged, duplicates too:
 * the caller decides what a duplicate means.
 */
export async function resolveMembersOn<T extends ListMember>(manager: EntityManager, members: readonly T[], day: string): Promise<ResolvedMembers<T>> {
  const rows = await loadWithSuccessors(manager, members.map((m) => m.organisationId));
  const listed = new Set(members.map((m) => m.organisationId));
  const resolved: T[] = [];
  const replaced: ResolvedMembers<T>['replaced'] = [];
  const successorsAdded = new Set<string>();
  for (const member of members) {
    const row = rows.get(member.organisationId);
    const standing = standingOn(rows, member.organisationId, day);
    if (!row || standing?.id === member.organisationId) {
      resolved.push(member);
      continue;
    }
    replaced.push({ organisationId: member.organisationId, reason: standing ? `${notActiveMessage(row, day, standing)}; replaced by it` : notActiveMessage(row, day, null) });
    if (!standing || listed.has(standing.id) || successorsAdded.has(standing.id)) continue;
    successorsAdded.add(standing.id);
    resolved.push({ ...member, organisationId: standing.id });
  }
  return { members: resolved, replaced };
}
