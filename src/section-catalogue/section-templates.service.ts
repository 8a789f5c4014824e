import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, notFound } from '../http/problem';
import { compileDefaultText } from './default-texts';
import { SectionTemplate } from './section-template.entity';
import { assertVersion, lockAtVersion, writeNextVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';

export const presentSectionTemplate = (t: SectionTemplate) => ({ key: t.key, heading: t.heading, position: t.position, standard: t.standard, required: t.required, defaults: t.defaults, version: t.version });

/** A broken template is refused whole, with Handlebars' own message, never half-applied. */
function assertCompiles(defaults: Record<string, string> | undefined): void {
  const errors = Object.entries(defaults ?? {}).flatMap(([kind, source]) => {
    try {
      compileDefaultText(source);
      return [];
    } catch (error) {
      return [{ path: `body.defaults.${kind}`, message: error instanceof Error ? error.message : String(error) }];
    }
  });
  if (errors.length) throw badRequest('A default text is not a valid template.', errors);
}

type TemplateFields = Partial<Pick<SectionTemplate, 'heading' | 'position' | 'standard' | 'required' | 'defaults'>>;

type MoveDirection = 'up' | 'down';

/** The space between positions, so an entry can later be put between two by position alone. */
const POSITION_STEP = 10;

export class SectionTemplatesService {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<SectionTemplate[]> {
    return this.dataSource.getRepository(SectionTemplate).find({ order: { position: 'ASC', key: 'ASC' } });
  }

  async get(key: string): Promise<SectionTemplate> {
    const template = await this.dataSource.getRepository(SectionTemplate).findOneBy({ key });
    if (!template) throw notFound(`The section template ${key}`);
    return template;
  }

  async create(input: TemplateFields & { key: string }, context: RequestContext): Promise<SectionTemplate> {
    assertCompiles(input.defaults);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(SectionTemplate, { key: input.key })) {
        throw conflict(`The section key ${input.key} is taken.`, 'duplicate', [{ path: 'body.key', message: 'is taken by another section' }]);
      }
      // Without a position the new entry goes last.
      const position = input.position ?? ((await manager.maximum(SectionTemplate, 'position')) ?? 0) + POSITION_STEP;
      const template = await manager.save(SectionTemplate, manager.create(SectionTemplate, { ...input, position }));
      await recordAudit(manager, context, { action: 'section_template.created', entityType: 'section_template', entityId: template.key, after: presentSectionTemplate(template) });
      return template;
    });
  }

  async update(key: string, ifMatch: IfMatch, input: TemplateFields, context: RequestContext): Promise<SectionTemplate> {
    assertCompiles(input.defaults);
    return this.dataSource.transaction(async (manager) => {
      const before = await lockAtVersion(manager, SectionTemplate, { key }, ifMatch, 'The section template');
      const after = await writeNextVersion(manager, SectionTemplate, { key }, before.version, input);
      await recordAudit(manager, context, { action: 'section_template.updated', entityType: 'section_template', entityId: key, before: presentSectionTemplate(before), after: presentSectionTemplate(after) });
      return after;
    });
  }

  /**
   * Moves an entry one place up or down in the catalogue's order, swapping it with its neighbour,
   * in one transaction that locks the whole catalogue (a concurrent move cannot interleave).
   * Positions keep their values where they are distinct; tied ones are renumbered first, since a
   * swap of equal positions would change nothing. Every entry whose position changes gets a new
   * version and an audit event.
   */
  async move(key: string, direction: MoveDirection, ifMatch: IfMatch, context: RequestContext): Promise<SectionTemplate> {
    return this.dataSource.transaction(async (manager) => {
      const entries = await manager.find(SectionTemplate, { order: { position: 'ASC', key: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const index = entries.findIndex((entry) => entry.key === key);
      if (index < 0) throw notFound(`The section template ${key}`);
      assertVersion(entries[index], ifMatch);
      const other = direction === 'up' ? index - 1 : index + 1;
      if (other < 0 || other >= entries.length) throw conflict(`The section ${key} is already ${direction === 'up' ? 'first' : 'last'}.`, 'section-move-edge');
      const positions = entries.map((entry) => entry.position);
      const distinct = new Set(positions).size === positions.length;
      const order = [...entries];
      [order[index], order[other]] = [order[other], order[index]];
      let moved = entries[index];
      for (const [at, entry] of order.entries()) {
        const position = distinct ? positions[at] : (at + 1) * POSITION_STEP;
        if (position === entry.position) continue;
        const after = await writeNextVersion(manager, SectionTemplate, { key: entry.key }, entry.version, { position });
        await recordAudit(manager, context, { action: 'section_template.moved', entityType: 'section_template', entityId: entry.key, before: { position: entry.position }, after: { position } });
        if (entry.key === key) moved = after;
      }
      return moved;
    });
  }
}
