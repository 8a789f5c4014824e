import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { Organisation } from '../organisations/organisation.entity';
import { isActiveOn } from '../organisations/active-period';
import { ORGANISATION_REGISTER } from '../organisations/organisation-register';
import { DistributionList, DistributionListMember } from './distribution-list.entity';

/** The stadsdelsnämnder that existed on `day`, in distribution order. */
const stadsdelsnamnderOn = (day: string) => ORGANISATION_REGISTER.filter((e) => e.key.startsWith('sdn-') && isActiveOn(e, day)).map((e) => e.key);
/** Today's, as the register knows them (no end date): the list resolves its members on each send date anyway. */
const STADSDELSNAMNDER = ORGANISATION_REGISTER.filter((e) => e.key.startsWith('sdn-') && !e.activeTo).map((e) => e.key);
/** Facknämnder: every nämnd except kommunstyrelsen, the stadsdelsnämnder and the non-subject ones. */
const FACKNAMNDER = ORGANISATION_REGISTER.filter(
  (e) => e.kind === 'committee' && !e.key.startsWith('sdn-') && !['kommunstyrelsen', 'revisorskollegiet', 'valnamnden'].includes(e.key),
).map((e) => e.key);

/** Seeded sändlistor, by stable key; members in distribution order. */
export const SEED_LISTS: ReadonlyArray<{ key: string; name: string; description: string; members: string[] }> = [
  { key: 'alla-stadsdelsnamnder', name: 'Alla stadsdelsnämnder', description: 'Stockholms stads samtliga stadsdelsnämnder.', members: STADSDELSNAMNDER },
  { key: 'alla-facknamnder', name: 'Alla facknämnder', description: 'Stockholms stads facknämnder.', members: FACKNAMNDER },
  {
    key: 'ks-2020-924',
    name: 'Remissinstanser KS 2020/924',
    description: 'Sändlistan för remissen av stadens program mot våld i nära relationer m.m. 2021–2025.',
    members: [
      // KS 2020/924 went out on 2020-08-28, to the 13 stadsdelsnämnder of that day.
      ...stadsdelsnamnderOn('2020-08-28'),
      ...FACKNAMNDER,
      'stadsledningskontoret',
      'stockholms-stadshus',
      'ks-pensionarsrad',
      'ks-rad-for-agenda-2030',
      'ks-rad-for-funktionshinderfragor',
      'alla-kvinnors-hus',
      'fryshuset',
      'kvinnors-natverk',
      'lansstyrelsen-stockholm',
      'lansstyrelsen-ostergotland',
      'mangkulturellt-centrum',
      'nationellt-centrum-for-kvinnofrid',
      'origo',
      'polisregion-stockholm',
      'region-stockholm',
      'rfsl-stockholm',
      'gapf',
      'roks',
      'radda-barnen',
      'somaya',
      'stockholms-tingsratt',
      'sveriges-kvinnolobby',
      'terrafem',
      'unizon',
    ],
  },
];

/**
 * Creates each seeded list once, ever: one a registrator has edited is left alone, one deleted
 * stays deleted (the audit log remembers it was seeded), and a list of the same name made by hand
 * takes precedence over a seed that would otherwise clash with it and stop the start-up.
 */
export async function seedDistributionLists(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const lists = await manager.find(DistributionList, { select: { seedKey: true, name: true } });
    const existing = new Set(lists.map((l) => l.seedKey));
    const names = new Set(lists.map((l) => l.name.toLowerCase()));
    // Seeded before (events before seedKey was recorded name the list as seeded).
    const seededBefore: Array<{ seed_key: string | null; name: string | null }> = await manager.query(
      `SELECT after ->> 'seedKey' AS seed_key, after ->> 'name' AS name FROM audit_events WHERE action = 'distribution_list.seeded'`,
    );
    const seeded = new Set(seededBefore.flatMap((row) => [row.seed_key, row.name]).filter((value): value is string => !!value));
    const idByKey = new Map((await manager.find(Organisation, { select: { id: true, registerKey: true } })).map((o) => [o.registerKey, o.id]));
    let created = 0;
    for (const seed of SEED_LISTS.filter((s) => !existing.has(s.key) && !seeded.has(s.key) && !seeded.has(s.name) && !names.has(s.name.toLowerCase()))) {
      const list = await manager.save(DistributionList, manager.create(DistributionList, { seedKey: seed.key, name: seed.name, description: seed.description }));
      const members = seed.members.map((key, index) => {
        const organisationId = idByKey.get(key);
        if (!organisationId) throw new Error(`Seed list ${seed.key} names unknown organisation ${key}`);
        return { listId: list.id, organisationId, position: index + 1 };
      });
      await manager.insert(DistributionListMember, members);
      await recordAudit(manager, { actor: null, requestId: 'seed:distribution-lists' }, { action: 'distribution_list.seeded', entityType: 'distribution_list', entityId: list.id, after: { seedKey: seed.key, name: seed.name, members: members.length }, organisationId: null });
      created++;
    }
    return created;
  });
}
