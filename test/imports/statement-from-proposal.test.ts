import { proposeFromText } from '../../src/imports/propose-from-text';
import { statementFromProposal } from '../../src/imports/statement-from-proposal';
import type { StatementSection } from '../../src/statements/statement-section.entity';
import type { Statement } from '../../src/statements/statement.entity';
import { CATALOGUE } from './catalogue';

/*
 * What accepting a proposal writes: the file's sections and header, the draft's values where the
 * file said nothing, the remiss's own Dnr, and a required section the file lacks kept at its
 * catalogue place.
 */
const paragraph = (text: string) => [{ type: 'paragraph' as const, content: [{ text }] }];
const catalogue = {
  cataloguePositions: new Map(CATALOGUE.map((entry, index) => [entry.key, (index + 1) * 10])),
  requiredKeys: new Set(['forslag-till-beslut', 'sammanfattning', 'forvaltningens-synpunkter']),
};

const draft = {
  statement: {
    header: { administration: 'Södermalms stadsdelsförvaltning', department: null, officer: { name: 'Hanna Söderberg', phone: null, email: 'hanna@example.se' }, to: 'Södermalms stadsdelsnämnd', date: '2026-12-01', ownCaseNumber: null, remissCaseNumber: 'KS 2026/10', title: 'Svar på remiss', subtitle: null },
    signatories: [{ name: 'Ulla Berg', title: 'Stadsdelsdirektör' }],
    enclosures: [],
    stance: null,
  } as unknown as Statement,
  sections: [
    { key: 'forslag-till-beslut', heading: 'Förslag till beslut', body: paragraph('Utkastets förslag.'), stance: null },
    { key: 'sammanfattning', heading: 'Sammanfattning', body: paragraph('Utkastets sammanfattning.'), stance: null },
    { key: 'forvaltningens-synpunkter', heading: 'Förvaltningens synpunkter och förslag', body: paragraph('Utkastets synpunkter.'), stance: null },
  ] as unknown as StatementSection[],
};

it('keeps a required section the file lacks at its catalogue place, the remiss’s Dnr, and the draft’s values the file did not state', () => {
  const text = ['Svar på remiss om parkerna', 'Remiss från kommunstyrelsen, Dnr KS 2019/1', '', 'Förslag till beslut', 'Nämnden tillstyrker.', '', 'Ärendet', 'Parkerna ska skötas bättre.', '', 'Förvaltningens synpunkter och förslag', 'Förvaltningen är positiv.'].join('\n');
  const proposal = proposeFromText(text, { catalogue: CATALOGUE });
  const input = statementFromProposal(proposal, { ...draft, ...catalogue });
  expect(input.sections.map((s) => s.key)).toEqual(['forslag-till-beslut', 'sammanfattning', 'arendet', 'forvaltningens-synpunkter']);
  expect(input.sections[1].body).toEqual(paragraph('Utkastets sammanfattning.'));
  expect(input.sections[0].body).toEqual(paragraph('Nämnden tillstyrker.'));
  expect(input.header.remissCaseNumber).toBe('KS 2026/10');
  expect(input.header.officer).toEqual({ name: 'Hanna Söderberg', phone: null, email: 'hanna@example.se' });
  expect(input.signatories).toEqual([{ name: 'Ulla Berg', title: 'Stadsdelsdirektör' }]);
});

it('a handläggare the file names gets the file’s phone alone, not the draft handläggare’s e-mail', () => {
  const text = ['Handläggare', 'Petra Lindqvist', 'Telefon: 08-508 11 222', '', 'Förslag till beslut', 'Nämnden tillstyrker.', '', 'Sammanfattning', 'Kort.', '', 'Förvaltningens synpunkter och förslag', 'Inga.'].join('\n');
  const input = statementFromProposal(proposeFromText(text, { catalogue: CATALOGUE }), { ...draft, ...catalogue });
  expect(input.header.officer).toEqual({ name: 'Petra Lindqvist', phone: '08-508 11 222', email: null });
});
