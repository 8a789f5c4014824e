import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { Organisation } from './organisation.entity';
import { ORGANISATION_REGISTER } from './organisation-register';

const SYSTEM = { actor: null, requestId: 'seed:organisation-register' };

/**
 * Loads the organisation register. Idempotent: entries are matched by register key and only
 * missing ones are inserted, so edits made through the API survive restarts.
 */
export async function seedOrganisationRegister(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.find(Organisation, { select: { id: true, registerKey: true } });
    const idByKey = new Map(existing.filter((o) => o.registerKey).map((o) => [o.registerKey!, o.id]));
    let inserted = 0;
    for (const entry of ORGANISATION_REGISTER) {
      if (idByKey.has(entry.key)) continue;
      const parentId = entry.parentKey ? idByKey.get(entry.parentKey) : undefined;
      if (entry.parentKey && !parentId) throw new Error(`Register entry ${entry.key} names unknown parent ${entry.parentKey}`);
      const organisation = await manager.save(
        Organisation,
        manager.create(Organisation, { registerKey: entry.key, name: entry.name, shortName: entry.shortName ?? null, kind: entry.kind, parentId: parentId ?? null }),
      );
      idByKey.set(entry.key, organisation.id);
      await recordAudit(manager, SYSTEM, { action: 'organisation.seeded', entityType: 'organisation', entityId: organisation.id, after: { registerKey: entry.key, name: entry.name }, organisationId: null });
      inserted++;
    }
    return inserted;
  });
}
