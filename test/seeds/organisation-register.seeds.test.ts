import {
  ORGANISATION_REGISTER,
  type RegisterEntry,
} from '../../src/organisations/organisation-register';
import { isActiveOn } from '../../src/organisations/active-period';
import { fold, ocrSource, readAllSeeds, readSeed } from './seed-text';

/** Both seed remisser went out before the 2023 mergers, to the 13 stadsdelsnämnder of 2020–2023. */
const STADSDELSNAMNDER = 13;
const SENT = { 'KS 2020/924': '2020-08-28', 'KS 2023/553': '2023-06-05' } as const;

const ENTRY_PATTERNS: ReadonlyArray<{ entry: RegisterEntry; patterns: RegExp[] }> =
  ORGANISATION_REGISTER.map((entry) => ({
    entry,
    patterns: [entry.name, entry.shortName]
      .filter((n): n is string => n !== undefined)
      .map((n) => new RegExp(`^${ocrSource(n)}$`)),
  }));

function findEntry(mention: string): RegisterEntry | undefined {
  const folded = fold(mention);
  return ENTRY_PATTERNS.find(({ patterns }) => patterns.some((p) => p.test(folded)))?.entry;
}

/** The comma list that follows `lead` up to the sentence's full stop, in folded form. */
function remissList(seed: string, lead: RegExp): string {
  const match = new RegExp(`${lead.source}(.+?)\\.`).exec(fold(seed));
  if (!match?.[1]) throw new Error(`no remissinstanser paragraph matching ${lead}`);
  return match[1];
}

const isSdn = (e: RegisterEntry): boolean => e.key.startsWith('sdn-');

/** Collective phrases in remiss lists ("samtliga stadsdelsnämnder och facknämnder"). */
const GROUPS: ReadonlyArray<{ pattern: RegExp; members: (day: string) => RegisterEntry[]; size?: number }> = [
  {
    pattern: new RegExp(`^${ocrSource('stadsdelsnämnder')}$`),
    members: (day) => ORGANISATION_REGISTER.filter((e) => isSdn(e) && isActiveOn(e, day)),
    size: STADSDELSNAMNDER,
  },
  {
    pattern: new RegExp(`^${ocrSource('facknämnder')}$`),
    members: (day) =>
      ORGANISATION_REGISTER.filter(
        (e) => e.kind === 'committee' && !isSdn(e) && e.key !== 'kommunstyrelsen' && isActiveOn(e, day),
      ),
  },
];

/**
 * Names in the list that have no register entry. An item is first tried whole, because names
 * contain " och " themselves ("Glöm aldrig Pela och Fadime"); only then split on " och ".
 */
function unmatchedRemissinstanser(list: string, sent: string): string[] {
  const unmatched: string[] = [];
  for (const item of list.split(', ')) {
    const collective = /^samtliga (.+)$/.exec(item);
    if (collective?.[1]) {
      for (const term of collective[1].split(' och ')) {
        const group = GROUPS.find((g) => g.pattern.test(term));
        const members = group?.members(sent) ?? [];
        const complete = group?.size === undefined || members.length === group.size;
        if (members.length === 0 || !complete) unmatched.push(`samtliga ${term}`);
      }
      continue;
    }
    if (findEntry(item)) continue;
    const parts = item.split(' och ');
    unmatched.push(...(parts.length > 1 ? parts.filter((p) => !findEntry(p)) : [item]));
  }
  return unmatched;
}

describe('organisation register against the seed tjänsteutlåtanden', () => {
  it('has an entry for every remissinstans of KS 2020/924 (seed 003)', () => {
    const list = remissList(readSeed('003'), /arendet har remitterats till /);
    expect(list.split(', ').length).toBeGreaterThan(20);
    expect(unmatchedRemissinstanser(list, SENT['KS 2020/924'])).toEqual([]);
  });

  it('has an entry for every other remissinstans of KS 2023/553 (seed 002, OCR-damaged)', () => {
    const list = remissList(readSeed('002'), /ovriga remissinstanser \S+ /);
    expect(list.split(', ').length).toBeGreaterThan(5);
    expect(unmatchedRemissinstanser(list, SENT['KS 2023/553'])).toEqual([]);
  });

  it('has every stadsdelsnämnd and stadsdelsförvaltning a seed names', () => {
    const suffix = `(?:${ocrSource('stadsdelsnämnd')}|${ocrSource('stadsdelsförvaltning')})`;
    const mention = new RegExp(`(?<![\\w&-])[\\w&]+(?:-[\\w&]+)* ${suffix}(?![\\w&])`, 'g');
    const mentions = readAllSeeds().flatMap((seed) => fold(seed).match(mention) ?? []);
    expect(mentions.length).toBeGreaterThan(5);
    expect(mentions.filter((m) => !findEntry(m))).toEqual([]);
  });

  it('has every facknämnd a seed names ("socialnämnden", OCR "exploateringsndmnden")', () => {
    const mention = new RegExp(`(?<![\\w&-])([\\w&]+)${ocrSource('nämnden')}(?![\\w&])`, 'g');
    const named = readAllSeeds().flatMap((seed) =>
      [...fold(seed).matchAll(mention)]
        // "Stadsdelsnämnden godkänner …" is the answering nämnd speaking of itself.
        .filter((m) => m[1] !== 'stadsdels')
        .map((m) => m[0]),
    );
    expect(named.length).toBeGreaterThan(5);
    const facknamnder = new Set(GROUPS[1]?.members(SENT['KS 2023/553']));
    expect(named.filter((n) => !facknamnder.has(findEntry(n) ?? ({} as RegisterEntry)))).toEqual([]);
  });
});

describe('organisation register integrity', () => {
  const byKey = new Map(ORGANISATION_REGISTER.map((e) => [e.key, e]));

  it('has unique, well-formed keys', () => {
    const keys = ORGANISATION_REGISTER.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(k))).toEqual([]);
  });

  it('has names unique case-insensitively, trimmed and NFC-normalised', () => {
    const names = ORGANISATION_REGISTER.map((e) => e.name.toLocaleLowerCase('sv-SE'));
    expect(new Set(names).size).toBe(names.length);
    const untidy = ORGANISATION_REGISTER.filter(
      (e) => e.name !== e.name.normalize('NFC') || e.name !== e.name.trim() || /\s{2}/.test(e.name),
    );
    expect(untidy).toEqual([]);
  });

  it('lists every parent before its children, with the expected kinds', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const entry of ORGANISATION_REGISTER) {
      const parent = entry.parentKey === undefined ? undefined : byKey.get(entry.parentKey);
      if (entry.parentKey !== undefined && !seen.has(entry.parentKey)) {
        problems.push(`${entry.key}: parent ${entry.parentKey} is not an earlier entry`);
      }
      if (entry.kind === 'administration' && parent?.kind !== 'committee') {
        problems.push(`${entry.key}: förvaltning without a nämnd as parent`);
      }
      if (entry.kind === 'council' && entry.parentKey !== 'kommunstyrelsen') {
        problems.push(`${entry.key}: råd not under kommunstyrelsen`);
      }
      if (['committee', 'company', 'external'].includes(entry.kind) && parent) {
        problems.push(`${entry.key}: ${entry.kind} should have no parent`);
      }
      seen.add(entry.key);
    }
    expect(problems).toEqual([]);
  });

  const stadsdelsnamnderOn = (day: string) => ORGANISATION_REGISTER.filter((e) => isSdn(e) && isActiveOn(e, day));

  it('has 14 stadsdelsnämnder before 2020-07-01, 13 from then, 11 from 2023-07-01', () => {
    expect(stadsdelsnamnderOn('2020-06-30')).toHaveLength(14);
    expect(stadsdelsnamnderOn('2020-07-01')).toHaveLength(STADSDELSNAMNDER);
    expect(stadsdelsnamnderOn(SENT['KS 2020/924'])).toHaveLength(STADSDELSNAMNDER);
    expect(stadsdelsnamnderOn(SENT['KS 2023/553'])).toHaveLength(STADSDELSNAMNDER);
    expect(stadsdelsnamnderOn('2023-06-30')).toHaveLength(STADSDELSNAMNDER);
    expect(stadsdelsnamnderOn('2023-07-01')).toHaveLength(11);
    expect(stadsdelsnamnderOn('2026-11-05').map((e) => e.name)).toEqual(expect.arrayContaining(['Järva stadsdelsnämnd', 'Norra innerstadens stadsdelsnämnd']));
  });

  it('gives every retired entry a successor that begins the day after it ends, of the same kind', () => {
    const problems: string[] = [];
    const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const entry of ORGANISATION_REGISTER.filter((e) => e.activeTo || e.successorKey)) {
      const successor = entry.successorKey === undefined ? undefined : byKey.get(entry.successorKey);
      if (!entry.activeTo || !successor) problems.push(`${entry.key}: retired without a successor, or a successor without retiring`);
      else if (successor.activeFrom !== dayAfter(entry.activeTo) || successor.kind !== entry.kind) problems.push(`${entry.key}: successor ${successor.key} does not take over the day after, as the same kind`);
    }
    expect(problems).toEqual([]);
  });

  it('gives each stadsdelsnämnd its stadsdelsförvaltning, with the same history', () => {
    const sdn = ORGANISATION_REGISTER.filter(isSdn);
    expect(sdn).toHaveLength(17);
    for (const committee of sdn) {
      expect(committee.kind).toBe('committee');
      expect(committee.name).toMatch(/ stadsdelsnämnd$/);
      const children = ORGANISATION_REGISTER.filter((e) => e.parentKey === committee.key);
      const { activeFrom, activeTo, successorKey } = committee;
      expect(children).toEqual([
        {
          key: committee.key.replace(/^sdn-/, 'sdf-'),
          name: committee.name.replace(/stadsdelsnämnd$/, 'stadsdelsförvaltning'),
          kind: 'administration',
          parentKey: committee.key,
          ...(activeFrom && { activeFrom }),
          ...(activeTo && { activeTo }),
          ...(successorKey && { successorKey: successorKey.replace(/^sdn-/, 'sdf-') }),
        },
      ]);
    }
    const orphans = ORGANISATION_REGISTER.filter(
      (e) => e.key.startsWith('sdf-') && !e.parentKey?.startsWith('sdn-'),
    );
    expect(orphans).toEqual([]);
  });
});
