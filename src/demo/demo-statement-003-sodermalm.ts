import { PROGRAM_GOALS, PROGRAM_TITLE, bulletList, paragraph, subheading, type DemoStatement } from './demo-statement-content';

/**
 * Seed 003 (clean): Södermalms stadsdelsnämnd on KS 2020/924. Printed: the remiss Dnr in the
 * sub-title, the deadline 2 December 2020, the beredning dates 16 and 17 November 2020, the four
 * sub-headings inside Ärendet (sub-heading blocks of its body, in printed order), the goals as a
 * bulleted list, the signatories and one unnumbered Bilaga. Not printed: handläggare, date, own Dnr and a title above
 * the sub-title (the program's name is used). The avdelning is the unit that prepared the case.
 * Assumed: the date 2020-11-09, the attest 2020-11-10 and the decision of 2020-11-26 (§ 15),
 * before the answer of 2020-12-02 that demo-consultations.ts records.
 */
export const SODERMALM_STATEMENT: DemoStatement = {
  seed: '003',
  caseNumber: 'KS 2020/924',
  organisationKey: 'sdn-sodermalm',
  header: {
    administration: 'Södermalms stadsdelsförvaltning',
    department: 'Stadsdelsdirektörens stab',
    officer: { name: 'Hanna Söderberg', phone: null, email: 'handlaggare.sodermalm@demo.remiss.invalid' }, // the demo handläggare: the seed prints none
    to: 'Södermalms stadsdelsnämnd',
    date: '2020-11-09',
    ownCaseNumber: null,
    remissCaseNumber: 'KS 2020/924',
    title: PROGRAM_TITLE,
    subtitle: 'Svar på remiss från kommunstyrelsen KS 2020/924',
  },
  headerDateAssumed: true,
  sections: [
    {
      key: 'forslag-till-beslut',
      heading: 'Förslag till beslut',
      body: [paragraph('Nämnden lämnar förvaltningens tjänsteutlåtande till kommunstyrelsen som sitt remissvar.')],
    },
    {
      key: 'sammanfattning',
      heading: 'Sammanfattning',
      body: [
        paragraph(
          'Uppdraget att revidera stadens program för 2017–2020 gavs till socialnämnden i budget 2020. Det nya programmet följer den regionala strategin mot våld i Stockholms län från Operation kvinnofrid 2020 och har därför fler målgrupper: utöver våld i nära relationer och hedersrelaterat våld och förtryck även prostitution, människohandel för sexuella ändamål och sexuellt våld oavsett relation. Det ska både förebygga våldet och ge stöd och skydd när det ändå inträffar.',
        ),
        paragraph('Liksom strategin har programmet sju mål med aktiviteter och indikatorer, och det innehåller texter om våldsformerna, om förebyggande arbete, om viktiga perspektiv och om samverkan.'),
        paragraph(
          'Förvaltningen tycker att förslaget är ambitiöst och väl genomarbetat. Det är tydligt och informativt, ger en bred kunskapsbild och belyser med fakta och statistik många sidor av våldets problematik och följder.',
        ),
      ],
    },
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      body: [
        paragraph('Kommunstyrelsen har bett Södermalms stadsdelsnämnd yttra sig över programmet senast den 2 december 2020.'),
        paragraph(
          'Remissen har gått till alla stadsdelsnämnder och facknämnder, stadsledningskontoret, Stockholms Stadshus AB, tre av kommunstyrelsens råd och nitton myndigheter och organisationer, bland dem Länsstyrelsen Stockholm, Polisregion Stockholm, Region Stockholm, Nationellt centrum för kvinnofrid, Origo, Unizon och ROKS.',
        ),
      ],
    },
    {
      key: 'arendets-beredning',
      heading: 'Ärendets beredning',
      body: [
        paragraph(
          'Stadsdelsdirektörens stab har berett ärendet i samråd med sociala avdelningen. Förvaltningsgruppen och pensionärsrådet behandlade det den 16 november och rådet för funktionshinderfrågor den 17 november 2020.',
        ),
      ],
    },
    {
      key: 'arendet',
      heading: 'Ärendet',
      body: [
        paragraph(
          'Socialnämnden har lett revideringen med stöd av en referensgrupp där bland andra arbetsmarknadsnämnden, Origo, tre stadsdelsnämnder, utbildningsnämnden och äldrenämnden ingick. Organisationer i civilsamhället har kunnat tycka till om de föreslagna aktiviteterna, och Sweco har på socialnämndens uppdrag undersökt hur känt det förra programmet var, vad som fungerade och vad som behöver utvecklas.',
        ),
        paragraph(
          'Programmet hänger tätt ihop med den regionala strategin, som har vidgats till personer i prostitution, personer utsatta för människohandel för sexuella ändamål och personer utsatta för sexuellt våld oavsett relation till förövaren. Strategin knyter an till den nationella strategin mot mäns våld mot kvinnor och till de jämställdhetspolitiska målen, där ett delmål är att mäns våld mot kvinnor ska upphöra. Programmet har också kopplingar till internationella och nationella styrdokument och till många av stadens egna program.',
        ),
        subheading('Syfte med programmet'),
        paragraph(
          'Främst ska programmet förebygga våldet och se till att det upptäcks när det ändå förekommer. Barn, unga, vuxna och äldre i målgrupperna ska få samordnat, evidensbaserat och likvärdigt stöd, skydd och insatser av hög kvalitet, var de än bor i staden. Programmet ska ge stadga åt ett långsiktigt och strukturerat arbete och vara grund för samverkan inom staden och samråd med andra aktörer.',
        ),
        subheading('Programmets innehåll och struktur'),
        paragraph(
          'Visionen är ett Stockholm utan de våldsformer programmet omfattar. Under visionen finns sju mål med aktiviteter, indikatorer och ansvariga nämnder och bolagsstyrelser, och för varje mål anges vad som måste finnas på plats för att nå det.',
        ),
        paragraph(
          'Alla nämnder och bolag berörs, men i olika grad: vissa mest som arbetsgivare, andra av många mål och aktiviteter. Programmet beskriver våldsformerna, hur många som drabbas och vilka följderna blir, perspektiv som hjälper till att träffa rätt med insatserna samt samverkan, förebyggande arbete och behovet av mer kunskap.',
        ),
        paragraph('Arbetsgivarperspektivet är nytt: staden ska inte bara arbeta mot våld som riktas mot invånarna utan också stötta medarbetare som utsätts för våld av närstående.'),
        subheading('Programmets mål'),
        bulletList(...PROGRAM_GOALS),
        subheading('Ansvar och uppföljning'),
        paragraph(
          'Varje nämnd och styrelse genomför sina aktiviteter och följer upp dem och sina indikatorer i ILS, i tertialrapporter och verksamhetsberättelse. Socialnämnden följer upp programmet samlat för hela staden och samordnar arbetet, medan kommunstyrelsen följer upp fullmäktiges mål och vid behov förtydligar stadens prioriteringar. Programmet gäller 2021–2025.',
        ),
      ],
    },
    {
      key: 'forvaltningens-synpunkter',
      heading: 'Synpunkter och förslag',
      stance: 'tillstyrker',
      body: [
        paragraph('Sammantaget ser förvaltningen förslaget som ambitiöst och väl genomarbetat, tydligt och informativt, med fakta och statistik som belyser våldets många sidor.'),
        paragraph(
          'Programmet rymmer fler målgrupper och perspektiv än det förra. Att prostitution, människohandel för sexuella ändamål och sexuellt våld oavsett relation har kommit till gör att fler kan fångas upp och få stöd.',
        ),
        paragraph('Kopplingarna till andra styrdokument, som Agenda 2030 och FN:s barnkonvention, är bra och gör det lättare för nämnderna att arbeta i linje med dem alla.'),
        paragraph(
          'Den kunskapshöjande ambitionen är värdefull eftersom de flesta som ska arbeta efter programmet inte är specialister. Den förankrar arbetet i verksamheterna och gör det begripligt att frågan har hög prioritet. Förvaltningen uppskattar också att programmet visar hur förebyggande insatser behövs på flera nivåer och blir bättre när aktörerna agerar tillsammans.',
        ),
        paragraph(
          'Nämnderna ska ta in programmets aktiviteter och indikatorer i den ordinarie planeringen och följa upp dem i ILS. Förvaltningen vill att detta samordnas med stadens ordinarie anvisningar för planering och uppföljning, så att det är tydligt vad nämnderna förväntas göra.',
        ),
      ],
    },
  ],
  signatories: [
    { name: 'Ann-Christine Jenvén', title: 'Stadsdelsdirektör' },
    { name: 'Maria Klemets Hellberg', title: 'Avdelningschef' },
  ],
  enclosures: [{ title: `${PROGRAM_TITLE}.` }],
  stance: 'tillstyrker',
  revisionAuthor: 'Demo',
  approvals: [{ name: 'Ann-Christine Jenvén', title: 'Stadsdelsdirektör', date: '2020-11-10', assumed: true }],
  decision: {
    meetingDate: '2020-11-26',
    paragraph: '§ 15',
    decisionText: 'Stadsdelsnämnden beslutade enligt förvaltningens förslag och överlämnade tjänsteutlåtandet till kommunstyrelsen som svar på remissen.',
    assumed: true,
  },
};
