import type { StatementDocumentModel } from '../../src/documents/document-model';
import type { Block } from '../../src/statements/statement-body';

/**
 * An invented tjänsteutlåtande (our own prose, not the seeds') for the file round trips: every
 * kind of thing the import must bring back — catalogue sections, an own section, sub-headings
 * (a question among them), bold words, a numbered list with a nested bullet list, a bullet list,
 * footnotes, two signatories and Bilagor.
 */
const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

export function invented(overrides: Partial<StatementDocumentModel> = {}): StatementDocumentModel {
  return {
    administration: { name: 'Norrmalms stadsdelsförvaltning', registerKey: null, department: 'Avdelningen för kultur och fritid' },
    officer: { name: 'Greta Holm', phone: '08-508 44 210', email: null },
    to: 'Norrmalms stadsdelsnämnd',
    date: '2025-02-11',
    caseNumber: 'NOR 2025/77',
    remissCaseNumber: 'KS 2024/903',
    title: 'Svar på remiss om en strategi för stadens bibliotek',
    subtitle: 'Remiss från kommunstyrelsen, Dnr KS 2024/903',
    stance: null,
    sections: [
      { heading: 'Förslag till beslut', stance: null, body: [p('Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.')] },
      {
        heading: 'Sammanfattning',
        stance: null,
        body: [
          p('Strategin beskriver hur stadens bibliotek ska utvecklas fram till år 2030. Förvaltningen delar strategins inriktning och ser särskilt fram emot satsningen på läsfrämjande arbete.'),
          {
            type: 'paragraph',
            content: [
              { text: 'Förvaltningen anser att strategin ' },
              { text: 'bör kompletteras', bold: true },
              { text: ' med en plan för lokalerna' },
              { footnote: 'Lokalförsörjningsplanen för kulturförvaltningen, beslutad i december 2023.' },
              { text: ' och med mått som går att följa upp varje år.' },
            ],
          },
        ],
      },
      {
        heading: 'Bakgrund',
        stance: null,
        body: [
          p('Kommunstyrelsen har skickat strategin på remiss till stadsdelsnämnderna och facknämnderna. Strategin har tre delmål:'),
          {
            type: 'numbered_list',
            items: [
              { content: [{ text: 'Biblioteken ska nå fler barn som inte läser på fritiden.' }] },
              { content: [{ text: 'Öppettiderna ska spegla hur invånarna lever.' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'kvällar under vardagar' }] }, { content: [{ text: 'helger året runt' }] }] } },
              { content: [{ text: 'Samarbetet med skolorna ska fördjupas.' }] },
            ],
          },
        ],
      },
      { heading: 'Ärendets beredning', stance: null, body: [p('Ärendet har beretts av avdelningen för kultur och fritid tillsammans med förvaltningens ekonomer.')] },
      { heading: 'Ekonomiska konsekvenser', stance: null, body: [p('Strategin ger inga direkta kostnader för nämnden under de två första åren.')] },
      {
        heading: 'Förvaltningens synpunkter och förslag',
        stance: null,
        body: [
          { type: 'subheading', text: 'Vilka delar av strategin är viktigast för stadsdelen?' },
          p('De mindre biblioteken i stadsdelen är mötesplatser för många äldre, och förvaltningen vill att strategin tar till vara den rollen.'),
          { type: 'subheading', text: 'Uppföljning' },
          {
            type: 'bullet_list',
            items: [
              { content: [{ text: 'Besöken bör redovisas per bibliotek och år.' }] },
              { content: [{ text: 'Lånen bör redovisas per åldersgrupp.' }, { footnote: 'Statistiken finns redan i bibliotekens system för utlåning.' }] },
            ],
          },
        ],
      },
    ],
    signatories: [
      { name: 'Henrik Lund', title: 'Stadsdelsdirektör' },
      { name: 'Greta Holm', title: 'Avdelningschef' },
    ],
    enclosures: [{ title: 'Remissbrev, 2024-12-02' }, { title: 'Strategi för stadens bibliotek 2025–2030' }],
    approvals: [],
    consultation: { caseNumber: 'KS 2024/903', title: 'Strategi för stadens bibliotek', sender: 'Kommunstyrelsen' },
    lastModified: null,
    ...overrides,
  };
}
