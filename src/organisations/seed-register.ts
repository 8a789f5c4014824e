import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { Organisation } from './organisation.entity';
import { ORGANISATION_REGISTER, type RegisterEntry } from './organisation-register';

const SYSTEM = { actor: null, requestId: 'seed:organisation-register' };

/**
 * Loads the organisation register. Idempotent: entries are matched by register key and only
 * missing ones are inserted, so edits made through the API survive restarts. The history of an
 * entry (active from/to, successor) is filled in where the database has none yet, so a database
 * seeded before the register knew of a merger learns it once, and a date set by hand stays.
 */
export async function seedOrganisationRegister(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.find(Organisation, { select: { id: true, registerKey: true, activeFrom: true, activeTo: true, successorId: true } });
    const byKey = new Map(existing.filter((o) => o.registerKey).map((o) => [o.registerKey!, o]));
    let inserted = 0;
    for (const entry of ORGANISATION_REGISTER) {
      if (byKey.has(entry.key)) continue;
      const parentId = entry.parentKey ? byKey.get(entry.parentKey)?.id : undefined;
      if (entry.parentKey && !parentId) throw new Error(`Register entry ${entry.key} names unknown parent ${entry.parentKey}`);
      const organisation = await manager.save(
        Organisation,
        manager.create(Organisation, {
          registerKey: entry.key,
          name: entry.name,
          shortName: entry.shortName ?? null,
          kind: entry.kind,
          parentId: parentId ?? null,
          activeFrom: entry.activeFrom ?? null,
          activeTo: entry.activeTo ?? null,
        }),
      );
      byKey.set(entry.key, organisation);
      await recordAudit(manager, SYSTEM, { action: 'organisation.seeded', entityType: 'organisation', entityId: organisation.id, after: { registerKey: entry.key, name: entry.name }, organisationId: null });
      inserted++;
    }
    // A successor is often a later entry (the merger's result), so history is a second pass.
    for (const entry of ORGANISATION_REGISTER) await fillHistory(manager, entry, byKey);
    return inserted;
  });
}

async function fillHistory(manager: EntityManager, entry: RegisterEntry, byKey: Map<string, Pick<Organisation, 'id' | 'activeFrom' | 'activeTo' | 'successorId'>>): Promise<void> {
  const organisation = byKey.get(entry.key)!;
  const successorId = entry.successorKey ? byKey.get(entry.successorKey)?.id : undefined;
  if (entry.successorKey && !successorId) throw new Error(`Register entry ${entry.key} names unknown successor ${entry.successorKey}`);
  const missing: Partial<Pick<Organisation, 'activeFrom' | 'activeTo' | 'successorId'>> = {
    ...(entry.activeFrom && !organisation.activeFrom && { activeFrom: entry.activeFrom }),
    ...(entry.activeTo && !organisation.activeTo && { activeTo: entry.activeTo }),
    ...(successorId && !organisation.successorId && { successorId }),
  };
  if (Object.keys(missing).length === 0) return;
  await manager.update(Organisation, { id: organisation.id }, { ...missing, version: () => 'version + 1' });
  Object.assign(organisation, missing);
  await recordAudit(manager, SYSTEM, { action: 'organisation.history_seeded', entityType: 'organisation', entityId: organisation.id, after: { registerKey: entry.key, ...missing }, organisationId: null });
}
