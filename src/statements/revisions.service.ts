import { diffWords } from 'diff';
import type { DataSource } from 'typeorm';
import type { Actor, RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { unprintableFields } from '../documents/printable-text';
import { badRequest, conflict, notFound } from '../http/problem';
import { assertCanEdit, assertContentReadable, loadResponseScope } from '../responses/response-access';
import { assignFirstEditor } from '../responses/response-assignee';
import { plainText } from './statement-body';
import { StatementRevision, type StatementSnapshot } from './statement-revision.entity';
import { nextSectionVersion, recordRevision, sectionsOf } from './statement-snapshot';
import { StatementSection } from './statement-section.entity';
import { Statement } from './statement.entity';
import { findStatement, type StatementView } from './statements.service';
import type { IfMatch } from '../http/etag';
import { assertVersion } from '../db/versioned-write';

export interface SectionDiff {
  key: string;
  heading: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  parts: Array<{ op: 'equal' | 'insert' | 'delete'; text: string }>;
}

/** Per section, word by word, on the plain text (a line per paragraph, list item and sub-heading); headers compared field by field. */
export function diffSnapshots(from: StatementSnapshot, to: StatementSnapshot) {
  const before = new Map(from.sections.map((s) => [s.key, s]));
  const after = new Map(to.sections.map((s) => [s.key, s]));
  const keys = [...new Set([...to.sections.map((s) => s.key), ...from.sections.map((s) => s.key)])];
  const sections: SectionDiff[] = keys.map((key) => {
    const a = before.get(key);
    const b = after.get(key);
    const parts = diffWords(a ? plainText(a.body) : '', b ? plainText(b.body) : '').map((part) => ({
      op: part.added ? ('insert' as const) : part.removed ? ('delete' as const) : ('equal' as const),
      text: part.value,
    }));
    // The words may stay while the body changes (a paragraph made a sub-heading, a word set in bold): still a change.
    const bodyChanged = !!a && !!b && JSON.stringify(a.body) !== JSON.stringify(b.body);
    const change = !a ? 'added' : !b ? 'removed' : parts.some((p) => p.op !== 'equal') || bodyChanged || a.heading !== b.heading || a.stance !== b.stance ? 'changed' : 'unchanged';
    return { key, heading: (b ?? a)!.heading, change, parts };
  });
  const headerFields = Object.keys({ ...from.header, ...to.header }) as Array<keyof StatementSnapshot['header']>;
  const header = headerFields
    .filter((field) => JSON.stringify(from.header[field]) !== JSON.stringify(to.header[field]))
    .map((field) => ({ field, from: from.header[field], to: to.header[field] }));
  return { header, stanceChanged: from.stance !== to.stance, sections };
}

export class RevisionsService {
  constructor(private readonly dataSource: DataSource) {}

  private async readable(responseId: string, actor: Actor) {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor, 'statement');
    return findStatement(manager, scope);
  }

  async list(responseId: string, actor: Actor, page: { limit: number; offset: number }) {
    const statement = await this.readable(responseId, actor);
    const [items, total] = await this.dataSource.getRepository(StatementRevision).findAndCount({
      select: { id: true, number: true, kind: true, sectionKey: true, authorName: true, reason: true, createdAt: true },
      where: { statementId: statement.id },
      order: { number: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  /** A revision of this response's statement; another response's revision is a 404 here. */
  async get(responseId: string, revisionId: string, actor: Actor): Promise<StatementRevision> {
    const statement = await this.readable(responseId, actor);
    const revision = await this.dataSource.getRepository(StatementRevision).findOneBy({ id: revisionId, statementId: statement.id });
    if (!revision) throw notFound('The revision');
    return revision;
  }

  async diff(responseId: string, fromId: string, toId: string, actor: Actor) {
    const [from, to] = await Promise.all([this.get(responseId, fromId, actor), this.get(responseId, toId, actor)]);
    return { from: from.number, to: to.number, ...diffSnapshots(from.snapshot, to.snapshot) };
  }

  /** Puts an old revision's content back as a new revision; history is never rewritten. */
  async restore(responseId: string, revisionId: string, ifMatch: IfMatch, reason: string | undefined, context: RequestContext): Promise<StatementView> {
    const actor = context.actor!;
    return this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      assertCanEdit(scope, actor);
      if (scope.response.status !== 'drafting') throw conflict(`The response is ${scope.response.status}; restore while drafting.`, 'statement-not-editable');
      await assignFirstEditor(manager, scope, context);
      const statement = await findStatement(manager, scope, true);
      // Needs the statement's ETag: a restore replaces every section, so it must have seen every save.
      assertVersion(statement, ifMatch);
      const revision = await manager.findOneBy(StatementRevision, { id: revisionId, statementId: statement.id });
      if (!revision) throw notFound('The revision');
      // Restored text is printed like saved text: one saved before the printable rule is refused the same way.
      const unprintable = unprintableFields(revision.snapshot, 'revision');
      if (unprintable.length) throw badRequest(`Revision ${revision.number} holds characters the documents cannot print; write the text again instead of restoring it.`, unprintable);
      const { sections, ...fields } = revision.snapshot;
      const versions = new Map((await sectionsOf(manager, statement.id)).map((s) => [s.key, s.version]));
      await manager.update(Statement, { id: statement.id }, { ...fields, version: statement.version + 1, headerVersion: statement.headerVersion + 1 });
      await manager.delete(StatementSection, { statementId: statement.id });
      await manager.insert(StatementSection, sections.map((s) => ({ ...s, statementId: statement.id, version: nextSectionVersion(versions.get(s.key), statement), updatedBy: actor.userId })));
      const after = await manager.findOneByOrFail(Statement, { id: statement.id });
      const created = await recordRevision(manager, after, actor, 'restore', { reason: reason ?? `Återställd från version ${revision.number}` });
      await recordAudit(manager, context, { action: 'statement.restored', entityType: 'statement', entityId: statement.id, organisationId: scope.recipient.organisationId, after: { responseId, restoredFrom: revision.number, revision: created.number } });
      return { statement: after, sections: await sectionsOf(manager, statement.id) };
    });
  }
}
