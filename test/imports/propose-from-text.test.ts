import { proposeFromText } from '../../src/imports/propose-from-text';
import type { Proposal } from '../../src/imports/proposal';
import { sectionBodySchema } from '../../src/statements/statement-body';
import { CATALOGUE } from './catalogue';
import { INVENTED_STATEMENT } from './invented-statement';

const paragraph = (text: string) => ({ type: 'paragraph' as const, content: [{ text }] });
const items = (...texts: string[]) => texts.map((text) => ({ content: [{ text }] }));
const line = (from: number, to = from) => ({ from, to });
const high = <T>(value: T, from: number, to = from) => ({ value, confidence: 'high' as const, source: line(from, to) });

describe('proposeFromText on an invented tjänsteutlåtande with page furniture', () => {
  const proposal = proposeFromText(INVENTED_STATEMENT, { catalogue: CATALOGUE });

  it('reads the header from the letterhead, the labelled fields and the title lines', () => {
    expect(proposal.header).toEqual({
      administration: high('Kungsholmens stadsdelsförvaltning', 1),
      department: high('Avdelningen för individ och familj', 2),
      officerName: high('Petra Lindqvist', 9),
      officerPhone: high('08-508 11 222', 10),
      to: high('Kungsholmens stadsdelsnämnd', 12),
      date: high('2024-03-14', 6),
      ownCaseNumber: high('KUN 2024/311', 4),
      remissCaseNumber: high('KS 2024/118', 17),
      // The title was broken over two lines; the sub-title is known by its place only.
      title: high('Svar på remiss om en ny plan för stadens parklekar', 14, 15),
      subtitle: { value: 'Remiss från kommunstyrelsen, Dnr KS 2024/118', confidence: 'low', source: line(17) },
    });
    expect(proposal.deadline).toEqual(high('2024-04-12', 24));
    expect(proposal.dates).toEqual([
      { iso: '2024-03-14', line: 6 },
      { iso: '2024-04-12', line: 24 },
      { iso: '2024-02-20', line: 65 },
    ]);
  });

  it('gives the sections in order, mapped to the catalogue, with an unknown heading as an own section', () => {
    expect(proposal.sections.map((s) => [s.key, s.heading, s.confidence, s.source])).toEqual([
      ['forslag-till-beslut', 'Förslag till beslut', 'high', line(19, 21)],
      ['sammanfattning', 'Sammanfattning', 'high', line(23, 25)],
      ['arendet', 'Ärendet', 'high', line(27, 41)],
      ['egen-ekonomiska-konsekvenser', 'Ekonomiska konsekvenser', 'low', line(43, 44)],
      ['forvaltningens-synpunkter', 'Förvaltningens synpunkter och förslag', 'high', line(46, 59)],
    ]);
  });

  it('re-joins paragraphs across line breaks, hyphenation and page breaks', () => {
    const [decision, summary] = proposal.sections;
    expect(decision.body).toEqual([paragraph('Stadsdelsnämnden tillstyrker förslaget med de ändringar som framgår av förvaltningens tjänsteutlåtande.')]);
    expect(summary.body).toEqual([paragraph('Kommunstyrelsen har bett nämnden svara senast den 12 april 2024. Förvaltningen ser positivt på planen men saknar en tidsplan för arbetet.')]);
    expect(proposal.sections[3].body).toEqual([paragraph('Förslaget ryms inom nämndens budget för de kommande tre åren.')]);
  });

  it('makes a numbered list and moves the footnote from the foot of the page to its reference', () => {
    expect(proposal.sections[2].body).toEqual([
      paragraph('Planen har tre mål som ska nås före utgången av år 2027:'),
      { type: 'numbered_list', items: items('Fler barn ska besöka en parklek varje vecka.', 'Parklekarna ska vara öppna året runt.', 'Personalen ska ha utbildning i lekpedagogik.') },
      {
        type: 'paragraph',
        content: [
          { text: 'Planen bygger på en kartläggning som gjordes under 2023 av stadens parklekar.' },
          { footnote: 'Kartläggning av parklekar, stadsledningskontoret 2023.' },
          // The running header between the two pages is gone; the sentence goes on.
          { text: ' Kartläggningen visar att antalet besök har ökat varje år sedan 2019 och att behovet är störst på vintern.' },
        ],
      },
    ]);
  });

  it('keeps a question as a sub-heading, nests a bullet list one level and drops a running header inside a line', () => {
    expect(proposal.sections[4].body).toEqual([
      { type: 'subheading', text: 'Hur ska planen följas upp?' },
      paragraph('Förvaltningen föreslår att uppföljningen görs varje år och redovisas i verksamhetsberättelsen tillsammans med nämndens övriga mål.'),
      paragraph('Förvaltningen vill också lyfta följande:'),
      {
        type: 'bullet_list',
        items: [
          { content: [{ text: 'Öppettiderna bör följa skolans lov och helger.' }], children: { type: 'bullet_list', items: items('Särskilt sommarlovet.') } },
          { content: [{ text: 'Personalen behöver fortbildning.' }] },
        ],
      },
      paragraph('Det är viktigt att staden ger alla barn samma möjligheter.'),
    ]);
  });

  it('reads the signatories side by side, the Bilagor and the stance', () => {
    expect(proposal.signatories).toEqual([
      { name: 'Olof Berg', title: 'Stadsdelsdirektör', confidence: 'high', source: line(61, 62) },
      { name: 'Petra Lindqvist', title: 'Avdelningschef', confidence: 'high', source: line(61, 62) },
    ]);
    expect(proposal.enclosures).toEqual([
      { title: 'Remissbrev, 2024-02-20', confidence: 'high', source: line(65) },
      { title: 'Plan för stadens parklekar', confidence: 'high', source: line(66) },
    ]);
    expect(proposal.stance).toEqual(high('tillstyrker_med_andringar', 19, 21));
    expect(proposal.approvals).toEqual([]);
  });

  it('lists the page furniture it removed: page numbers, running headers, a repeated letterhead', () => {
    expect(proposal.removed).toEqual([
      { line: 5, text: 'Sida 1 (3)' },
      { line: 39, text: 'Tjänsteutlåtande Dnr KUN 2024/311 Sida 2 (3)' },
      { line: 57, text: 'Kungsholmens stadsdelsförvaltning' },
      { line: 58, text: 'Tjänsteutlåtande Dnr KUN 2024/311 Sida 3 (3)' },
      { line: 68, text: '3' },
    ]);
    expect(proposal.unprintable).toEqual([]);
  });

  it('gives bodies the statement editor accepts', () => {
    for (const section of proposal.sections) expect(sectionBodySchema.safeParse(section.body).error).toBeUndefined();
  });
});

describe('proposeFromText on smaller texts', () => {
  const propose = (text: string): Proposal => proposeFromText(text, { catalogue: CATALOGUE });

  it('matches headings without accents (OCR) and keeps an unknown plain heading inside its section', () => {
    const proposal = propose(
      ['Forslag till beslut', 'Namnden avstyrker forslaget.', '', 'Forvaltningens synpunkter', '', 'Om planens mål', 'Planen saknar mal for de aldre.'].join('\n'),
    );
    expect(proposal.sections.map((s) => [s.key, s.confidence])).toEqual([
      ['forslag-till-beslut', 'high'],
      ['forvaltningens-synpunkter', 'high'],
    ]);
    expect(proposal.sections[1].body).toEqual([{ type: 'subheading', text: 'Om planens mål' }, paragraph('Planen saknar mal for de aldre.')]);
    expect(proposal.stance).toEqual(high('avstyrker', 1, 2));
  });

  it('maps a heading an OCR letter off, with low confidence', () => {
    const proposal = propose(['Sammanfattning', 'Kort text.', '', 'Jdmstalldhetsanalys', 'Analysen visar inget.'].join('\n'));
    expect(proposal.sections.map((s) => [s.key, s.confidence])).toEqual([
      ['sammanfattning', 'high'],
      ['jamstalldhetsanalys', 'low'],
    ]);
  });

  it('keeps characters the documents cannot print and lists them with their line', () => {
    const proposal = propose(['Sammanfattning', 'Planen är klar ✓ och godkänd.'].join('\n'));
    expect(proposal.sections[0].body).toEqual([paragraph('Planen är klar ✓ och godkänd.')]);
    expect(proposal.unprintable).toEqual([{ character: 'U+2713 ✓', line: 2 }]);
  });

  it('normalises the text to NFC', () => {
    const decomposed = 'Sammanfattning\nFo\u0308rvaltningen a\u0308r positiv.';
    expect(propose(decomposed).sections[0].body).toEqual([paragraph('Förvaltningen är positiv.')]);
  });

  it('states no stance where the text gives none, and reads "inga synpunkter"', () => {
    expect(propose('Sammanfattning\nFörvaltningen är positiv till planen.').stance).toEqual({ value: null, confidence: 'low', source: null });
    expect(propose('Förslag till beslut\nNämnden har inga synpunkter på remissen.').stance.value).toBe('inga_synpunkter');
  });

  it('keeps a hyphen the document writes elsewhere, and one before "och"', () => {
    const proposal = propose(
      ['Sammanfattning', 'Motionen gäller ett lämna-program för unga. Ett lämna-', 'program kräver kvinno-', 'och tjejjourer.'].join('\n'),
    );
    expect(proposal.sections[0].body).toEqual([paragraph('Motionen gäller ett lämna-program för unga. Ett lämna-program kräver kvinno- och tjejjourer.')]);
  });

  it('reads "Attesterat av" and a signatory without a name', () => {
    const proposal = propose(
      ['Förslag till beslut', 'Nämnden tillstyrker.', '', 'Anna Berg', 'Stadsdelsdirektör', '', 'Avdelningschef', '', 'Attesterat av', 'Namn\tDatum', 'Anna Berg, Stadsdelsdirektör\t2024-05-02'].join('\n'),
    );
    expect(proposal.signatories).toEqual([
      { name: 'Anna Berg', title: 'Stadsdelsdirektör', confidence: 'high', source: line(4, 5) },
      { name: null, title: 'Avdelningschef', confidence: 'high', source: line(7) },
    ]);
    expect(proposal.approvals).toEqual([{ name: 'Anna Berg', title: 'Stadsdelsdirektör', date: '2024-05-02', source: line(11) }]);
    expect(proposal.sections[0].body).toEqual([paragraph('Nämnden tillstyrker.')]);
  });

  it('puts a footnote whose reference cannot be read after its page\'s text, marking the section low', () => {
    const proposal = propose(
      ['Bakgrund', 'Planen bygger på en rapport från förra året och', 'på samtal med personalen.*', '', '1 Rapport om parklekar, 2023.', '\fUnder året har planen prövats i två parker.'].join('\n'),
    );
    expect(proposal.sections[0].body).toEqual([
      { type: 'paragraph', content: [{ text: 'Planen bygger på en rapport från förra året och på samtal med personalen.*' }, { footnote: 'Rapport om parklekar, 2023.' }] },
      paragraph('Under året har planen prövats i två parker.'),
    ]);
    expect(proposal.sections[0].confidence).toBe('low');
  });

  it('takes a footnote on each of two pages, the text of the second page following straight after the first note', () => {
    const proposal = propose(
      ['Bakgrund', 'Planen bygger på en rapport1 och på samtal med personalen', 'som arbetar i parkerna.', '', '1 Rapport om parklekar.', '\fUnder året har planen prövats2 i två parker.', '', '2 Prövningen gjordes i en park.', '\fDen fortsätter nästa år.'].join('\n'),
    );
    expect(proposal.sections[0].body).toEqual([
      { type: 'paragraph', content: [{ text: 'Planen bygger på en rapport' }, { footnote: 'Rapport om parklekar.' }, { text: ' och på samtal med personalen som arbetar i parkerna.' }] },
      { type: 'paragraph', content: [{ text: 'Under året har planen prövats' }, { footnote: 'Prövningen gjordes i en park.' }, { text: ' i två parker.' }] },
      paragraph('Den fortsätter nästa år.'),
    ]);
    expect(proposal.sections[0].confidence).toBe('high');
  });

  it('takes the "Till" nämnd from the register when the label is missing, with low confidence', () => {
    const text = ['Norrmalms stadsdelsförvaltning', '', 'Norrmalms stadsdelsnämnd', '19 november 2020', '', 'Svar på remiss om parkleken', '', 'Sammanfattning', 'Kort text.'].join('\n');
    const proposal = proposeFromText(text, { catalogue: CATALOGUE, organisations: ['Norrmalms stadsdelsnämnd'] });
    expect(proposal.header.administration).toEqual(high('Norrmalms stadsdelsförvaltning', 1));
    expect(proposal.header.to).toEqual({ value: 'Norrmalms stadsdelsnämnd', confidence: 'low', source: line(3) });
    expect(proposal.header.date).toEqual(high('2020-11-19', 4));
    expect(proposal.header.title).toEqual(high('Svar på remiss om parkleken', 6));
  });

  it('does not count a date inside a web address as a date the text states', () => {
    const proposal = propose(['Bakgrund', 'Rapporten från 3 maj 2023 finns på https://example.se/rapporter/2023-05-03.pdf hos staden.'].join('\n'));
    expect(proposal.dates).toEqual([{ iso: '2023-05-03', line: 2 }]);
  });

  it('gives an own section for text without any known heading, and nothing for empty input', () => {
    expect(propose('Bara en rad text.').sections.map((s) => s.key)).toEqual(['egen-importerad-text']);
    expect(propose('').sections).toEqual([]);
  });
});
