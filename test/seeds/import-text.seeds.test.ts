import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { proposeFromText } from '../../src/imports/propose-from-text';
import type { Proposal } from '../../src/imports/proposal';
import { type Block, type Inline, sectionBodySchema } from '../../src/statements/statement-body';
import { fold, readSeed } from './seed-text';

/*
 * The four seed tjänsteutlåtanden imported as text: the sections in the seed's order, the
 * signatories, dates, deadline and Dnr each seed states (read from the seeds by hand). Seeds 000
 * and 002 are OCR'd: their names and titles are compared folded (no accents), as the OCR left them;
 * repairing the words themselves is a later step.
 */
const catalogue = (JSON.parse(readFileSync(path.resolve(__dirname, '../../templates/sections/catalogue.json'), 'utf8')) as { sections: Array<{ key: string; heading: string }> }).sections;
const propose = (prefix: string): Proposal => proposeFromText(readSeed(prefix), { catalogue });

const signatories = (proposal: Proposal) => proposal.signatories.map((s) => [s.name && fold(s.name), fold(s.title)]);
const allInlines = (blocks: readonly Block[]): Inline[] =>
  blocks.flatMap((b) => (b.type === 'paragraph' ? b.content : b.type === 'subheading' ? [] : b.items.flatMap((i) => [...i.content, ...(i.children?.items.flatMap((c) => c.content) ?? [])])));
const footnotes = (proposal: Proposal) => proposal.sections.flatMap((s) => allInlines(s.body)).filter((i) => 'footnote' in i);
const dates = (proposal: Proposal) => proposal.dates.map((d) => d.iso);
const STANDARD_ORDER = ['forslag-till-beslut', 'sammanfattning', 'bakgrund', 'arendets-beredning', 'arendet', 'forvaltningens-synpunkter'];
const matched: string[] = [];

afterAll(() => console.log(`Import of the seeds, sections found in the seed's order:\n${matched.join('\n')}`));

function checkBodies(prefix: string, proposal: Proposal, expected: string[]): void {
  const keys = proposal.sections.map((s) => s.key);
  matched.push(`  ${prefix}: ${keys.filter((key, i) => key === expected[i]).length}/${expected.length} (${keys.join(', ')})`);
  expect(keys).toEqual(expected);
  for (const section of proposal.sections) expect(sectionBodySchema.safeParse(section.body).error).toBeUndefined();
  expect(proposal.unprintable).toEqual([]);
}

describe('importing the seed tjänsteutlåtanden as text', () => {
  it('000 (Östermalm, OCR-damaged): sections, the Dnr under the title, the deadline, two signatories side by side, two Bilagor', () => {
    const proposal = propose('000');
    checkBodies('000', proposal, STANDARD_ORDER);
    expect(proposal.header.remissCaseNumber.value).toBe('3.1.1-723/2019');
    expect(proposal.deadline.value).toBe('2020-11-27');
    expect(dates(proposal)).toEqual(['2020-11-27']);
    expect(signatories(proposal)).toEqual([
      ['kerstin andersson', 'stadsdelsdirektor'],
      ['jan ronnberg', 'avdelningschef'],
    ]);
    expect(proposal.enclosures).toHaveLength(2);
    // The program's seven goals as a numbered list in Ärendet.
    const arendet = proposal.sections.find((s) => s.key === 'arendet')!;
    expect(arendet.body.filter((b) => b.type === 'numbered_list').map((b) => (b.type === 'numbered_list' ? b.items.length : 0))).toEqual([7]);
    expect(proposal.stance.value).toBeNull();
  });

  it('001 (Hässelby-Vällingby): the header block, the date, a signatory without a name, Bilagor and the digital approval', () => {
    const proposal = propose('001');
    checkBodies('001', proposal, STANDARD_ORDER);
    const { header } = proposal;
    expect([header.officerName.value, header.officerPhone.value, header.to.value, header.date.value]).toEqual(['Susanne Rydberg-Lif', '0850805097', 'Hässelby-Vällingby stadsdelsnämnd', '2020-10-22']);
    expect(header.remissCaseNumber.value).toBeNull();
    expect(proposal.deadline.value).toBeNull();
    expect(dates(proposal)).toEqual(['2020-10-22', '2020-08-28', '2020-10-03']);
    expect(proposal.signatories.map((s) => [s.name, s.title])).toEqual([
      ['Susanna Halldin Olsson', 'Stadsdelsdirektör'],
      [null, 'Avdelningschef'],
    ]);
    expect(proposal.enclosures.map((e) => e.title)[1]).toBe('Remissbrev, 2020-08-28');
    expect(proposal.approvals.map((a) => [a.name, a.title, a.date])).toEqual([['Susanna Halldin Olsson', 'Stadsdelsdirektör', '2020-10-03']]);
  });

  it('002 (Socialnämnden, OCR-damaged): eight sections, KS 2023/553, the att-satser as bullets, every footnote kept', () => {
    const proposal = propose('002');
    checkBodies('002', proposal, [
      'forslag-till-beslut',
      'sammanfattning',
      'bakgrund',
      'arendet',
      'arendets-beredning',
      'jamstalldhetsanalys',
      'barnrattsperspektiv',
      'forvaltningens-synpunkter',
    ]);
    expect(proposal.header.remissCaseNumber.value).toBe('KS 2023/553');
    expect(proposal.deadline.value).toBeNull();
    // The date in a footnote's web address is not one the text states.
    expect(dates(proposal)).toEqual(['2023-08-23', '2023-08-24']);
    expect(signatories(proposal)).toEqual([
      ['veronica wolgast carstorp', 'socialdirektor'],
      ['lina blombergsson', 'avdelningschef'],
    ]);
    expect(proposal.enclosures).toHaveLength(1);
    const arendet = proposal.sections.find((s) => s.key === 'arendet')!;
    expect(arendet.body.filter((b) => b.type === 'bullet_list').map((b) => (b.type === 'bullet_list' ? b.items.length : 0))).toEqual([8]);
    // Seven footnotes at the feet of the pages, none left in the running text. The OCR turned most
    // references into "!", "?" or "’": those notes go after their page's text, marked low.
    expect(footnotes(proposal)).toHaveLength(7);
    expect(proposal.sections.find((s) => s.key === 'forvaltningens-synpunkter')!.confidence).toBe('low');
  });

  it('003 (Södermalm): KS 2020/924, the deadline, Ärendet with its four sub-headings and the goals as a list', () => {
    const proposal = propose('003');
    checkBodies('003', proposal, STANDARD_ORDER);
    expect(proposal.header.remissCaseNumber.value).toBe('KS 2020/924');
    expect(proposal.deadline.value).toBe('2020-12-02');
    expect(dates(proposal)).toEqual(['2020-12-02', '2020-11-17']);
    expect(proposal.signatories.map((s) => [s.name, s.title])).toEqual([
      ['Ann-Christine Jenvén', 'Stadsdelsdirektör'],
      ['Maria Klemets Hellberg', 'Avdelningschef'],
    ]);
    expect(proposal.enclosures).toHaveLength(1);
    const arendet = proposal.sections.find((s) => s.key === 'arendet')!;
    expect(arendet.body.filter((b) => b.type === 'subheading').map((b) => (b.type === 'subheading' ? b.text : ''))).toEqual([
      'Syfte med programmet',
      'Programmets innehåll och struktur',
      'Programmets mål',
      'Ansvar och uppföljning',
    ]);
    expect(arendet.body.filter((b) => b.type === 'bullet_list').map((b) => (b.type === 'bullet_list' ? b.items.length : 0))).toEqual([7]);
  });
});
