import { NOT_PRINTED, bulletList, footnote, paragraph, type DemoStatement } from './demo-statement-content';

/**
 * Seed 002 (OCR-damaged, corrected here): Socialnämnden on the motion KS 2023/553. Printed: the
 * remiss Dnr, the beredning dates (23 and 24 August 2023), the signatories and one Bilaga; no
 * handläggare, no date, no own Dnr. The avdelning is the one that prepared the case. Footnote 1 of
 * the published document holds only the template's placeholder ("Klicka här och skriv rubrik"); it
 * stands after the program's name, so here it names the program. Assumed: the date 2023-08-28
 * (after the beredning), the attest 2023-08-29 and the decision of 2023-09-19 (§ 9), before the
 * answer of 2023-09-26 that demo-consultations.ts records.
 */
export const SOCIALNAMNDEN_STATEMENT: DemoStatement = {
  seed: '002',
  caseNumber: 'KS 2023/553',
  organisationKey: 'socialnamnden',
  header: {
    administration: 'Socialförvaltningen',
    department: 'Avdelningen för stadsövergripande sociala frågor',
    officer: { name: NOT_PRINTED, phone: null, email: null },
    to: 'Socialnämnden',
    date: '2023-08-28',
    ownCaseNumber: null,
    remissCaseNumber: 'KS 2023/553',
    title: 'Remiss av Motion om lämna-program för individer i våldsamma relationer',
    subtitle: 'Svar på remiss från kommunstyrelsen, Dnr KS 2023/553',
  },
  headerDateAssumed: true,
  sections: [
    {
      key: 'forslag-till-beslut',
      heading: 'Förvaltningens förslag till beslut',
      body: [paragraph('Socialnämnden godkänner tjänsteutlåtandet och lämnar det till kommunstyrelsen som nämndens svar på remissen av motionen om lämna-program.')],
    },
    {
      key: 'sammanfattning',
      heading: 'Sammanfattning',
      body: [
        paragraph(
          'Kommunstyrelsen har skickat en motion från Kristin Jacobsson (C) på remiss. Motionären vill att staden skärper arbetet mot hedersrelaterat våld och mot våld i nära relationer, har nolltolerans mot hedersbrott och höjer kunskapen om hedersvåld. All personal som möter barn och unga bör därför utbildas så att de känner igen tecken på hedersförtryck.',
        ),
        paragraph('Motionen föreslår bland annat att kommunfullmäktige ska besluta om föräldraskapsstöd i förebyggande syfte, också inriktat på hedersrelaterat våld, och om program för föräldrar till barn på väg mot kriminalitet.'),
        paragraph(
          'Förvaltningen håller med om att arbetet behöver fortsätta utvecklas och konstaterar att mycket redan görs, lokalt och centralt. Origo ger till exempel stöd och råd till unga mellan 13 och 26 år och utbildar personal i skola och socialtjänst, och PLUS Föräldraskapsstöd utvecklar och sprider föräldraprogram. Förvaltningen föreslår att nämnden godkänner tjänsteutlåtandet som svar.',
        ),
      ],
    },
    {
      key: 'bakgrund',
      heading: 'Bakgrund',
      body: [
        paragraph('Motion 2023/553, skriven av Centerpartiet, har remitterats från kommunstyrelsen till socialnämnden.'),
        paragraph(
          'Remissen har också gått till stadsledningskontoret, exploateringsnämnden, utbildningsnämnden, stadsdelsnämnderna i Farsta, Hässelby-Vällingby och Norrmalm samt till ROKS, Unizon, Alla Kvinnors Hus, SHIS Bostäder och Riksorganisationen GAPF – Glöm aldrig Pela och Fadime.',
        ),
      ],
    },
    {
      key: 'arendet',
      heading: 'Ärendet',
      body: [
        paragraph(
          'Centerpartiet vill att staden tar krafttag mot både hedersrelaterat våld och våld i nära relationer och att hedersrelaterade brott inte ska tolereras. Kunskapen om hedersvåld behöver öka, bland annat genom att personal som arbetar med barn och unga utbildas. Motionären vill inrätta en särskild enhet för frågan och ge Origo mer stöd.',
        ),
        paragraph(
          'Motionen betonar också att den som vill lämna en våldsam relation måste få stöd, till exempel genom fler förturer i bostadskön och genom att privata aktörer får bygga så kallade kvinnofridshus. Kommunfullmäktige föreslås besluta att',
        ),
        bulletList(
          'erbjuda föräldraskapsstöd i förebyggande syfte, även mot hedersrelaterat våld och förtryck, och utveckla program för föräldrar till barn på väg mot kriminalitet,',
          'inrätta en särskild enhet mot hedersrelaterat våld och förtryck som också motverkar barnäktenskap, arrangerade äktenskap och uppfostringsresor och arbetar uppsökande i skolor,',
          'utbilda stadens personal som möter barn och unga i att upptäcka hedersförtryck,',
          'låta de nämnder och bolag som berörs sprida information om var den som lever under hedersförtryck kan få hjälp, till exempel på skyltar i toaletter,',
          'låta exploateringsnämnden och stadsbyggnadsnämnden verka för att ett nytt kvinnofridshus byggs,',
          'ge våldsutsatta, brottsutsatta och vittnen snabbt stöd och hjälp,',
          'låta SHIS Bostäder och berörda nämnder ordna genomgångsbostäder för våldsutsatta som måste flytta,',
          'uppdra åt stadens relationsvåldscentrum att utveckla ett lokalt lämna-program med samordnade insatser för den som vill bryta upp från en våldsam relation eller lever med hedersrelaterat våld och förtryck.',
        ),
      ],
    },
    {
      key: 'arendets-beredning',
      heading: 'Ärendets beredning',
      body: [
        paragraph(
          'Avdelningen för stadsövergripande sociala frågor har berett ärendet. Förvaltningsgruppen behandlade det den 23 augusti 2023, och rådet för funktionshinderfrågor fick tillfälle att ta upp det den 24 augusti 2023.',
        ),
      ],
    },
    {
      key: 'jamstalldhetsanalys',
      heading: 'Jämställdhetsanalys',
      body: [
        paragraph(
          'Både våld i nära relationer och hedersrelaterat våld och förtryck speglar ofta ett ojämlikt maktförhållande mellan kvinnor och män. Utgångspunkten är att alla, vuxna som barn och oavsett könsidentitet eller sexuell läggning, har samma rätt till kroppslig integritet. Makt över det egna livet och över samhället är en grund för ett jämställt och socialt hållbart Stockholm.',
        ),
      ],
    },
    {
      key: 'barnrattsperspektiv',
      heading: 'Barnrättsperspektiv',
      body: [
        paragraph(
          'Flera av motionens förslag berör barn. Barn är särskilt sårbara eftersom de är beroende av vuxna, och de ska skyddas mot våld i nära relationer och mot hedersrelaterat våld och förtryck. Barnkonventionen, som är svensk lag, ger varje barn rätt till liv och utveckling och till skydd mot våld, övergrepp och utnyttjande. Att sprida kunskap, upptäcka tidigt, bemöta väl, samverka och utveckla stödet till utsatta barn är och förblir prioriterat.',
        ),
      ],
    },
    {
      key: 'forvaltningens-synpunkter',
      heading: 'Förvaltningens synpunkter och förslag',
      stance: 'avstyrker',
      body: [
        paragraph(
          'Socialförvaltningen delar motionärens bild: staden behöver fortsätta utveckla sitt arbete mot såväl våld i nära relationer som hedersrelaterat våld och förtryck. Det arbetet bedrivs i dag inom stadens program mot våld för 2021–2025',
          footnote('Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck med mera, 2021–2025.'),
          ', vars vision är en stad fri från de våldsformer programmet omfattar.',
        ),
        paragraph(
          'Motionen vill att staden erbjuder förebyggande föräldraskapsstöd. Inom socialnämnden är det PLUS Föräldraskapsstöd som utvecklar, utbildar i och förvaltar föräldraprogram och andra insatser för barns utveckling. Exempel, lokalt och centralt, är Föräldraskap i Sverige för föräldrar födda utomlands och På rätt väg, för föräldrar som oroar sig för kriminalitet.',
        ),
        paragraph(
          'Socialnämnden har dessutom i budget 2023 fått i uppdrag att tillsammans med stadsdelsnämnderna se till att unga utsatta för hedersrelaterat våld och förtryck får gott stöd både under och efter den akuta fasen, och ett skyddsnät när de bygger upp ett nytt liv. Samverkan med civilsamhället är central, och uppdraget omfattar bland annat en kartläggning av stadsdelsnämndernas stöd.',
        ),
        paragraph(
          'Origo stöder och ger råd till unga mellan 13 och 26 år som utsätts för hedersrelaterat våld och förtryck, utbildar bland andra skolsköterskor, lärare, kuratorer och socialsekreterare och ger konsultativt stöd i ärenden. Förvaltningen utbildar dessutom i PATRIARK',
          footnote('PATRIARK – Socialstyrelsen'),
          ' och sprider webbkursen om heder.',
          footnote('Om hedersrelaterat våld och förtryck (webbkursheder.se)'),
        ),
        paragraph(
          'Varje januari genomförs kampanjen ”Aldrig igen” inom programmet, för att lyfta frågan hos allmänheten och visa var stöd finns. Kampanjen syns i sociala medier, på stadstavlor och i kollektivtrafiken. Origo gör också en årlig kampanj i sociala medier för unga.',
        ),
        paragraph(
          'Sedan 2018 finns fyra relationsvåldscentrum (RVC) i staden, så att våldsutsatta får likvärdigt och samordnat stöd och skydd av hög kvalitet och våldsutövare evidensbaserat stöd. Dit kan alla från 18 år vända sig, oavsett kön, könsidentitet eller sexuell identitet. Den som har polisanmält kan få stöd i rättsprocessen, eftersom RVC samarbetar med polisen, till exempel information om utredning och rättegång. RVC delar ut små foldrar på flera språk via bland annat vårdcentraler, bibliotek och andra delar av socialtjänsten.',
        ),
        paragraph('Stödet ges enskilt eller i grupp, och rådgivning finns även per telefon:'),
        bulletList(
          [
            'individuell behandling för våldsutsatta och våldsutövare, med inspiration från Alternativ Till Våld (ATV),',
            footnote('ATV började som ett försök i Oslo 1987. I Norge drivs verksamheten i dag av stiftelsen Alternativ til Vold, som även utbildar, konsulterar och handleder i metoden.'),
          ],
          ['gruppbehandling för våldsutsatta enligt en manual från Utväg Skaraborg,', footnote('Utväg Skaraborg startade 1996 och arbetar både med dem som utövar våld och med dem som utsätts.')],
          [
            'gruppbehandling för våldsutövare, så kallade ickevåldsgrupper, enligt en manual från Per Isdal, Utväg Göteborg och Utväg Södra Älvsborg.',
            footnote('https://www.socialstyrelsen.se/globalassets/sharepoint-dokument/artikelkatalog/ovrigt/2011-10-19.pdf'),
          ],
        ),
        paragraph(
          'Stödcentrum för unga brottsutsatta ska tidigt fånga upp barn och unga som utsatts för brott och ge dem stödsamtal, praktisk hjälp, stöd inför rättegång, råd, information och stöd till anhöriga. Där erbjuds också medling för att minska brottets skadeverkningar för både den som begått brottet och den som drabbats.',
        ),
        paragraph(
          'Utöver RVC erbjuder relationsvåldsteamen (RVT) i alla stadsdelsförvaltningar skyddat boende, även för våldsutsatta som är påverkade av alkohol eller narkotika och i tillgänglighetsanpassad form. Tio stadsdelsförvaltningar har jourlägenheter. Enligt boendeplanen för våldsutsatta',
          footnote('Boendeplan för våldsutsatta, Dnr 3.1.1-432/2020'),
          ' fick 90 procent av dem som behövde en akut lösning ett tillfredsställande boende under mätperioden, men bara 68 procent av dem som behövde en mer långsiktig lösning.',
        ),
        paragraph(
          'Förvaltningen bedömer därför att arbete i linje med motionens förslag redan pågår i staden, och att det är bättre att bygga vidare på de strukturer och det program som finns än att starta något nytt. Förvaltningen föreslår att nämnden godkänner tjänsteutlåtandet som svar på motionen.',
        ),
      ],
    },
  ],
  // Each printed with "Socialförvaltningen" under the title.
  signatories: [
    { name: 'Veronica Wolgast Carstorp', title: 'Socialdirektör' },
    { name: 'Lina Blombergsson', title: 'Avdelningschef' },
  ],
  enclosures: [{ title: 'Motion om lämna-program för individer i våldsamma relationer' }],
  stance: 'avstyrker',
  revisionAuthor: 'Demo',
  approvals: [{ name: 'Veronica Wolgast Carstorp', title: 'Socialdirektör', date: '2023-08-29', assumed: true }],
  decision: {
    meetingDate: '2023-09-19',
    paragraph: '§ 9',
    decisionText: 'Socialnämnden beslutade enligt förvaltningens förslag och lämnade tjänsteutlåtandet till kommunstyrelsen som svar på remissen.',
    assumed: true,
  },
};
