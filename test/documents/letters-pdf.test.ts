import type { DocumentSpec } from '../../src/documents/document-model';
import { renderDocumentHtml, renderDocumentPdf } from '../../src/documents/render-document';
import { answerLetterModel, coverLetterModel } from './letter-fixtures';
import { assertArchivable, cleanUpPdfs, headingsOf, pageTexts, pdfinfo, pdftotext, savePdf, squash, tool } from './pdf-tools';

/*
 * The remissbrev and the "avstår / inga synpunkter" letter, checked with qpdf and poppler like the
 * tjänsteutlåtande: clean structure, tagged PDF/A-2a metadata, embedded fonts, and the facts a
 * recipient needs in the text (deadline in Swedish, the Dnr to cite, how to answer, the handlingar).
 */
afterAll(cleanUpPdfs);

const CREATED = new Date('2020-08-28T08:00:00Z');

const render = async (document: DocumentSpec, name: string) => savePdf(await renderDocumentPdf(document, { creationDate: CREATED }), name);

describe('the remissbrev', () => {
  let file: string;
  beforeAll(async () => {
    file = await render({ kind: 'cover-letter', model: coverLetterModel() }, 'cover-letter');
  });

  it('is a clean, tagged PDF/A-2a with the Dnr as subject', () => {
    assertArchivable(file, /^Title:\s+Remiss: Stockholms stads program mot våld i nära relationer 2021–2025$/m);
    expect(pdfinfo(file)).toMatch(/^Subject:\s+Dnr KS 2020\/924$/m);
    expect(pdfinfo(file)).toMatch(/^Author:\s+Stadsledningskontoret$/m);
  });

  it('says what is sent, by whom, to whom, the deadline in Swedish and the Dnr to cite', () => {
    const text = squash(pdftotext(file));
    expect(text).toContain('Kommunstyrelsen remitterar programmet till Södermalms stadsdelsnämnd för yttrande');
    expect(text).toContain('Dnr KS 2020/924');
    expect(text).toContain('senast den 2 december 2020');
    expect(text).toContain('anstånd från den 27 november 2020 till den 2 december 2020');
    expect(text).toContain('Nämnden sammanträder efter sista svarsdag.');
    expect(text).toMatch(/Remittent Kommunstyrelsen/);
    expect(text).toContain('Rut Diariesson');
  });

  it('tells how to answer, with e-mail as the fallback, lists the remisshandlingar and the contact', () => {
    const text = squash(pdftotext(file));
    expect(text).toContain('Svara i stadens remisstjänst');
    expect(text).toContain('med e-post till registrator.slk@stockholm.se');
    expect(text).toMatch(/1\. Remissversion program 2021–2025\.pdf – Programmet 2\. Sändlista KS 2020-924\.pdf/);
    expect(text).toContain('telefon 08-508 29 000');
  });

  it('has the letterhead with "Sida N (M)" on every page and, in the footer, the city\'s general line (the register has no sourced address for stadsledningskontoret)', () => {
    const pages = pageTexts(file, '-layout');
    pages.forEach((page, index) => {
      expect(page).toMatch(/Stockholms stad\s+Remiss/);
      expect(page).toContain('Dnr KS 2020/924');
      expect(page).toContain(`Sida ${index + 1} (${pages.length})`);
      expect(page).toContain('105 35 Stockholm');
      expect(page).not.toContain('Ragnar Östbergs plan 1');
    });
    expect(pages[0]).toMatch(/Registrator\s+Till/);
  });

  it('for information only: no deadline and no answering instructions', async () => {
    const model = coverLetterModel({ recipient: { name: 'Pensionärsrådet', role: 'for_information', required: false }, extension: null, registrator: null, replyEmail: null, attachments: [] });
    const text = squash(pdftotext(await render({ kind: 'cover-letter', model }, 'cover-info')));
    expect(text).toContain('för kännedom');
    expect(text).not.toContain('Sista svarsdag');
    expect(text).not.toContain('Så svarar ni');
    expect(text).toContain('Remissen har inga bifogade handlingar.');
    expect(text).toContain('registraturen vid Stadsledningskontoret');
  });

  it('before the remiss has a deadline, says so instead of printing one', async () => {
    const text = squash(pdftotext(await render({ kind: 'cover-letter', model: coverLetterModel({ dueDate: null, extension: null }) }, 'cover-nodate')));
    expect(text).toContain('Sista svarsdag bestäms när remissen skickas.');
    // Sent, and the deadline cleared since: it does not promise one is coming.
    const base = coverLetterModel();
    const sent = squash(pdftotext(await render({ kind: 'cover-letter', model: { ...base, dueDate: null, extension: null, recipient: { ...base.recipient, sent: true } } }, 'cover-sent-nodate')));
    expect(sent).toContain('Remissen har ingen sista svarsdag.');
    expect(sent).not.toContain('bestäms när remissen skickas');
  });

  it('escapes user text in the preview and renders the same bytes for the same date', async () => {
    const model = coverLetterModel({ consultation: { ...coverLetterModel().consultation, description: '<script>alert(1)</script> {{title}}' } });
    const html = renderDocumentHtml({ kind: 'cover-letter', model });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{title}}');
    const again = await renderDocumentPdf({ kind: 'cover-letter', model: coverLetterModel() }, { creationDate: CREATED });
    expect(again.equals(await renderDocumentPdf({ kind: 'cover-letter', model: coverLetterModel() }, { creationDate: CREATED }))).toBe(true);
  });
});

describe('the remissbrev of several remissinstanser in one PDF (for sending by post)', () => {
  const letters = [
    coverLetterModel(),
    coverLetterModel({ recipient: { name: 'Fryshuset', role: 'respond', required: false, kind: 'external' }, extension: null }),
    coverLetterModel({ recipient: { name: 'Pensionärsrådet', role: 'for_information', required: false }, extension: null }),
  ];
  let file: string;
  beforeAll(async () => {
    file = await render({ kind: 'cover-letters', model: { consultation: { caseNumber: 'KS 2020/924', title: letters[0].consultation.title }, administration: 'Stadsledningskontoret', letters } }, 'cover-letters');
  });

  it('is one clean, tagged PDF/A-2a, rendered in one pass', () => {
    assertArchivable(file, /^Title:\s+Remissbrev att skicka med post: Stockholms stads program mot våld/m);
    expect(pdfinfo(file)).toMatch(/^Subject:\s+Dnr KS 2020\/924$/m);
  });

  it('holds each letter as it is on its own: its own addressee, letterhead and page numbers', async () => {
    const alone = await Promise.all(letters.map((model, index) => render({ kind: 'cover-letter', model }, `alone-${index}`)));
    const aloneTexts = alone.map((one) => pageTexts(one, '-layout'));
    const pages = pageTexts(file, '-layout');
    expect(pages).toHaveLength(aloneTexts.reduce((sum, texts) => sum + texts.length, 0));
    // Page for page the same text as the letters rendered one by one.
    expect(pages).toEqual(aloneTexts.flat());
    const firstPages = aloneTexts.map((_, index) => aloneTexts.slice(0, index).reduce((sum, texts) => sum + texts.length, 0));
    expect(squash(pages[firstPages[1]])).toContain('till Fryshuset för yttrande');
    expect(squash(pages[firstPages[2]])).toContain('till pensionärsrådet för kännedom');
    for (const start of firstPages) expect(pages[start]).toContain(`Sida 1 (`);
  });

  it('has a bookmark per letter, named after its addressee', () => {
    const outline = tool('qpdf', ['--json', '--json-key=outlines', file]);
    const titles = [...outline.matchAll(/"title": "([^"]+)"/g)].map((m) => m[1]);
    expect(titles).toEqual(['Södermalms stadsdelsnämnd', 'Fryshuset', 'Pensionärsrådet']);
  });
});

describe('the answer letter', () => {
  it('of one that avstår: a clean PDF/A-2a with the stance, the reason and who answered', async () => {
    const file = await render({ kind: 'answer-letter', model: answerLetterModel() }, 'declined');
    assertArchivable(file, /^Title:\s+Svar på remiss: Stockholms stads program/m);
    expect(pdfinfo(file)).toMatch(/^Author:\s+Farsta stadsdelsnämnd$/m);
    expect(pdfinfo(file)).toMatch(/^Keywords:\s+Remissvar, Avstår, KS 2020\/924, Kommunstyrelsen$/m);
    const text = squash(pdftotext(file));
    expect(text).toContain('Ställningstagande: Avstår');
    expect(text).toContain('Farsta stadsdelsnämnd avstår från att yttra sig över remissen.');
    expect(text).toContain('Skäl Nämnden har under perioden inte möjlighet att bereda ärendet');
    expect(text).toContain('Svar på remiss från kommunstyrelsen, Dnr KS 2020/924');
    expect(text).toContain('20 november 2020');
    expect(text).toContain('Frågor om svaret besvaras av Bo Ärlig, Utredare, Farsta stadsdelsförvaltning, telefon 08-508 18 000, e-post bo.arlig@stockholm.se.');
    expect(pageTexts(file, '-layout')[0]).toMatch(/Kontaktperson\s+Till/);
  });

  it('of one with inga synpunkter, without a known officer', async () => {
    const file = await render({ kind: 'answer-letter', model: answerLetterModel({ answer: 'no_comments', reason: null, officer: null }) }, 'no-comments');
    assertArchivable(file, /^Title:\s+Svar på remiss/m);
    const text = squash(pdftotext(file));
    expect(text).toContain('Ställningstagande: Inga synpunkter');
    expect(text).toContain('har tagit del av remissen och har inga synpunkter på förslaget');
    expect(text).not.toContain('Skäl');
    expect(text).not.toContain('Handläggare');
    expect(text).toContain('Frågor om svaret besvaras av registraturen vid Farsta stadsdelsförvaltning.');
  });

  it('of one with inga synpunkter and a motivering: the motivering under its own heading, after the answer', async () => {
    const reason = 'Förslaget berör inte nämndens verksamhetsområde.';
    const file = await render({ kind: 'answer-letter', model: answerLetterModel({ answer: 'no_comments', reason }) }, 'no-comments-motivering');
    assertArchivable(file, /^Title:\s+Svar på remiss/m);
    expect(pdfinfo(file)).toMatch(/^Keywords:\s+Remissvar, Inga synpunkter, KS 2020\/924, Kommunstyrelsen$/m);
    const text = squash(pdftotext(file));
    expect(text).toContain(`Farsta stadsdelsnämnd har tagit del av remissen och har inga synpunkter på förslaget. Motivering ${reason} Detta är nämndens svar`);
    expect(text).not.toContain('Skäl');
    // A heading of its own in the tagged structure, as the skäl of one that avstår.
    expect(headingsOf(file)).toEqual([['H1', expect.stringContaining('Stockholms stads program')], ['H2', 'Motivering'], ['H2', 'Kontakt']]);
  });
});
