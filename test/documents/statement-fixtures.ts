import type { DemoStatement } from '../../src/demo/demo-statement-content';
import type { StatementDocumentModel } from '../../src/documents/document-model';
import type { Block, Inline } from '../../src/statements/statement-body';

/**
 * Statements built in code for the document tests and the bench. Shaped like the city's
 * tjänsteutlåtanden (../shared/seeds) but in our own words: the seeds' prose is not copied.
 */
const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

export function sodermalmStatement(overrides: Partial<StatementDocumentModel> = {}): StatementDocumentModel {
  return {
    administration: { name: 'Södermalms stadsdelsförvaltning', registerKey: 'sdf-sodermalm', department: 'Avdelningen för stöd och service' },
    officer: { name: 'Åsa Öberg', phone: '08-508 12 345', email: 'asa.oberg@stockholm.se' },
    to: 'Södermalms stadsdelsnämnd',
    date: '2020-11-19',
    caseNumber: 'SÖ 2020/1234',
    remissCaseNumber: 'KS 2020/924',
    title: 'Stockholms stads program mot våld i nära relationer 2021–2025',
    subtitle: 'Svar på remiss från kommunstyrelsen, Dnr KS 2020/924',
    stance: 'tillstyrker_med_andringar',
    sections: [
      { heading: 'Förslag till beslut', stance: null, body: [p('Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det som svar på remissen till kommunstyrelsen.')] },
      {
        heading: 'Sammanfattning',
        stance: null,
        body: [
          p('Förvaltningen välkomnar ett samlat program för stadens arbete. Målen är tydliga, och att fler former av våld omfattas än tidigare ökar möjligheten att tidigt upptäcka utsatthet. Förvaltningen ser dock behov av konkreta åtgärder och tidsplaner på lokal nivå.'),
          { type: 'paragraph', content: [{ text: 'Förvaltningens bedömning är att programmet ' }, { text: 'i huvudsak', bold: true }, { text: ' ger ett gott stöd för det fortsatta arbetet' }, { footnote: 'Jämför stadens budget för 2020, avsnittet om socialnämndens uppdrag.' }, { text: ', men att uppföljningen behöver ' }, { text: 'samordnas', italic: true }, { text: ' med den ordinarie verksamhetsplaneringen.' }] },
        ],
      },
      {
        heading: 'Bakgrund',
        stance: null,
        body: [
          p('Kommunstyrelsen har remitterat programmet till samtliga stadsdelsnämnder för yttrande senast den 2 december 2020. Programmet ersätter det tidigare programmet för åren 2017–2020.'),
          { type: 'numbered_list', items: [{ content: [{ text: 'Förebyggande arbete ska prioriteras.' }] }, { content: [{ text: 'Våldsutsatta ska få stöd utifrån sina behov.' }], children: { type: 'bullet_list', items: [{ content: [{ text: 'barn och unga' }] }, { content: [{ text: 'äldre' }] }] } }, { content: [{ text: 'Verksamheterna ska arbeta kunskapsbaserat.' }] }] },
        ],
      },
      { heading: 'Ärendets beredning', stance: null, body: [p('Ärendet har beretts inom avdelningen för stöd och service i samråd med sociala avdelningen. Pensionärsrådet och rådet för funktionshinderfrågor har fått information om ärendet.')] },
      {
        heading: 'Förvaltningens synpunkter och förslag',
        stance: 'tillstyrker_med_andringar',
        body: [
          // Headed by the questions the remiss asks, as seed 004 is.
          { type: 'subheading', text: 'Hur ser förvaltningen på programmets inriktning?' },
          p('Förvaltningen är positiv till att programmet lyfter fram det förebyggande arbetet och vikten av samverkan mellan stadens verksamheter, civilsamhället och andra myndigheter.'),
          { type: 'subheading', text: 'Vad behöver förtydligas?' },
          { type: 'bullet_list', items: [{ content: [{ text: 'Aktiviteterna bör beskriva vilka metoder som avses.' }] }, { content: [{ text: 'Indikatorerna bör gå att följa upp på stadsdelsnivå.' }, { footnote: 'Uppföljning sker i stadens system för ledning och styrning (ILS).' }] }] },
        ],
      },
    ],
    signatories: [
      { name: 'Maria Ålund', title: 'Stadsdelsdirektör' },
      { name: 'Örjan Ek', title: 'Avdelningschef' },
    ],
    enclosures: [{ title: 'Remiss av Stockholms stads program mot våld i nära relationer 2021–2025' }, { title: 'Remissbrev, 2020-08-28' }],
    approvals: [{ name: 'Maria Ålund', title: 'Stadsdelsdirektör', date: '2020-11-10' }],
    consultation: { caseNumber: 'KS 2020/924', title: 'Stockholms stads program mot våld i nära relationer 2021–2025', sender: 'Kommunstyrelsen' },
    lastModified: null,
    ...overrides,
  };
}

const SENTENCES = [
  'Förvaltningen bedömer att förslaget ger goda förutsättningar för ett likvärdigt arbete i hela staden.',
  'Det är angeläget att ansvarsfördelningen mellan nämnderna blir tydlig redan när programmet antas.',
  'Uppföljningen bör ske inom ramen för den ordinarie verksamhetsplaneringen och redovisas årligen.',
  'Samverkan med civilsamhällets organisationer är en förutsättning för att nå de äldre och de yngsta.',
  'Kunskapen om våldets konsekvenser för barn behöver öka bland personal inom förskola och socialtjänst.',
  'Förvaltningen föreslår att stadsdelsnämnderna ges möjlighet att ta fram lokala handlingsplaner.',
];

/** A long statement: many sections of several paragraphs, sub-headed lists between, for pagination tests and the bench. */
export function longStatement(sectionCount: number, paragraphsPerSection = 4): StatementDocumentModel {
  const sections = Array.from({ length: sectionCount }, (_, s) => ({
    heading: `Avsnitt ${s + 1}: synpunkter på mål ${s + 1}`,
    stance: null,
    body: Array.from({ length: paragraphsPerSection }, (_, i): Block[] => {
      // A sub-heading over the list (H3), so long documents and the bench carry them too.
      if (i === 2) return [{ type: 'subheading', text: `Förslag till åtgärder inom mål ${s + 1}` }, { type: 'bullet_list', items: SENTENCES.slice(0, 3).map((text) => ({ content: [{ text }] })) }];
      const count = 3 + ((s + i) % 5);
      return [{ type: 'paragraph', content: [{ text: Array.from({ length: count }, (_, k) => SENTENCES[(s * 7 + i * 3 + k) % SENTENCES.length]).join(' ') }] }];
    }).flat(),
  }));
  return sodermalmStatement({ sections: [...sodermalmStatement().sections, ...sections] });
}

/** A demo statement (src/demo, the seeds' facts in our words) as a document model, without the database. */
export function demoStatementModel(demo: DemoStatement): StatementDocumentModel {
  return {
    administration: { name: demo.header.administration, registerKey: null, department: demo.header.department },
    officer: demo.header.officer,
    to: demo.header.to,
    date: demo.header.date,
    caseNumber: demo.header.ownCaseNumber,
    remissCaseNumber: demo.header.remissCaseNumber,
    title: demo.header.title,
    subtitle: demo.header.subtitle,
    stance: demo.stance,
    sections: demo.sections.map((s) => ({ heading: s.heading, body: s.body, stance: s.stance ?? null })),
    signatories: demo.signatories,
    enclosures: demo.enclosures,
    approvals: demo.approvals.map((a) => ({ name: a.name, title: a.title, date: a.date })),
    consultation: { caseNumber: demo.caseNumber, title: demo.header.title, sender: 'Kommunstyrelsen' },
    lastModified: null,
  };
}

/**
 * The text a reader should find, in order: title, headings, sub-headings, paragraphs and list items. A footnote
 * splits its paragraph in two, since its reference mark sits between the halves in the PDF.
 */
export function expectedTexts(model: StatementDocumentModel): string[] {
  const texts = [model.title];
  const runs = (content: Inline[]) => {
    let current = '';
    for (const inline of content) {
      if ('text' in inline) current += inline.text;
      else {
        texts.push(current);
        current = '';
      }
    }
    texts.push(current);
  };
  for (const section of model.sections) {
    texts.push(section.heading);
    for (const block of section.body) {
      if (block.type === 'paragraph') runs(block.content);
      else if (block.type === 'subheading') texts.push(block.text);
      else
        for (const item of block.items) {
          runs(item.content);
          for (const child of item.children?.items ?? []) runs(child.content);
        }
    }
  }
  return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
