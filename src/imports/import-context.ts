import type { EntityManager } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import type { ImportContext } from './proposal';

/** The catalogue's headings and the register's names: what an import maps headings and names to. */
export async function loadImportContext(manager: EntityManager): Promise<ImportContext> {
  const catalogue = await manager.find(SectionTemplate, { select: { key: true, heading: true }, order: { position: 'ASC' } });
  const organisations = (await manager.find(Organisation, { select: { name: true } })).map((o) => o.name);
  return { catalogue: catalogue.map((t) => ({ key: t.key, heading: t.heading })), organisations };
}
