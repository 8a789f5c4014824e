import type { RegisterEntry } from './organisation-register';

/*
 * The stadsdelsnämnder and their stadsdelsförvaltningar since 2020, as they were and are. A nämnd
 * and its förvaltning begin, end and merge together, so each pair is written once (`district`).
 *
 * - 2020-07-01: Hägersten-Liljeholmen and Älvsjö became Hägersten-Älvsjö (14 → 13).
 *   https://www.stockholmdirekt.se/nyheter/alvsjo-och-hagersten-liljeholmen-slas-ihop/repsji!HB45iNinHCnNqTOUCogtbw/
 *   https://www.battrestadsdel.se/asikter/debatt-nu-blir-vi-hagersten-alvsjo/
 * - 2023-07-01: Rinkeby-Kista and Spånga-Tensta became Järva; Norrmalm and Östermalm became Norra
 *   innerstaden (13 → 11; kommunfullmäktige decided on 2023-04-24).
 *   https://start.stockholm/aktuellt/nyheter/2023/04/ny-stadsdelsorganisation-norra-innerstaden/
 *   https://start.stockholm/om-stockholms-stad/organisation/stadsdelsforvaltningar/
 *   https://edokmeetings.stockholm.se/committees/jarva-stadsdelsnamnd/mote-2023-08-24
 *
 * Order: distribution order of the stadsdelsnämnder (north to south, as the city lists them), each
 * retired pair just before the pair that succeeded it, so a sändlista resolved on a date keeps it.
 */

interface DistrictHistory {
  activeFrom?: string;
  activeTo?: string;
  /** slug of the district that succeeded it. */
  successor?: string;
}

/** The nämnd `sdn-<slug>` ("<prefix> stadsdelsnämnd") and its förvaltning `sdf-<slug>`. */
function district(slug: string, prefix: string, history: DistrictHistory = {}): RegisterEntry[] {
  const dates = { ...(history.activeFrom && { activeFrom: history.activeFrom }), ...(history.activeTo && { activeTo: history.activeTo }) };
  const successor = (kind: 'sdn' | 'sdf') => (history.successor ? { successorKey: `${kind}-${history.successor}` } : {});
  return [
    { key: `sdn-${slug}`, name: `${prefix} stadsdelsnämnd`, kind: 'committee', ...dates, ...successor('sdn') },
    { key: `sdf-${slug}`, name: `${prefix} stadsdelsförvaltning`, kind: 'administration', parentKey: `sdn-${slug}`, ...dates, ...successor('sdf') },
  ];
}

const MERGED_2020 = { activeTo: '2020-06-30', successor: 'hagersten-alvsjo' };
const FORMED_2020 = { activeFrom: '2020-07-01' };
const FORMED_2023 = { activeFrom: '2023-07-01' };

export const DISTRICT_REGISTER: readonly RegisterEntry[] = [
  ...district('rinkeby-kista', 'Rinkeby-Kista', { activeTo: '2023-06-30', successor: 'jarva' }),
  ...district('spanga-tensta', 'Spånga-Tensta', { activeTo: '2023-06-30', successor: 'jarva' }),
  ...district('jarva', 'Järva', FORMED_2023),
  ...district('hasselby-vallingby', 'Hässelby-Vällingby'),
  ...district('bromma', 'Bromma'),
  ...district('kungsholmen', 'Kungsholmens'),
  ...district('norrmalm', 'Norrmalms', { activeTo: '2023-06-30', successor: 'norra-innerstaden' }),
  ...district('ostermalm', 'Östermalms', { activeTo: '2023-06-30', successor: 'norra-innerstaden' }),
  ...district('norra-innerstaden', 'Norra innerstadens', FORMED_2023),
  ...district('sodermalm', 'Södermalms'),
  ...district('enskede-arsta-vantor', 'Enskede-Årsta-Vantörs'),
  ...district('skarpnack', 'Skarpnäcks'),
  ...district('farsta', 'Farsta'),
  ...district('hagersten-liljeholmen', 'Hägersten-Liljeholmens', MERGED_2020),
  ...district('alvsjo', 'Älvsjö', MERGED_2020),
  ...district('hagersten-alvsjo', 'Hägersten-Älvsjö', FORMED_2020),
  ...district('skarholmen', 'Skärholmens'),
];
