import type { DataSource } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, notFound } from '../http/problem';
import { compileDefaultText } from './default-texts';
import { SectionTemplate } from './section-template.entity';
import { lockAtVersion, writeNextVersion } from '../db/versioned-write';
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
      if (await manager.existsBy(SectionTemplate, { key: input.key })) throw conflict(`The section key ${input.key} is taken.`, 'duplicate');
      const template = await manager.save(SectionTemplate, manager.create(SectionTemplate, input));
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
}
