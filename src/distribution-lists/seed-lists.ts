import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { Organisation } from '../organisations/organisation.entity';
import { ORGANISATION_REGISTER } from '../organisations/organisation-register';
import { DistributionList, DistributionListMember } from './distribution-list.entity';

const STADSDELSNAMNDER = ORGANISATION_REGISTER.filter((e) => e.key.startsWith('sdn-')).map((e) => e.key);
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
      ...STADSDELSNAMNDER,
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

/** Creates the seeded lists that do not exist yet; lists edited through the API are left alone. */
export async function seedDistributionLists(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const existing = new Set((await manager.find(DistributionList, { select: { seedKey: true } })).map((l) => l.seedKey));
    const idByKey = new Map((await manager.find(Organisation, { select: { id: true, registerKey: true } })).map((o) => [o.registerKey, o.id]));
    let created = 0;
    for (const seed of SEED_LISTS.filter((s) => !existing.has(s.key))) {
      const list = await manager.save(DistributionList, manager.create(DistributionList, { seedKey: seed.key, name: seed.name, description: seed.description }));
      const members = seed.members.map((key, index) => {
        const organisationId = idByKey.get(key);
        if (!organisationId) throw new Error(`Seed list ${seed.key} names unknown organisation ${key}`);
        return { listId: list.id, organisationId, position: index + 1 };
      });
      await manager.insert(DistributionListMember, members);
      await recordAudit(manager, { actor: null, requestId: 'seed:distribution-lists' }, { action: 'distribution_list.seeded', entityType: 'distribution_list', entityId: list.id, after: { name: seed.name, members: members.length }, organisationId: null });
      created++;
    }
    return created;
  });
}
