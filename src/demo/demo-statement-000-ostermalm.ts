import { PROGRAM_GOALS, numberedList, paragraph, type DemoStatement } from './demo-statement-content';

const REMISS_TITLE =
  'Remiss av Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella tjänster samt sexuellt våld i oberoende relationer 2021-2025';

/**
 * Seed 000 (OCR-damaged, corrected here): Östermalms stadsdelsnämnd on KS 2020/924. The seed
 * prints no handläggare and no date; its only Dnr, 3.1.1-723/2019, stands under the title.
 * Assumed: the date 2020-10-27, the attest 2020-10-28 and the nämnd's decision of 2020-11-19
 * (§ 14), all before the answer of 2020-11-27 that demo-consultations.ts records.
 */
export const OSTERMALM_STATEMENT: DemoStatement = {
  seed: '000',
  caseNumber: 'KS 2020/924',
  organisationKey: 'sdn-ostermalm',
  header: {
    administration: 'Östermalms stadsdelsförvaltning',
    department: null,
    officer: { name: 'Östen Strandberg', phone: null, email: 'handlaggare.ostermalm@demo.remiss.invalid' }, // the demo handläggare: the seed prints none
    to: 'Östermalms stadsdelsnämnd',
    date: '2020-10-27',
    ownCaseNumber: '3.1.1-723/2019',
    remissCaseNumber: 'KS 2020/924',
    title: REMISS_TITLE,
    subtitle: 'Svar på remiss till kommunstyrelsen, Dnr 3.1.1-723/2019',
  },
  headerDateAssumed: true,
  sections: [
    {
      key: 'forslag-till-beslut',
      heading: 'Förslag till beslut',
      body: [paragraph('Stadsdelsnämnden ställer sig bakom förvaltningens tjänsteutlåtande och skickar det till kommunstyrelsen som nämndens remissvar.')],
    },
    {
      key: 'sammanfattning',
      heading: 'Sammanfattning',
      body: [
        paragraph('Kommunstyrelsen har bett Östermalms stadsdelsnämnd yttra sig över stadens nya program mot våld i nära relationer och närliggande våldsformer. Svaret ska ha kommit in senast den 27 november 2020.'),
        paragraph(
          'Förvaltningen ser positivt på programmets ambitioner. Att fler former av våld ryms i programmet ger, enligt förvaltningen, bättre förståelse för hur våldet tar sig uttryck. Särskilt välkommet är tyngden på det förebyggande arbetet och på insatser för den som utövar våld.',
        ),
        paragraph(
          'Samtidigt vill förvaltningen att aktiviteterna pekar ut konkreta metoder och insatser, så att programmet blir ett verkligt stöd och arbetet blir mer likvärdigt i staden. På några ställen hänger mål, aktiviteter och indikatorer dåligt ihop, vilket kan försvåra uppföljningen.',
        ),
      ],
    },
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      body: [
        paragraph(
          'Socialnämnden fick i 2020 års budget i uppdrag att se över det tidigare programmet för 2017–2020. Socialförvaltningen har gjort revideringen tillsammans med en referensgrupp där bland andra flera stadsdelsnämnder och facknämnder, stadsledningskontoret och Origo deltog. Över 40 organisationer i civilsamhället har också bjudits in att tycka till.',
        ),
        paragraph(
          'Programmet bygger på den regionala strategin mot våld i Stockholms län från Operation kvinnofrid 2020. Därför omfattar det nu fler våldsformer än tidigare, bland annat prostitution, människohandel för sexuella ändamål och sexuellt våld oavsett relation till förövaren.',
        ),
      ],
    },
    {
      key: 'arendets-beredning',
      heading: 'Ärendets beredning',
      body: [
        paragraph(
          'Förvaltningen har berett ärendet och tagit in synpunkter från sina avdelningar. Nämndens råd för funktionshinderfrågor och pensionärsrådet fick tillfälle att yttra sig men lämnade inga synpunkter.',
        ),
      ],
    },
    {
      key: 'arendet',
      heading: 'Ärendet',
      body: [
        paragraph(
          'Programmet är nära kopplat till den regionala strategin och omfattar samma våldsformer som den, vilket är en breddning jämfört med det förra programmet. Huvudsyftet är att förebygga och upptäcka våld, men också att stöd, skydd och insatser ska hålla hög kvalitet, vila på evidens, vara samordnade och likvärdiga i hela staden.',
        ),
        paragraph('Arbetet är ordnat under sju mål:'),
        numberedList(...PROGRAM_GOALS),
        paragraph(
          'Varje mål har indikatorer för uppföljningen och aktiviteter med utpekade ansvariga. Alla nämnder och bolag berörs i olika grad och följer upp sitt arbete i ILS, stadens system för integrerad ledning och styrning.',
        ),
        paragraph(
          'Programmet beskriver också våldets former, omfattning och följder, förebyggande arbete på universell, selektiv och indikerad nivå samt samverkan. Nytt är ett arbetsgivarperspektiv: staden ska stötta medarbetare som utsätts för våld av närstående.',
        ),
      ],
    },
    {
      key: 'forvaltningens-synpunkter',
      heading: 'Synpunkter och förslag',
      stance: 'tillstyrker_med_andringar',
      body: [
        paragraph('Förvaltningen välkomnar att programmet spänner över fler våldsformer. Mer kunskap om våldets uttryck ger staden bättre möjligheter att förebygga och att ge rätt stöd.'),
        paragraph(
          'Programmets titel stämmer inte med innehållet, som själv förordar begreppet sex mot ersättning framför prostitution. De långa faktatexterna om våldet kan kortas och i stället hänvisa till bland andra Socialstyrelsen och Nationellt centrum för kvinnofrid (NCK), så att arbetet alltid utgår från aktuell forskning.',
        ),
        paragraph(
          'Kopplingen mellan mål och indikatorer är på några ställen svag. Förvaltningen frågar till exempel om andelen som fått samhällsvägledning säger något om det förebyggande målet, och om rutiner för skolgång för barn i skyddat boende mäter tillgången till insatser. Otydliga indikatorer gör uppföljningen osäker.',
        ),
        paragraph(
          'För att programmet ska fungera som stöd bör aktiviteterna ange vilka metoder och insatser som avses; det skulle också göra arbetet mer likvärdigt i staden. Där beprövade metoder saknas bör staden driva metodutveckling gemensamt, med tydligt uppdrag och resurser, i stället för att bara lista en aktivitet.',
        ),
        paragraph(
          'Om de enskilda målen: det förebyggande första målet är välkommet, men förvaltningen saknar stöd för hur aktiviteterna ska genomföras, till exempel insatserna mot sugardejting, och de våldspreventiva program som ges som exempel passar inte förskolan. Målet om insatser för den som utövar våld är en styrka. Det är bra att rutinfrågor om våld lyfts fram under det tredje målet. Under det fjärde målet behövs tydligare besked om vilket stöd som ska ges, även på lång sikt. Aktiviteterna under det femte målet visar stadens ansvar att stötta den som utsatts.',
        ),
        paragraph(
          'Det sjätte och det sjunde målet, om kunskapsutveckling och evidensbaserade metoder, är enligt förvaltningen snarare medel för att nå de övriga målen än mål i sig. Aktiviteterna under dem passar bra in under andra mål.',
        ),
      ],
    },
  ],
  // Printed in lower case under the names.
  signatories: [
    { name: 'Kerstin Andersson', title: 'stadsdelsdirektör' },
    { name: 'Jan Rönnberg', title: 'avdelningschef' },
  ],
  // The OCR lost the "2." before the second bilaga; the seeds' README counts two.
  enclosures: [
    { title: REMISS_TITLE },
    { title: 'Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella tjänster samt sexuellt våld i oberoende relationer 2021-2025' },
  ],
  stance: 'tillstyrker_med_andringar',
  revisionAuthor: 'Demo',
  approvals: [{ name: 'Kerstin Andersson', title: 'Stadsdelsdirektör', date: '2020-10-28', assumed: true }],
  decision: {
    meetingDate: '2020-11-19',
    paragraph: '§ 14',
    decisionText: 'Stadsdelsnämnden beslutade enligt förvaltningens förslag: tjänsteutlåtandet godkändes och lämnades till kommunstyrelsen som nämndens svar på remissen.',
    assumed: true,
  },
};
