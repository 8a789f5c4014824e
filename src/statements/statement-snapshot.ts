import type { EntityManager } from 'typeorm';
import type { Actor } from '../authz/actor';
import { StatementRevision, type RevisionKind, type StatementSnapshot } from './statement-revision.entity';
import { StatementSection } from './statement-section.entity';
import type { Statement } from './statement.entity';

export async function sectionsOf(manager: EntityManager, statementId: string): Promise<StatementSection[]> {
  return manager.find(StatementSection, { where: { statementId }, order: { position: 'ASC', key: 'ASC' } });
}

export function snapshotOf(statement: Statement, sections: StatementSection[]): StatementSnapshot {
  return {
    header: statement.header,
    signatories: statement.signatories,
    enclosures: statement.enclosures,
    stance: statement.stance,
    sections: sections.map((s) => ({ key: s.key, heading: s.heading, position: s.position, body: s.body, stance: s.stance })),
  };
}

/**
 * Records the statement as it now stands. Callers hold the statement row lock, so numbering is
 * gap-free and a failed save leaves no revision behind.
 */
export async function recordRevision(
  manager: EntityManager,
  statement: Statement,
  actor: Actor | null,
  kind: RevisionKind,
  options: { sectionKey?: string; reason?: string; authorName?: string } = {},
): Promise<StatementRevision> {
  const [{ next }]: Array<{ next: number }> = await manager.query('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM statement_revisions WHERE statement_id = $1', [statement.id]);
  return manager.save(
    StatementRevision,
    manager.create(StatementRevision, {
      statementId: statement.id,
      number: next,
      kind,
      sectionKey: options.sectionKey ?? null,
      authorUserId: actor?.userId ?? null,
      authorName: options.authorName ?? actor?.name ?? 'System',
      reason: options.reason ?? null,
      snapshot: snapshotOf(statement, await sectionsOf(manager, statement.id)),
    }),
  );
}

/**
 * A section's next version. One removed and added again starts above the statement's version,
 * which every save of any section has raised: no ETag anyone read of an earlier section under
 * that key can match it, so a stale editor gets 412 instead of overwriting the new text.
 */
export function nextSectionVersion(current: number | undefined, statement: { version: number }): number {
  return (current ?? statement.version) + 1;
}
