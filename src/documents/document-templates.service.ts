import { createHash } from 'node:crypto';
import { IsNull, Not, type DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, notFound, preconditionFailed } from '../http/problem';
import { User } from '../users/user.entity';
import { DocumentTemplate } from './document-template.entity';
import { defaultTemplateSource, isDocumentName, TEMPLATE_NAMES, type TemplateBundle } from './template-set';
import type { IfMatch } from '../http/etag';
import { assertVersion } from '../db/versioned-write';

/** Renders sample documents with a candidate set; answers the problems (see template-validation.ts). */
export type TemplateChecker = (templates: TemplateBundle, name: string) => Promise<string[]>;

export interface EffectiveTemplate {
  name: string;
  kind: 'document' | 'partial';
  overridden: boolean;
  /** 0 while the file default has never been replaced; the ETag is "v<version>". */
  version: number;
  source: string;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The templates in effect: the files, with an admin's replacements from document_templates on top.
 * A change is checked whole before it is stored (it compiles, and every document using it renders
 * the sample documents through the HTML-subset parser and the layout), under a table lock so two
 * admins' changes are checked one after the other and never combine unchecked. Audited.
 */
export class DocumentTemplatesService {
  private cached: TemplateBundle | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly check: TemplateChecker,
  ) {}

  /**
   * The overrides for a rendering job: one small query per document, and the sources read again
   * only when a version changed, so another process's change applies with the next document.
   */
  async effective(): Promise<TemplateBundle> {
    const rows: Array<{ name: string; version: number }> = await this.dataSource.query(`SELECT name, version FROM document_templates WHERE source IS NOT NULL ORDER BY name`);
    const versions = rows.map((row) => `${row.name}@${row.version}`).join(',');
    if (this.cached && this.cached.key.startsWith(`${versions}#`)) return this.cached;
    this.cached = bundleOf(await this.dataSource.manager.find(DocumentTemplate, { where: { source: Not(IsNull()) }, order: { name: 'ASC' } }));
    return this.cached;
  }

  async list(): Promise<EffectiveTemplate[]> {
    const rows = new Map((await this.dataSource.manager.find(DocumentTemplate)).map((row) => [row.name, row]));
    return TEMPLATE_NAMES.map((name) => present(name, rows.get(name)));
  }

  async get(name: string): Promise<EffectiveTemplate> {
    assertKnown(name);
    return present(name, (await this.dataSource.manager.findOneBy(DocumentTemplate, { name })) ?? undefined);
  }

  /** Replaces a template (If-Match: its current version, 0 for a file default never replaced). */
  replace(name: string, source: string, ifMatch: IfMatch, context: RequestContext): Promise<EffectiveTemplate> {
    return this.change(name, source, ifMatch, context);
  }

  /** Back to the file default. */
  reset(name: string, ifMatch: IfMatch, context: RequestContext): Promise<EffectiveTemplate> {
    return this.change(name, null, ifMatch, context);
  }

  private async change(name: string, source: string | null, ifMatch: IfMatch, context: RequestContext): Promise<EffectiveTemplate> {
    assertKnown(name);
    const saved = await this.dataSource.transaction(async (manager): Promise<DocumentTemplate | undefined> => {
      // Readers go on; a second change waits until this one is checked and committed.
      await manager.query('LOCK TABLE document_templates IN SHARE ROW EXCLUSIVE MODE');
      const rows = await manager.find(DocumentTemplate);
      const before = rows.find((row) => row.name === name);
      // A file default never replaced is the template at version 0: it exists, so `*` matches it too.
      const currentVersion = before?.version ?? 0;
      assertVersion({ version: currentVersion }, ifMatch);
      if (source === null && !before?.source) return before; // already the default: nothing to change
      const overrides = Object.fromEntries(rows.filter((row) => row.source !== null && row.name !== name).map((row) => [row.name, row.source!]));
      if (source !== null) overrides[name] = source;
      const problems = await this.check({ key: `check:${sha256(JSON.stringify(overrides))}`, sources: overrides }, name);
      if (problems.length) {
        const errors = problems.map((message) => ({ path: source === null ? 'name' : 'body.source', message }));
        // Resetting can only fail because another override relies on this one: that is a conflict, not bad input.
        throw source === null ? conflict('Other replaced templates depend on this one; restoring the default would break them. Nothing was changed.') : badRequest('The template cannot be used; nothing was changed.', errors);
      }
      const author = context.actor ? await manager.findOneBy(User, { id: context.actor.userId }) : null;
      const fields = { source, updatedBy: context.actor?.userId ?? null, updatedByName: author?.name ?? context.actor?.username ?? null };
      if (before) {
        const result = await manager.update(DocumentTemplate, { name, version: currentVersion }, { ...fields, version: currentVersion + 1 });
        if (result.affected !== 1) throw preconditionFailed();
      } else {
        await manager.insert(DocumentTemplate, { name, ...fields, version: 1 });
      }
      const after = await manager.findOneByOrFail(DocumentTemplate, { name });
      await recordAudit(manager, context, {
        action: source === null ? 'document_template.reset' : 'document_template.replaced',
        entityType: 'document_template',
        entityId: name,
        organisationId: null,
        before: auditView(name, before),
        after: auditView(name, after),
      });
      return after;
    });
    this.cached = undefined;
    return present(name, saved);
  }
}

function assertKnown(name: string): void {
  if (!TEMPLATE_NAMES.includes(name)) throw notFound(`The document template ${name}`);
}

export function bundleOf(rows: Array<Pick<DocumentTemplate, 'name' | 'version' | 'source'>>): TemplateBundle {
  const active = rows.filter((row) => row.source !== null).sort((a, b) => a.name.localeCompare(b.name));
  if (!active.length) return { key: '#defaults', sources: {} };
  const sources = Object.fromEntries(active.map((row) => [row.name, row.source!]));
  // Versions for a cheap comparison, plus the content itself: a key never names two different sets.
  return { key: `${active.map((row) => `${row.name}@${row.version}`).join(',')}#${sha256(JSON.stringify(sources)).slice(0, 16)}`, sources };
}

function present(name: string, row: DocumentTemplate | undefined): EffectiveTemplate {
  const overridden = !!row && row.source !== null;
  return {
    name,
    kind: isDocumentName(name) ? 'document' : 'partial',
    overridden,
    version: row?.version ?? 0,
    source: overridden ? row!.source! : defaultTemplateSource(name)!,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedByName ?? null,
  };
}

/** Audit rows keep the source itself: a template is not personal data, and the change must be reviewable. */
const auditView = (name: string, row: DocumentTemplate | undefined) => (row ? { name, version: row.version, overridden: row.source !== null, source: row.source } : { name, version: 0, overridden: false, source: null });

