import { applyRepairs, repairOcrText } from '../../src/imports/ocr-repair';

/** Invented sentences of a tjänsteutlåtande, and the same as a scan's OCR gives them. */
const CLEAN = [
  'Förvaltningen föreslår att nämnden godkänner tjänsteutlåtandet och överlämnar det till kommunstyrelsen.',
  'Nämnden har fått möjlighet att lämna synpunkter på förslaget om ökad tillgänglighet i parkerna.',
  'Det är viktigt att stödet kommer fram till de barn som behöver det mest.',
  'Under året har förvaltningen genomfört en översyn av rutinerna för hemtjänsten.',
  'Målet är att fler äldre ska kunna bo kvar hemma med trygghet och god omsorg.',
  'Förvaltningen bedömer att förslaget går i rätt riktning men saknar en tydlig tidsplan.',
].join('\n');

const DAMAGED = [
  'Forvaltningen foreslar att ndmnden godkénner tjdnsteutlatandet och overlamnar det till kommunstyrelsen.',
  'Namnden har fatt mojlighet att lamna synpunkter pa forslaget om 6kad tillgdnglighet 1 parkerna.',
  'Det &r viktigt att stodet kommer fram till de barn som behover det mest.',
  'Under aret har forvaltningen genomfort en oversyn av rutinerna for hemtjdnsten.',
  'Mélet dr att fler dldre ska kunna bo kvar hemma med trygghet och god omsorg.',
  'Forvaltningen beddmer att forslaget gar 1 ritt riktning men saknar en tydlig tidsplan.',
].join('\n');

describe('repairOcrText on a damaged document', () => {
  const result = repairOcrText(DAMAGED);

  it('restores every damaged word, including the ones that were themselves words', () => {
    expect(result.damaged).toBe(true);
    expect(result.text).toBe(CLEAN);
  });

  it('lists each change with where it is, and marks the real-word ones', () => {
    const byFrom = (from: string) => result.repairs.filter((repair) => repair.from === from);
    expect(byFrom('tjdnsteutlatandet')).toEqual([
      expect.objectContaining({ to: 'tjänsteutlåtandet', line: 1, offset: DAMAGED.indexOf('tjdnsteutlatandet'), realWord: false }),
    ]);
    // "for", "fatt", "dr" and "1" are words (or a number) of their own: changed on context, marked.
    expect(byFrom('for')).toEqual([expect.objectContaining({ to: 'för', line: 4, realWord: true })]);
    expect(byFrom('fatt')).toEqual([expect.objectContaining({ to: 'fått', realWord: true })]);
    expect(byFrom('1').map((repair) => [repair.line, repair.to, repair.realWord])).toEqual([
      [2, 'i', true],
      [6, 'i', true],
    ]);
    for (const repair of result.repairs) expect(DAMAGED.slice(repair.offset, repair.offset + repair.from.length)).toBe(repair.from);
    expect(result.repairs.map((repair) => repair.id)).toEqual(result.repairs.map((_, index) => index + 1));
  });

  it('keeps the case of what it repairs', () => {
    const text = [DAMAGED, 'FORVALTNINGENS SYNPUNKTER', 'Arendet beskrivs har.'].join('\n');
    const repaired = repairOcrText(text).text.split('\n');
    expect(repaired.slice(-2)).toEqual(['FÖRVALTNINGENS SYNPUNKTER', 'Ärendet beskrivs har.']);
  });

  it('rebuilds the text with some repairs undone', () => {
    const undoneIds = result.repairs.filter((repair) => repair.from === 'godkénner' || repair.from === 'for').map((repair) => repair.id);
    const partly = applyRepairs(DAMAGED, result.repairs, new Set(undoneIds));
    expect(partly.split('\n')[0]).toBe('Förvaltningen föreslår att nämnden godkénner tjänsteutlåtandet och överlämnar det till kommunstyrelsen.');
    expect(partly.split('\n')[3]).toBe('Under året har förvaltningen genomfört en översyn av rutinerna for hemtjänsten.');
    expect(applyRepairs(DAMAGED, result.repairs, new Set())).toBe(result.text);
    expect(applyRepairs(DAMAGED, result.repairs, new Set(result.repairs.map((repair) => repair.id)))).toBe(DAMAGED);
  });

  it('repairs a word broken at a line end as one word, keeping both lines', () => {
    const text = `${DAMAGED}\nNamnden bor folja upp arbetet med fler-\narsplanen och tjdnste-\nutlatandet.`;
    const repaired = repairOcrText(text).text.split('\n');
    expect(repaired.slice(-3)).toEqual(['Nämnden bör följa upp arbetet med fler-', 'årsplanen och tjänste-', 'utlåtandet.']);
  });

  it('leaves the title "dr." and a letter written decomposed (not NFC) alone', () => {
    const decomposed = 'ba\u0308r';
    const text = `${DAMAGED}\nEnligt dr. Berg ar ${decomposed} bra.`;
    expect(repairOcrText(text).text.split('\n').at(-1)).toBe(`Enligt dr. Berg är ${decomposed} bra.`);
  });

  it('leaves the "1" of a number, a list and a footnote', () => {
    const text = [
      DAMAGED,
      'Se bilaga 1 till tjdnsteutlatandet.',
      '1. Forvaltningen foreslar en ny plan.',
      'Planen gdller fran 1 januari och omfattar 1 procent av budgeten.',
      '',
      '1 Uppgiften kommer fran stadsledningskontoret.',
    ].join('\n');
    const lines = repairOcrText(text).text.split('\n');
    expect(lines.slice(-5)).toEqual([
      'Se bilaga 1 till tjänsteutlåtandet.',
      '1. Förvaltningen föreslår en ny plan.',
      'Planen gäller från 1 januari och omfattar 1 procent av budgeten.',
      '',
      '1 Uppgiften kommer från stadsledningskontoret.',
    ]);
  });
});

describe('repairOcrText on a clean document', () => {
  const cleanDocument = [
    'Tjänsteutlåtande',
    'Dnr KS 2024/118, Sida 1 (3)',
    'Handläggare: Åsa Öberg, telefon 08-508 11 222, asa.oberg@stockholm.se',
    '',
    CLEAN,
    'Mer om planen finns på https://start.stockholm/aktuellt/plan-2024 och på stockholm.se.',
    'Bilaga 1. Remissbrev från kommunstyrelsen, 2024-03-14',
    'Ärendet har beretts tillsammans med Kungsholmens stadsdelsförvaltning och Origo.',
    'Stadsdelsnämnden har valt att lämna förslag om en mer hållbar stad för alla.',
  ].join('\n');

  it('changes nothing: no names, case numbers, numbers, addresses or correct words', () => {
    const result = repairOcrText(cleanDocument);
    expect(result.repairs).toEqual([]);
    expect(result.damaged).toBe(false);
    expect(result.text).toBe(cleanDocument);
  });

  it('leaves words that OCR damage could have produced, since the document is not damaged', () => {
    // "for", "vald", "mal", "stod", "har" and "1" are real words or numbers; alone in a clean text
    // they are what the author wrote.
    const text = `${cleanDocument}\nDe for till Uppsala och stod vid en mal i parken.\nHon blev vald 1 maj och har 1 barn.`;
    const result = repairOcrText(text);
    expect(result.repairs).toEqual([]);
  });

  it('still repairs a plain non-word that a common confusion turns into a word', () => {
    const result = repairOcrText(`${cleanDocument}\nDet gdller skolorna.`);
    expect(result.repairs).toEqual([expect.objectContaining({ from: 'gdller', to: 'gäller', realWord: false })]);
  });

  it('uses the register names the caller knows', () => {
    // An invented school and person the dictionary cannot know.
    const text = `${DAMAGED}\nRemissen gick till Angsgardsskolan och rektor Sjoqvist.`;
    const known = { names: ['Ängsgårdsskolan', 'Sjöqvist'] };
    expect(repairOcrText(text).text.split('\n').at(-1)).toBe('Remissen gick till Angsgardsskolan och rektor Sjoqvist.');
    expect(repairOcrText(text, known).text.split('\n').at(-1)).toBe('Remissen gick till Ängsgårdsskolan och rektor Sjöqvist.');
  });

  it('uses the catalogue headings the caller knows', () => {
    const text = `${DAMAGED}\nJamstalldhetsanalys\nBarnrattsperspektiv`;
    const headings = ['Jämställdhetsanalys', 'Barnrättsperspektiv'];
    expect(repairOcrText(text, { headings }).text.split('\n').slice(-2)).toEqual(headings);
  });
});
