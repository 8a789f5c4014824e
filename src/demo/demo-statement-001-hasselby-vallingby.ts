import { NOT_PRINTED, paragraph, type DemoStatement } from './demo-statement-content';

const PROGRAM_TITLE_001 =
  'Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella tjänster samt sexuellt våld oberoende relation, 2021-2025';

/**
 * Seed 001 (clean): Hässelby-Vällingby stadsdelsnämnd on KS 2020/924. Printed: handläggare and
 * telephone, "Till", the date 2020-10-22, the signatories (the avdelningschef without a name), the
 * Bilagor and the digital attest of 2020-10-03 (a Saturday, and before the statement's own date;
 * kept as printed). The avdelning is the one that prepared the case (Ärendets beredning).
 * Assumed: the nämnd's decision of 2020-11-19 (§ 12), before the answer of 2020-11-26.
 */
export const HASSELBY_VALLINGBY_STATEMENT: DemoStatement = {
  seed: '001',
  caseNumber: 'KS 2020/924',
  organisationKey: 'sdn-hasselby-vallingby',
  header: {
    administration: 'Hässelby-Vällingby stadsdelsförvaltning',
    department: 'Avdelningen för vuxna',
    officer: { name: 'Susanne Rydberg-Lif', phone: '0850805097', email: null },
    to: 'Hässelby-Vällingby stadsdelsnämnd',
    date: '2020-10-22',
    ownCaseNumber: null,
    remissCaseNumber: 'KS 2020/924',
    title: PROGRAM_TITLE_001,
    subtitle: 'Remiss från kommunstyrelsen',
  },
  headerDateAssumed: false,
  sections: [
    {
      key: 'forslag-till-beslut',
      heading: 'Förslag till beslut',
      body: [paragraph('Nämnden godkänner det svar förvaltningen har skrivit och skickar det vidare till kommunstyrelsen.')],
    },
    {
      key: 'sammanfattning',
      heading: 'Sammanfattning',
      body: [
        paragraph('Socialnämnden fick i 2020 års budget uppdraget att revidera stadens förra program på området, det som gällde 2017–2020.'),
        paragraph(
          'Förvaltningen är överlag positiv till det nya programmet, som vilar på den regionala strategin mot våld i Stockholms län. Förvaltningen föreslår ändå att programmet, som gäller 2021–2025, omsätts i en lokal handlingsplan. En sådan plan skulle klargöra vad socialtjänsten och förskolan ansvarar för när flera nämnder delar på en aktivitet, och ge konkreta åtgärder med tidsplan så att programmet får effekt.',
        ),
      ],
    },
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      body: [
        paragraph('Det tidigare programmet byggde på den regionala strategin mot våld i nära relationer för 2016–2020, framtagen inom Operation kvinnofrid.'),
        paragraph(
          'Inför 2020 reviderades strategin och fick en handlingsplan med åtaganden för varje myndighet och gemensamma satsningar. Målet är att stärka arbetet mot våld regionalt och lokalt och att göra det lättare för länets aktörer att samverka. Strategin använder ett vidare våldsbegrepp än brottsbalken: varje handling som syftar till att skada, orsaka smärta eller kränka räknas.',
        ),
        paragraph(
          'Strategin för 2020–2026 har undertecknats av Region Stockholm, Polismyndigheten, Kriminalvården, Länsstyrelsen i Stockholms län, Storsthlm och Stockholms stad. Den är utgångspunkten för revideringen av stadens program.',
        ),
      ],
    },
    {
      key: 'arendets-beredning',
      heading: 'Ärendets beredning',
      body: [paragraph('Avdelningen för vuxna har berett ärendet tillsammans med avdelningarna för barn och unga, förskola och äldreomsorg inom Hässelby-Vällingby stadsdelsförvaltning.')],
    },
    {
      key: 'arendet',
      heading: 'Ärendet',
      body: [
        paragraph(
          'Programmet för 2021–2025 tar avstamp i den regionala strategin för 2020–2026. Det ska förebygga de våldsformer strategin omfattar, från våld i nära relationer och hedersrelaterat våld till prostitution, människohandel och sexuellt våld.',
        ),
        paragraph('Programmet ska också se till att barn, unga, vuxna och äldre får stöd, skydd och insatser som är samordnade, bygger på evidens och håller god kvalitet.'),
      ],
    },
    {
      key: 'forvaltningens-synpunkter',
      heading: 'Förvaltningens synpunkter',
      stance: 'tillstyrker_med_andringar',
      body: [
        paragraph(
          'Förvaltningen ställer sig i huvudsak bakom programmet och dess förankring i den regionala strategin, men föreslår att det delas i två program. Då får de nya målgrupperna det fokus de behöver: den som är i prostitution, den som har utsatts för människohandel och den som har utsatts för sexuellt våld, oavsett relation.',
        ),
        paragraph(
          'Ett program anger enligt stadens definition aktiviteter, metoder och indikatorer, men inga konkreta åtgärder. Därför bör programmet omsättas i en lokal handlingsplan för socialtjänsten och förskolan. Planen bör klargöra deras ansvar där flera nämnder delar på en aktivitet och ange åtgärder med tidsplan, så att programmet ger avsedd effekt under perioden.',
        ),
      ],
    },
  ],
  signatories: [
    { name: 'Susanna Halldin Olsson', title: 'Stadsdelsdirektör' },
    { name: NOT_PRINTED, title: 'Avdelningschef' },
  ],
  enclosures: [
    { title: 'Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella ändamål samt sexuellt våld oberoende relation 2021-2025.' },
    { title: 'Remissbrev, 2020-08-28.' },
  ],
  stance: 'tillstyrker_med_andringar',
  revisionAuthor: 'Susanne Rydberg-Lif',
  approvals: [{ name: 'Susanna Halldin Olsson', title: 'Stadsdelsdirektör', date: '2020-10-03', assumed: false }],
  decision: {
    meetingDate: '2020-11-19',
    paragraph: '§ 12',
    decisionText: 'Stadsdelsnämnden beslutade i enlighet med förvaltningens förslag och skickade svaret till kommunstyrelsen.',
    assumed: true,
  },
};
