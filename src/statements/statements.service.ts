import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, notFound, type FieldError } from '../http/problem';
import { assertCanEdit, assertContentReadable, isBeingDrafted, loadResponseScope, mayEdit, type ResponseScope } from '../responses/response-access';
import { assignFirstEditor } from '../responses/response-assignee';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import { holdsText } from './statement-body';
import { nextSectionVersion, recordRevision, sectionsOf } from './statement-snapshot';
import { StatementSection } from './statement-section.entity';
import { Statement } from './statement.entity';
import type { CorrectionInput, PutHeaderInput, PutSectionInput, PutStatementInput, SectionInput } from './statements.schemas';
import type { IfMatch } from '../http/etag';
import { assertVersion } from '../db/versioned-write';

/** Own sections that are not in the catalogue carry this prefix and need a heading. */
export const CUSTOM_SECTION_PREFIX = 'egen-';

export interface StatementView {
  statement: Statement;
  sections: StatementSection[];
}

/** What the editor's pages show beside the statement: whose it is, whether this user may change it now, which sections must stay. */
export interface EditorView extends StatementView {
  scope: ResponseScope;
  /** This user may save now: their organisation's handläggare (or an admin) while the answer is being drafted. */
  editable: boolean;
  /** This user may correct the record now (Rätta): as editable, once the answer is submitted. */
  correctable: boolean;
  requiredKeys: ReadonlySet<string>;
  /** The catalogue's sections required here but missing from the statement (made required after the draft began). */
  missingRequired: Array<{ key: string; heading: string }>;
  /** Each catalogue section's place, for putting a section back where it belongs. */
  cataloguePositions: ReadonlyMap<string, number>;
}

export async function findStatement(manager: EntityManager, scope: ResponseScope, lock = false): Promise<Statement> {
  const statement = await manager.findOne(Statement, { where: { responseId: scope.response.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!statement) throw notFound('The statement (start the draft first)');
  return statement;
}

/** Edits happen while drafting; a submitted answer is a record and changes only by correction. */
function assertDrafting(scope: ResponseScope): void {
  const status = scope.response.status;
  if (isBeingDrafted(scope.response)) return;
  if (status === 'submitted') throw conflict('The answer has been submitted and is a record now; send a correction with a reason instead.', 'statement-is-record');
  throw conflict(`The response is ${status}; the statement can be edited only while drafting.`, 'statement-not-editable');
}

export class StatementsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(responseId: string, actor: Actor): Promise<StatementView> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor, 'statement');
    const statement = await findStatement(manager, scope);
    return { statement, sections: await sectionsOf(manager, statement.id) };
  }

  async forEditor(responseId: string, actor: Actor): Promise<EditorView> {
    const manager = this.dataSource.manager;
    const scope = await loadResponseScope(manager, actor, responseId);
    assertContentReadable(scope, actor, 'statement');
    const statement = await findStatement(manager, scope);
    const sections = await sectionsOf(manager, statement.id);
    const catalogue = await manager.find(SectionTemplate, { select: { key: true, heading: true, position: true, required: true }, order: { position: 'ASC', key: 'ASC' } });
    const requiredKeys = new Set(catalogue.filter((t) => t.required).map((t) => t.key));
    const present = new Set(sections.map((s) => s.key));
    return {
      statement,
      sections,
      scope,
      requiredKeys,
      missingRequired: catalogue.filter((t) => t.required && !present.has(t.key)).map((t) => ({ key: t.key, heading: t.heading })),
      cataloguePositions: new Map(catalogue.map((t) => [t.key, t.position])),
      editable: isBeingDrafted(scope.response) && mayEdit(scope, actor),
      correctable: scope.response.status === 'submitted' && mayEdit(scope, actor),
    };
  }

  /**
   * Replaces header and all sections at once: needs the statement's ETag, so it has seen every section
   * save. `alongside` runs in the same transaction (an import closes itself with the save it made).
   */
  async put(responseId: string, ifMatch: IfMatch, input: PutStatementInput, context: RequestContext, alongside?: (manager: EntityManager) => Promise<void>): Promise<StatementView> {
    return this.edit(responseId, context, async (manager, _scope, statement) => {
      assertVersion(statement, ifMatch);
      const known = await loadSectionContext(manager, statement.id);
      assertKnownSections(known, input.sections);
      assertRequiredKept(known, input.sections);
      const { sections, ...fields } = input;
      await manager.update(Statement, { id: statement.id }, { ...fields, version: statement.version + 1, headerVersion: statement.headerVersion + 1 });
      await replaceSections(manager, statement, sections, known, context.actor!);
      await alongside?.(manager);
      return { kind: 'statement' as const, action: 'statement.saved' };
    });
  }

  /**
   * Header, signatories, bilagor and the overall stance on their own: needs the header's ETag
   * (headerVersion), so a colleague's section save meanwhile is no conflict.
   */
  async putHeader(responseId: string, ifMatch: IfMatch, input: PutHeaderInput, context: RequestContext): Promise<StatementView> {
    return this.edit(responseId, context, async (manager, _scope, statement) => {
      assertVersion({ version: statement.headerVersion }, ifMatch, 'Someone else saved the header since you read it. Fetch it again and reapply your change.');
      await manager.update(Statement, { id: statement.id }, { ...input, version: statement.version + 1, headerVersion: statement.headerVersion + 1 });
      return { kind: 'statement' as const, action: 'statement.header_saved' };
    });
  }

  /** One section on its own: needs that section's ETag, so two people can edit two sections at once. */
  async putSection(responseId: string, key: string, ifMatch: IfMatch, input: PutSectionInput, context: RequestContext): Promise<StatementView> {
    return this.edit(responseId, context, async (manager, _scope, statement) => {
      const section = await manager.findOneBy(StatementSection, { statementId: statement.id, key });
      if (!section) throw notFound(`The section ${key}`);
      assertVersion(section, ifMatch, 'Someone else saved this section since you read it. Fetch it again and reapply your change.');
      assertRequiredNotEmptied({ templates: await manager.find(SectionTemplate), current: [section] }, [{ key, body: input.body }]);
      await manager.update(StatementSection, { id: section.id }, { ...input, version: section.version + 1, updatedBy: context.actor!.userId });
      await manager.update(Statement, { id: statement.id }, { version: statement.version + 1 });
      return { kind: 'section' as const, action: 'statement.section_saved', sectionKey: key };
    });
  }

  /** After submission: a correction with a reason, kept as its own revision and audited; needs the statement's ETag like a whole save. */
  async correct(responseId: string, ifMatch: IfMatch, input: CorrectionInput, context: RequestContext): Promise<StatementView> {
    return this.edit(
      responseId,
      context,
      async (manager, scope, statement) => {
        if (scope.response.status !== 'submitted') throw conflict('Only a submitted answer is corrected; edit the draft instead.', 'not-submitted');
        assertVersion(statement, ifMatch);
        if (input.sections) {
          // A correction may change a required section, not empty it: the record keeps its required text.
          const known = await loadSectionContext(manager, statement.id);
          assertKnownSections(known, input.sections);
          for (const section of input.sections) {
            const current = known.current.find((s) => s.key === section.key);
            if (!current) throw badRequest('A corrected section must exist.', [{ path: `body.sections`, message: `${section.key} is not a section of this statement` }]);
            await manager.update(StatementSection, { id: current.id }, { body: section.body, heading: section.heading ?? current.heading, stance: section.stance ?? current.stance, version: current.version + 1, updatedBy: context.actor!.userId });
          }
        }
        await manager.update(Statement, { id: statement.id }, { ...(input.header ? { header: input.header, headerVersion: statement.headerVersion + 1 } : {}), version: statement.version + 1 });
        // One section corrected: the revision names it, as a section's save does.
        return { kind: 'correction' as const, action: 'statement.corrected', reason: input.reason, ...(input.sections?.length === 1 && !input.header ? { sectionKey: input.sections[0].key } : {}) };
      },
      true,
    );
  }

  private async edit(
    responseId: string,
    context: RequestContext,
    change: (manager: EntityManager, scope: ResponseScope, statement: Statement) => Promise<{ kind: 'statement' | 'section' | 'correction'; action: string; sectionKey?: string; reason?: string }>,
    correction = false,
  ): Promise<StatementView> {
    const actor = context.actor!;
    return this.dataSource.transaction(async (manager) => {
      const scope = await loadResponseScope(manager, actor, responseId, true);
      assertCanEdit(scope, actor);
      if (!correction) {
        assertDrafting(scope);
        await assignFirstEditor(manager, scope, context);
      }
      // The statement row lock serialises saves, so revision numbers and versions never race.
      const statement = await findStatement(manager, scope, true);
      const done = await change(manager, scope, statement);
      const after = await manager.findOneByOrFail(Statement, { id: statement.id });
      const revision = await recordRevision(manager, after, actor, done.kind, { sectionKey: done.sectionKey, reason: done.reason });
      await recordAudit(manager, context, {
        action: done.action,
        entityType: 'statement',
        entityId: statement.id,
        organisationId: scope.recipient.organisationId,
        after: { responseId, revision: revision.number, sectionKey: done.sectionKey ?? null, reason: done.reason ?? null },
      });
      return { statement: after, sections: await sectionsOf(manager, statement.id) };
    });
  }
}

/** What a save checks its sections against: the catalogue, and the statement's sections as they are. */
interface SectionContext {
  templates: SectionTemplate[];
  current: StatementSection[];
}

/** Read once per save: the checks and the replacement below all use them. */
async function loadSectionContext(manager: EntityManager, statementId: string): Promise<SectionContext> {
  return { templates: await manager.find(SectionTemplate), current: await sectionsOf(manager, statementId) };
}

/** Keys come from the catalogue, or are own sections ("egen-…") with a heading; required text is not removed. */
function assertKnownSections(known: SectionContext, sections: Array<Pick<SectionInput, 'key' | 'heading' | 'body'>>): void {
  const catalogue = new Set(known.templates.map((t) => t.key));
  const errors: FieldError[] = [];
  sections.forEach((section, index) => {
    if (section.key.startsWith(CUSTOM_SECTION_PREFIX)) {
      if (!section.heading) errors.push({ path: `body.sections.${index}.heading`, message: 'is required for an own section' });
    } else if (!catalogue.has(section.key)) {
      errors.push({ path: `body.sections.${index}.key`, message: `is not in the section catalogue (own sections start with "${CUSTOM_SECTION_PREFIX}")` });
    }
  });
  if (errors.length) throw badRequest('Some sections are not known.', errors);
  assertRequiredNotEmptied(known, sections);
}

/** A section the catalogue requires is part of every tjänsteutlåtande: it may be moved, not removed. */
function assertRequiredKept(known: SectionContext, sections: Array<Pick<SectionInput, 'key'>>): void {
  const kept = new Set(sections.map((s) => s.key));
  const required = new Set(known.templates.filter((t) => t.required).map((t) => t.key));
  const removed = known.current.filter((s) => required.has(s.key) && !kept.has(s.key));
  if (removed.length) throw badRequest('Required sections cannot be removed.', removed.map((s) => ({ path: `body.sections.${s.key}`, message: 'is a required section and cannot be removed' })));
}

/**
 * A required section that holds text may be changed, not emptied. One still empty (a fresh draft
 * whose catalogue default has no text) may stay so while drafting: submit_for_review is where
 * every required section must hold text.
 */
function assertRequiredNotEmptied(known: SectionContext, sections: Array<Pick<SectionInput, 'key' | 'body'>>): void {
  const required = new Set(known.templates.filter((t) => t.required).map((t) => t.key));
  const withText = new Set(known.current.filter((s) => holdsText(s.body)).map((s) => s.key));
  // Sub-headings alone are an outline, not text: leaving only them empties the section too.
  const errors = sections.flatMap((section) =>
    required.has(section.key) && withText.has(section.key) && !holdsText(section.body) ? [{ path: `body.sections.${section.key}`, message: 'is a required section and must not be emptied' }] : [],
  );
  if (errors.length) throw badRequest('Required sections must keep their text.', errors);
}

async function replaceSections(manager: EntityManager, statement: Statement, sections: SectionInput[], known: SectionContext, actor: Actor): Promise<void> {
  const statementId = statement.id;
  const headings = new Map(known.templates.map((t) => [t.key, t.heading]));
  const existing = new Map(known.current.map((s) => [s.key, s]));
  await manager.delete(StatementSection, { statementId });
  await manager.insert(
    StatementSection,
    sections.map((section, index) => ({
      statementId,
      key: section.key,
      heading: section.heading ?? existing.get(section.key)?.heading ?? headings.get(section.key) ?? section.key,
      position: (index + 1) * 10,
      body: section.body,
      stance: section.stance ?? null,
      version: nextSectionVersion(existing.get(section.key)?.version, statement),
      updatedBy: actor.userId,
    })),
  );
}

