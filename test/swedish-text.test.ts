import { firstSentence, genitive, inRunningText, swedishList } from '../src/shared/swedish-text';

describe('names in running text', () => {
  it.each([
    ['Socialnämnden', 'socialnämnden'],
    ['Kommunstyrelsen', 'kommunstyrelsen'],
    ['Stadsledningskontoret', 'stadsledningskontoret'],
    ['Socialförvaltningen', 'socialförvaltningen'],
    ['Miljö- och hälsoskyddsnämnden', 'miljö- och hälsoskyddsnämnden'],
    ['Stadsarkivet', 'stadsarkivet'],
    ['Kommunstyrelsens pensionärsråd', 'kommunstyrelsens pensionärsråd'],
    ['Kommunstyrelsens råd för funktionshinderfrågor', 'kommunstyrelsens råd för funktionshinderfrågor'],
  ])('the city body %s is a common noun: %s', (name, expected) => {
    expect(inRunningText(name)).toBe(expected);
  });

  it('with its kind known, a state agency named like a body keeps its capital', () => {
    expect(inRunningText('Socialstyrelsen', 'external')).toBe('Socialstyrelsen');
    expect(inRunningText('Socialnämnden', 'committee')).toBe('socialnämnden');
    expect(inRunningText('Kommunstyrelsens pensionärsråd', 'council')).toBe('kommunstyrelsens pensionärsråd');
  });

  it.each(['Södermalms stadsdelsnämnd', 'Kungsholmens stadsdelsnämnd', 'Fryshuset', 'Länsstyrelsen Stockholm', 'Stockholms Stadshus AB', 'Region Stockholm', 'Riksorganisationen för kvinnojourer och tjejjourer i Sverige', 'Unizon'])(
    '%s keeps its capital',
    (name) => {
      expect(inRunningText(name)).toBe(name);
    },
  );
});

describe('Swedish lists and sentences', () => {
  it('joins with commas and "och", no comma before it', () => {
    expect(swedishList([])).toBe('');
    expect(swedishList(['socialnämnden'])).toBe('socialnämnden');
    expect(swedishList(['socialnämnden', 'Södermalms stadsdelsnämnd'])).toBe('socialnämnden och Södermalms stadsdelsnämnd');
    expect(swedishList(['a', 'b', 'c'])).toBe('a, b och c');
  });

  it('takes the first sentence, not an abbreviation or a number', () => {
    expect(firstSentence('Förvaltningen tillstyrker. Programmet är bra.')).toBe('Förvaltningen tillstyrker.');
    expect(firstSentence('Enligt 3 kap. 5 § ska nämnden yttra sig. Mer text.')).toBe('Enligt 3 kap. 5 § ska nämnden yttra sig.');
  });
});

describe('genitive', () => {
  it('adds s, nothing after s/x/z, and :s after an abbreviation', () => {
    expect(genitive('Södermalms stadsdelsnämnd')).toBe('Södermalms stadsdelsnämnds');
    expect(genitive('Fryshuset')).toBe('Fryshusets');
    expect(genitive('Stockholms Stadshus AB')).toBe('Stockholms Stadshus AB:s');
    expect(genitive('Kriminalvårdens Unizons')).toBe('Kriminalvårdens Unizons');
  });
});
