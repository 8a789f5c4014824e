/*
 * Static organisation register: reference data that start-up seeds into the database idempotently,
 * matched on `key`, so running the seed again never duplicates an organisation.
 * Keys are a stable contract once released: distribution lists, demo data and imports refer to
 * them, so a key is never renamed or reused. Rename an organisation by changing `name`, not `key`.
 * Parents come before their children so one pass in array order can resolve every parentKey.
 * The register is history: a body that no longer exists keeps its entry with `activeTo` and the
 * `successorKey` that took over its work (see district-register.ts for the stadsdelsnämnder).
 *
 * Sources: Stockholms stad's nämnd and bolag organisation and the bodies named in the reference
 * tjänsteutlåtanden (remissinstanser of KS 2020/924 and KS 2023/553).
 */
import { DISTRICT_REGISTER } from './district-register';

export type OrganisationKind = 'committee' | 'administration' | 'council' | 'company' | 'external';

export interface RegisterEntry {
  /** Stable slug, never changes once released: lowercase ascii, digits and '-', e.g. 'sdn-sodermalm', 'sdf-sodermalm'. */
  key: string;
  /** Official Swedish name with correct å/ä/ö/é, e.g. 'Södermalms stadsdelsnämnd'. */
  name: string;
  /** Optional short name, for common abbreviations only (e.g. 'SLK', 'KS'). */
  shortName?: string;
  kind: OrganisationKind;
  /** key of the parent entry. Each förvaltning (kind administration) has its nämnd as parent; councils (råd) have kommunstyrelsen as parent. */
  parentKey?: string;
  /** First day the body existed (ISO date), when it began within the register's span (2020 on). */
  activeFrom?: string;
  /** Last day the body existed (ISO date); absent while it exists. */
  activeTo?: string;
  /** key of the body that took over its work the day after activeTo (a nämnd's successor is a nämnd, a förvaltning's a förvaltning). */
  successorKey?: string;
  /** A förvaltning's letterhead address, only as a public page gives it (`source`); printed in document footers. */
  address?: RegisterAddress;
}

export interface RegisterAddress {
  /** e.g. 'Box 44, 101 20 Stockholm' */
  postal: string;
  visiting: string | null;
  /** The switchboard as the source prints it, e.g. 'Växel 08-508 000 00'. */
  phone: string;
  /** URL of the public page the address was taken from. */
  source: string;
}

/*
 * Addresses: none recorded yet. Searched (2026-12) the stored start.stockholm and stockholm.se
 * pages of the stadsdelsförvaltningar (e.g. start.stockholm/om-stockholms-stad/organisation/
 * stadsdelsforvaltningar/norra-innerstaden/, …/sodermalm/, …/skarholmen/) and of the facknämnder
 * (socialförvaltningen): they describe each förvaltning but give no postal or visiting address or
 * switchboard. The three footer addresses an earlier session wrote from memory (stadsledningskontoret,
 * socialförvaltningen, Östermalm) had no source and were removed; footers print the city's general
 * line until an entry here has one.
 */

export const ORGANISATION_REGISTER: readonly RegisterEntry[] = [
  // Kommunstyrelsen, its förvaltning and its councils
  { key: 'kommunstyrelsen', name: 'Kommunstyrelsen', shortName: 'KS', kind: 'committee' },
  {
    key: 'stadsledningskontoret',
    name: 'Stadsledningskontoret',
    shortName: 'SLK',
    kind: 'administration',
    parentKey: 'kommunstyrelsen',
  },
  {
    key: 'ks-pensionarsrad',
    name: 'Kommunstyrelsens pensionärsråd',
    kind: 'council',
    parentKey: 'kommunstyrelsen',
  },
  {
    key: 'ks-rad-for-funktionshinderfragor',
    name: 'Kommunstyrelsens råd för funktionshinderfrågor',
    kind: 'council',
    parentKey: 'kommunstyrelsen',
  },
  {
    key: 'ks-rad-for-agenda-2030',
    name: 'Kommunstyrelsens råd för Agenda 2030',
    kind: 'council',
    parentKey: 'kommunstyrelsen',
  },

  // The stadsdelsnämnder, as they were and are (district-register.ts)
  ...DISTRICT_REGISTER,

  // Facknämnder and their förvaltningar
  { key: 'arbetsmarknadsnamnden', name: 'Arbetsmarknadsnämnden', kind: 'committee' },
  {
    key: 'arbetsmarknadsforvaltningen',
    name: 'Arbetsmarknadsförvaltningen',
    kind: 'administration',
    parentKey: 'arbetsmarknadsnamnden',
  },
  { key: 'exploateringsnamnden', name: 'Exploateringsnämnden', kind: 'committee' },
  {
    key: 'exploateringskontoret',
    name: 'Exploateringskontoret',
    kind: 'administration',
    parentKey: 'exploateringsnamnden',
  },
  { key: 'fastighetsnamnden', name: 'Fastighetsnämnden', kind: 'committee' },
  {
    key: 'fastighetskontoret',
    name: 'Fastighetskontoret',
    kind: 'administration',
    parentKey: 'fastighetsnamnden',
  },
  { key: 'idrottsnamnden', name: 'Idrottsnämnden', kind: 'committee' },
  {
    key: 'idrottsforvaltningen',
    name: 'Idrottsförvaltningen',
    kind: 'administration',
    parentKey: 'idrottsnamnden',
  },
  { key: 'kulturnamnden', name: 'Kulturnämnden', kind: 'committee' },
  {
    key: 'kulturforvaltningen',
    name: 'Kulturförvaltningen',
    kind: 'administration',
    parentKey: 'kulturnamnden',
  },
  // Organisationally part of kulturförvaltningen; kulturnämnden is the city's arkivmyndighet.
  { key: 'stadsarkivet', name: 'Stadsarkivet', kind: 'administration', parentKey: 'kulturnamnden' },
  { key: 'kyrkogardsnamnden', name: 'Kyrkogårdsnämnden', kind: 'committee' },
  {
    key: 'kyrkogardsforvaltningen',
    name: 'Kyrkogårdsförvaltningen',
    kind: 'administration',
    parentKey: 'kyrkogardsnamnden',
  },
  { key: 'miljo-och-halsoskyddsnamnden', name: 'Miljö- och hälsoskyddsnämnden', kind: 'committee' },
  {
    key: 'miljoforvaltningen',
    name: 'Miljöförvaltningen',
    kind: 'administration',
    parentKey: 'miljo-och-halsoskyddsnamnden',
  },
  { key: 'revisorskollegiet', name: 'Revisorskollegiet', kind: 'committee' },
  {
    key: 'stadsrevisionen',
    name: 'Stadsrevisionen',
    kind: 'administration',
    parentKey: 'revisorskollegiet',
  },
  { key: 'servicenamnden', name: 'Servicenämnden', kind: 'committee' },
  {
    key: 'serviceforvaltningen',
    name: 'Serviceförvaltningen',
    kind: 'administration',
    parentKey: 'servicenamnden',
  },
  { key: 'socialnamnden', name: 'Socialnämnden', kind: 'committee' },
  {
    key: 'socialforvaltningen',
    name: 'Socialförvaltningen',
    kind: 'administration',
    parentKey: 'socialnamnden',
  },
  { key: 'stadsbyggnadsnamnden', name: 'Stadsbyggnadsnämnden', kind: 'committee' },
  {
    key: 'stadsbyggnadskontoret',
    name: 'Stadsbyggnadskontoret',
    kind: 'administration',
    parentKey: 'stadsbyggnadsnamnden',
  },
  { key: 'trafiknamnden', name: 'Trafiknämnden', kind: 'committee' },
  {
    key: 'trafikkontoret',
    name: 'Trafikkontoret',
    kind: 'administration',
    parentKey: 'trafiknamnden',
  },
  { key: 'utbildningsnamnden', name: 'Utbildningsnämnden', kind: 'committee' },
  {
    key: 'utbildningsforvaltningen',
    name: 'Utbildningsförvaltningen',
    kind: 'administration',
    parentKey: 'utbildningsnamnden',
  },
  // Has no förvaltning of its own.
  { key: 'valnamnden', name: 'Valnämnden', kind: 'committee' },
  { key: 'aldrenamnden', name: 'Äldrenämnden', kind: 'committee' },
  {
    key: 'aldreforvaltningen',
    name: 'Äldreförvaltningen',
    kind: 'administration',
    parentKey: 'aldrenamnden',
  },
  { key: 'overformyndarnamnden', name: 'Överförmyndarnämnden', kind: 'committee' },
  {
    key: 'overformyndarforvaltningen',
    name: 'Överförmyndarförvaltningen',
    kind: 'administration',
    parentKey: 'overformyndarnamnden',
  },

  // City companies and foundations (no parent: the register's parent link is nämnd–förvaltning only)
  { key: 'stockholms-stadshus', name: 'Stockholms Stadshus AB', kind: 'company' },
  // Stiftelsen Hotellhem i Stockholm, a city foundation; named "SHIS bostäder" in KS 2023/553.
  { key: 'shis-bostader', name: 'SHIS Bostäder', shortName: 'SHIS', kind: 'company' },
  { key: 'svenska-bostader', name: 'AB Svenska Bostäder', kind: 'company' },
  { key: 'familjebostader', name: 'AB Familjebostäder', kind: 'company' },
  { key: 'stockholmshem', name: 'AB Stockholmshem', kind: 'company' },
  { key: 'micasa-fastigheter', name: 'Micasa Fastigheter i Stockholm AB', kind: 'company' },
  { key: 'sisab', name: 'Skolfastigheter i Stockholm AB', shortName: 'SISAB', kind: 'company' },
  { key: 'stockholm-vatten-och-avfall', name: 'Stockholm Vatten och Avfall AB', kind: 'company' },
  { key: 'stokab', name: 'AB Stokab', kind: 'company' },
  { key: 'stockholms-hamn', name: 'Stockholms Hamn AB', kind: 'company' },
  { key: 'stockholm-parkering', name: 'Stockholms Stads Parkerings AB', kind: 'company' },
  { key: 'bostadsformedlingen', name: 'AB Stockholms Stads Bostadsförmedling', kind: 'company' },
  { key: 'kulturhuset-stadsteatern', name: 'Kulturhuset Stadsteatern AB', kind: 'company' },

  // External bodies named in the reference tjänsteutlåtanden
  { key: 'alla-kvinnors-hus', name: 'Alla Kvinnors Hus', kind: 'external' },
  { key: 'fryshuset', name: 'Fryshuset', kind: 'external' },
  { key: 'kriminalvarden', name: 'Kriminalvården', kind: 'external' },
  { key: 'kvinnors-natverk', name: 'Kvinnors Nätverk', kind: 'external' },
  { key: 'lansstyrelsen-stockholm', name: 'Länsstyrelsen Stockholm', kind: 'external' },
  { key: 'lansstyrelsen-ostergotland', name: 'Länsstyrelsen Östergötland', kind: 'external' },
  { key: 'mangkulturellt-centrum', name: 'Mångkulturellt centrum', kind: 'external' },
  {
    key: 'nationellt-centrum-for-kvinnofrid',
    name: 'Nationellt centrum för kvinnofrid',
    shortName: 'NCK',
    kind: 'external',
  },
  {
    key: 'origo',
    name: 'Origo Resurscentrum mot hedersrelaterat förtryck och våld',
    shortName: 'Origo',
    kind: 'external',
  },
  { key: 'polismyndigheten', name: 'Polismyndigheten', kind: 'external' },
  { key: 'polisregion-stockholm', name: 'Polisregion Stockholm', kind: 'external' },
  { key: 'region-stockholm', name: 'Region Stockholm', kind: 'external' },
  { key: 'rfsl-stockholm', name: 'RFSL Stockholm', kind: 'external' },
  {
    key: 'gapf',
    name: 'Riksorganisationen GAPF - Glöm aldrig Pela och Fadime',
    shortName: 'GAPF',
    kind: 'external',
  },
  {
    key: 'roks',
    name: 'Riksorganisationen för kvinnojourer och tjejjourer i Sverige',
    shortName: 'ROKS',
    kind: 'external',
  },
  { key: 'radda-barnen', name: 'Rädda Barnen', kind: 'external' },
  { key: 'socialstyrelsen', name: 'Socialstyrelsen', kind: 'external' },
  { key: 'somaya', name: 'Somaya kvinno- och tjejjour', kind: 'external' },
  { key: 'stockholms-tingsratt', name: 'Stockholms tingsrätt', kind: 'external' },
  { key: 'storsthlm', name: 'Storsthlm', kind: 'external' },
  { key: 'sveriges-kvinnolobby', name: 'Sveriges Kvinnolobby', kind: 'external' },
  { key: 'terrafem', name: 'Terrafem', kind: 'external' },
  { key: 'unizon', name: 'Unizon', kind: 'external' },
];
