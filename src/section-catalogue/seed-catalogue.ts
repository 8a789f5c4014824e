import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { readCatalogueFiles } from './catalogue-files';
import { compileDefaultText } from './default-texts';
import { SectionTemplate } from './section-template.entity';

/** Loads the catalogue files once; entries already in the database (maybe edited by an admin) stay. */
export async function seedSectionCatalogue(dataSource: DataSource): Promise<number> {
  const entries = readCatalogueFiles();
  for (const entry of entries) Object.values(entry.defaults).forEach(compileDefaultText);
  return dataSource.transaction(async (manager) => {
    const existing = new Set((await manager.find(SectionTemplate, { select: { key: true } })).map((t) => t.key));
    const missing = entries.filter((entry) => !existing.has(entry.key));
    for (const entry of missing) {
      await manager.insert(SectionTemplate, { ...entry, standard: true });
      await recordAudit(manager, { actor: null, requestId: 'seed:section-catalogue' }, { action: 'section_template.seeded', entityType: 'section_template', entityId: entry.key, after: { heading: entry.heading }, organisationId: null });
    }
    return missing.length;
  });
}
