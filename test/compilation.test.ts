import ExcelJS from 'exceljs';
import request from 'supertest';
import { Organisation } from '../src/organisations/organisation.entity';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { cleanUpPdfs, headingsOf, headingsUnder, pdfinfo, pdftotext, savePdf } from './documents/pdf-tools';

let t: TestApp;
let coordinator: Record<string, string>;
let ks924: string;
beforeAll(async () => {
  t = await startTestApp();
  coordinator = bearer(await t.login('coordinator'));
  ks924 = (await request(t.app).get('/api/consultations?q=KS 2020/924').set(bearer(await t.login('registrator')))).body.items[0].id;
});
afterAll(async () => {
  cleanUpPdfs();
  await t.close();
});

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the sammanställning of KS 2020/924', () => {
  it('gives the coordinator the matrix, the answers side by side, who is missing and the beredning paragraph', async () => {
    const res = await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(coordinator);
    expect(res.status).toBe(200);
    expect(res.body.matrix.length).toBeGreaterThan(40);
    expect(res.body.counts.byStatus.submitted).toBe(3);
    expect(res.body.counts.byStance.tillstyrker_med_andringar + res.body.counts.byStance.tillstyrker).toBe(3);
    const summary = res.body.sections.find((s: { key: string }) => s.key === 'sammanfattning');
    expect(summary.entries.map((e: { organisation: { name: string } }) => e.organisation.name)).toEqual(['Hässelby-Vällingby stadsdelsnämnd', 'Östermalms stadsdelsnämnd', 'Södermalms stadsdelsnämnd']);
    expect(res.body.beredning).toMatch(/^Ärendet har remitterats till Rinkeby-Kista stadsdelsnämnd, Spånga-Tensta stadsdelsnämnd, /);
    expect(res.body.beredning).toContain(', stadsledningskontoret, Stockholms Stadshus AB, ');
    // The city's bodies as common nouns mid-sentence; proper names keep their capital.
    expect(res.body.beredning).toContain(', miljö- och hälsoskyddsnämnden, servicenämnden, socialnämnden, ');
    expect(res.body.beredning).toContain(', kommunstyrelsens pensionärsråd, ');
    expect(res.body.beredning).toContain(', Fryshuset, ');
    expect(res.body.beredning).toMatch(/, Terrafem och Unizon\.$/);
    expect(res.body.summaries).toHaveLength(3);
    // Each answer's position: its stance and the first sentence of Förvaltningens synpunkter, not the Sammanfattning's background.
    const synpunkter = res.body.sections.find((s: { key: string }) => s.key === 'forvaltningens-synpunkter');
    for (const { organisation, line } of res.body.summaries as Array<{ organisation: string; line: string }>) {
      const row = res.body.matrix.find((r: { organisation: { name: string } }) => r.organisation.name === organisation);
      const own = synpunkter.entries.find((e: { organisation: { name: string } }) => e.organisation.name === organisation);
      expect(line).toMatch(new RegExp(`^${{ tillstyrker: 'Tillstyrker', tillstyrker_med_andringar: 'Tillstyrker med ändringar', avstyrker: 'Avstyrker' }[row.stance as string]}\\. `));
      expect(own.text.replace(/\s+/g, ' ').startsWith(line.slice(line.indexOf('. ') + 2))).toBe(true);
      const background = summary.entries.find((e: { organisation: { name: string } }) => e.organisation.name === organisation).text;
      expect(line).not.toContain(background.slice(0, 40));
    }
    expect(res.body.notAnswered).toContain('Farsta stadsdelsnämnd');
    expect(res.body.notAnswered).not.toContain('Södermalms stadsdelsnämnd');
  });

  it('exports CSV that Swedish Excel opens: BOM, semicolons, Swedish labels, å ä ö intact', async () => {
    const res = await request(t.app).get(`/api/consultations/${ks924}/compilation.csv`).set(coordinator).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Sammanstallning KS 2020_924.csv"; filename*=UTF-8''Sammanst%C3%A4llning%20KS%202020%2F924.csv`);
    const body: Buffer = res.body;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0].split(';')).toEqual(['Remissinstans', 'Typ', 'Roll', 'Status', 'Sista svarsdag', 'Anstånd', 'Svarsdatum', 'Försenat', 'Ställningstagande', 'Inkommet utanför systemet', 'Svaren i korthet']);
    expect(lines.find((line) => line.startsWith('Södermalms stadsdelsnämnd;'))).toMatch(/^Södermalms stadsdelsnämnd;Nämnd;Svar begärs;Besvarat;2020-12-02;Ja;2020-12-02;Nej;Tillstyrker;Nej;"?Tillstyrker\. /);
    // KS 2020/924 is closed: those who never answered have "Svar saknas", not a state of work.
    expect(lines.find((line) => line.startsWith('Farsta stadsdelsnämnd;'))).toMatch(/^Farsta stadsdelsnämnd;Nämnd;Svar begärs;Svar saknas;2020-11-27;/);
    expect(lines.some((line) => line.includes('Ej påbörjat'))).toBe(false);
    expect(lines.length).toBe((await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(coordinator)).body.matrix.length + 1);
  });

  it('exports XLSX that reads back: the matrix and one sheet per section', async () => {
    const res = await request(t.app).get(`/api/consultations/${ks924}/compilation.xlsx`).set(coordinator).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe('Svarsmatris');
    expect(names).toEqual(expect.arrayContaining(['Sammanfattning', 'Förslag till beslut']));
    const matrix = workbook.getWorksheet('Svarsmatris')!;
    expect(matrix.getRow(1).getCell(1).value).toBe('Remissinstans');
    const sodermalm = matrix.getRows(2, matrix.rowCount - 1)!.find((row) => row.getCell(1).value === 'Södermalms stadsdelsnämnd')!;
    // Dates are date cells (sortable, filterable), shown as ISO dates.
    expect(sodermalm.getCell(5).value).toEqual(new Date('2020-12-02T00:00:00Z'));
    expect(sodermalm.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(sodermalm.getCell(9).value).toBe('Tillstyrker');
    const summary = workbook.getWorksheet('Sammanfattning')!;
    expect(summary.rowCount).toBe(4);
    expect(String(summary.getRow(2).getCell(3).value).length).toBeGreaterThan(20);
  });

  it('shows Södermalm’s sub-headings of Ärendet: in the JSON body and text, in the Excel sheet, as H4 in the PDF', async () => {
    const SUBHEADINGS = ['Syfte med programmet', 'Programmets innehåll och struktur', 'Programmets mål', 'Ansvar och uppföljning'];
    const json = await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(coordinator);
    const arendet = json.body.sections.find((s: { key: string }) => s.key === 'arendet');
    const entry = arendet.entries.find((e: { organisation: { name: string } }) => e.organisation.name === 'Södermalms stadsdelsnämnd');
    expect(entry.body.filter((b: { type: string }) => b.type === 'subheading')).toEqual(SUBHEADINGS.map((text) => ({ type: 'subheading', text })));
    // The text: a line each, where they stand.
    const lines = (entry.text as string).split('\n');
    const at = SUBHEADINGS.map((heading) => lines.indexOf(heading));
    expect(at.every((index, i) => index > 0 && (i === 0 || index > at[i - 1]))).toBe(true);
    expect(lines[at[2] + 1]).toBe('Våldsförebyggande arbete i stadens verksamheter.');

    const xlsx = await request(t.app).get(`/api/consultations/${ks924}/compilation.xlsx`).set(coordinator).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('Ärendet')!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Södermalms stadsdelsnämnd')!;
    expect(String(row.getCell(3).value)).toBe(entry.text);

    const pdf = await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(coordinator).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const headings = headingsOf(savePdf(pdf.body, 'ks924-compilation'));
    const sodermalm = headingsUnder(headings, 'Södermalms stadsdelsnämnd', headings.findIndex(([type, text]) => type === 'H2' && text === 'Ärendet'));
    expect(sodermalm).toEqual([['H3', 'Södermalms stadsdelsnämnd'], ...SUBHEADINGS.map((text) => ['H4', text])]);
  });

  // [user, status for KS 2020/924 (socialförvaltningen coordinates), for KS 2023/553 (stadsledningskontoret does)]
  const ROLES: Array<[string, number, number]> = [
    ['admin', 200, 200],
    ['registrator', 200, 200],
    ['coordinator', 200, 403],
    // Refused by role before any remiss is looked up, so the answer says nothing about either.
    ['handlaggare.sodermalm', 403, 403],
    ['attestant.sodermalm', 403, 403],
    ['handlaggare.ostermalm', 403, 403],
    ['reader', 403, 403],
  ];
  it.each(ROLES)('%s: KS 2020/924 answers %p, another organisation’s remiss %p, in every format', async (username, own, other) => {
    const auth = bearer(await t.login(username));
    const registrator = bearer(await t.login('registrator'));
    const ks553 = (await request(t.app).get('/api/consultations?q=KS 2023/553').set(registrator)).body.items[0].id;
    for (const suffix of ['', '.csv', '.xlsx', '.pdf']) {
      expect([suffix, (await request(t.app).get(`/api/consultations/${ks924}/compilation${suffix}`).set(auth).buffer(true).parse(binary)).status]).toEqual([suffix, own]);
      expect([suffix, (await request(t.app).get(`/api/consultations/${ks553}/compilation${suffix}`).set(auth).buffer(true).parse(binary)).status]).toEqual([suffix, other]);
    }
  });
});

describe('Svaren i korthet: the coordinator’s line per answer', () => {
  const lineOf = async (organisation: string) =>
    ((await request(t.app).get(`/api/consultations/${ks924}/compilation`).set(coordinator)).body.summaries as Array<{ organisation: string; responseId: string; line: string; suggestion: string; written: unknown; version: number }>).find(
      (s) => s.organisation === organisation,
    )!;
  const save = (responseId: string, text: string, ifMatch?: string, auth = coordinator) => {
    const req = request(t.app).put(`/api/consultations/${ks924}/compilation/summaries/${responseId}`).set(auth);
    return (ifMatch ? req.set('If-Match', ifMatch) : req).send({ text });
  };

  it('starts from the suggestion; the written line replaces it in the JSON, CSV and PDF; stale and missing ETags are refused; audited', async () => {
    const before = await lineOf('Södermalms stadsdelsnämnd');
    expect(before).toMatchObject({ written: null, version: 0 });
    const modDate = async (name: string) => {
      const pdf = await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(coordinator).buffer(true).parse(binary);
      return /ModDate:\s*(.+)/.exec(pdfinfo(savePdf(pdf.body, name)))?.[1];
    };
    const datedBefore = await modDate('ks924-before-summary');
    expect(before.line).toBe(before.suggestion);
    const text = 'Södermalm tillstyrker och vill se mer stöd till barn som lever med våld i nära relationer.';
    expect((await save(before.responseId, text)).status).toBe(428);
    const saved = await save(before.responseId, text, '"v0"');
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"v1"');
    expect(saved.body).toMatchObject({ line: text, suggestion: before.suggestion, written: { by: 'Cecilia Samordnare' }, version: 1 });
    expect((await save(before.responseId, 'Gammal sida.', '"v0"')).status).toBe(412);
    expect((await lineOf('Södermalms stadsdelsnämnd')).line).toBe(text);

    const csv = await request(t.app).get(`/api/consultations/${ks924}/compilation.csv`).set(coordinator).buffer(true).parse(binary);
    expect((csv.body as Buffer).toString('utf8')).toContain(text);
    const pdf = await request(t.app).get(`/api/consultations/${ks924}/compilation.pdf`).set(coordinator).buffer(true).parse(binary);
    const printed = pdftotext(savePdf(pdf.body, 'ks924-summary')).replace(/\s+/g, ' ');
    expect(printed).toContain('Södermalm tillstyrker och vill se mer stöd till barn');
    expect(printed).not.toContain(before.suggestion.slice(0, 60));
    // The line is printed, so its edit dates the document.
    expect(await modDate('ks924-after-summary')).not.toBe(datedBefore);

    const audit = await request(t.app).get(`/api/audit?entityType=response&entityId=${before.responseId}&action=compilation.summary_saved`).set(bearer(await t.login('admin')));
    expect(audit.body.items[0]).toMatchObject({ before: { text: null }, after: { text } });
  });

  it('gives every answer a row: one that avstår has no suggestion and prints nothing until the coordinator writes its line', async () => {
    // The open demo remiss; a registrator compiles any remiss.
    const registrator = bearer(await t.login('registrator'));
    const [{ id: open }] = await t.dataSource.query(`SELECT id FROM consultations WHERE case_number LIKE 'KS %/1187'`);
    const compiled = async () => (await request(t.app).get(`/api/consultations/${open}/compilation`).set(registrator)).body.summaries as Array<{ organisation: string; responseId: string; line: string; suggestion: string | null }>;
    const skarholmen = (await compiled()).find((s) => s.organisation === 'Skärholmens stadsdelsnämnd')!;
    expect(skarholmen).toMatchObject({ line: '', suggestion: null });
    const saved = await request(t.app).put(`/api/consultations/${open}/compilation/summaries/${skarholmen.responseId}`).set(registrator).set('If-Match', '"v0"').send({ text: 'Avstår och hänvisar till socialnämndens svar.' });
    expect(saved.status).toBe(200);
    expect((await compiled()).find((s) => s.organisation === 'Skärholmens stadsdelsnämnd')!.line).toBe('Avstår och hänvisar till socialnämndens svar.');
    // Printed characters only: the line goes into the PDF.
    const refused = await request(t.app).put(`/api/consultations/${open}/compilation/summaries/${skarholmen.responseId}`).set(registrator).set('If-Match', '"v1"').send({ text: 'Avstår \u{1F937}' });
    expect([refused.status, refused.body.errors?.[0]?.path]).toEqual([400, 'body.text']);
  });

  it('is the coordinator’s: a handläggare gets 403; an answer of another remiss 404; an answer not given 409; an empty line 400', async () => {
    const sodermalm = await lineOf('Södermalms stadsdelsnämnd');
    expect((await save(sodermalm.responseId, 'Nej.', `"v${sodermalm.version}"`, bearer(await t.login('handlaggare.sodermalm')))).status).toBe(403);
    const other = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01' });
    const { response } = await addRecipient(t.dataSource, other.id, 'sdn-farsta', { sentAt: new Date('2026-10-01') });
    expect((await save(response.id, 'Fel remiss.', '"v0"')).status).toBe(404);
    const [farsta] = await t.dataSource.query(
      `SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN organisations o ON o.id = r.organisation_id WHERE r.consultation_id = $1 AND o.name = 'Farsta stadsdelsnämnd'`,
      [ks924],
    );
    expect((await save(farsta.id, 'Har inte svarat.', '"v0"')).status).toBe(409);
    expect((await save(sodermalm.responseId, '   ', `"v${sodermalm.version}"`)).status).toBe(400);
  });
});

describe('edge cases', () => {
  it('never shows draft text, even a draft shared with the coordinator', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28' });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    const handlaggare = bearer(await t.login('handlaggare.sodermalm'));
    await request(t.app).post(`/api/responses/${response.id}/transitions`).set(handlaggare).send({ action: 'start' });
    const etag = (await request(t.app).get(`/api/responses/${response.id}/statement/sections/sammanfattning`).set(handlaggare)).headers.etag;
    await request(t.app).put(`/api/responses/${response.id}/statement/sections/sammanfattning`).set(handlaggare).set('If-Match', etag).send({ body: [{ type: 'paragraph', content: [{ text: 'HEMLIGT UTKAST' }] }] });
    const current = await request(t.app).get(`/api/responses/${response.id}`).set(handlaggare);
    await request(t.app).patch(`/api/responses/${response.id}`).set(handlaggare).set('If-Match', current.headers.etag).send({ sharedWithCoordinator: true });
    const res = await request(t.app).get(`/api/consultations/${consultation.id}/compilation`).set(coordinator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sections: [], summaries: [], notAnswered: ['Södermalms stadsdelsnämnd'] });
    // Whoever asks, in whatever format: the draft is not in it (PDFs compress their text, so the JSON and exports stand for them).
    for (const username of ['admin', 'registrator', 'coordinator', 'handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.ostermalm', 'reader']) {
      const auth = bearer(await t.login(username));
      for (const suffix of ['', '.csv']) {
        const answer = await request(t.app).get(`/api/consultations/${consultation.id}/compilation${suffix}`).set(auth).buffer(true).parse(binary);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.toString('utf8')).not.toContain('HEMLIGT');
      }
    }
  });

  it('an answer recorded from paper is the answer: a statement begun before it stays the organisation’s draft', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', coordinatorId: (await t.dataSource.getRepository(Organisation).findOneByOrFail({ registerKey: 'socialforvaltningen' })).id });
    const { response } = await addRecipient(t.dataSource, consultation.id, 'sdn-sodermalm', { sentAt: new Date('2020-08-28') });
    const handlaggare = bearer(await t.login('handlaggare.sodermalm'));
    const registrator = bearer(await t.login('registrator'));
    await request(t.app).post(`/api/responses/${response.id}/transitions`).set(handlaggare).send({ action: 'start' });
    const etag = (await request(t.app).get(`/api/responses/${response.id}/statement/sections/sammanfattning`).set(handlaggare)).headers.etag;
    const saved = await request(t.app)
      .put(`/api/responses/${response.id}/statement/sections/sammanfattning`)
      .set(handlaggare)
      .set('If-Match', etag)
      .send({ body: [{ type: 'paragraph', content: [{ text: 'OVERGIVET UTKAST' }] }], stance: 'avstyrker' });
    expect(saved.status).toBe(200);
    const recorded = await request(t.app).post(`/api/responses/${response.id}/transitions`).set(registrator).send({ action: 'record_external', receivedDate: '2020-11-20', stance: 'tillstyrker' });
    expect(recorded.status).toBe(200);

    const compilation = await request(t.app).get(`/api/consultations/${consultation.id}/compilation`).set(coordinator);
    expect(JSON.stringify(compilation.body)).not.toContain('OVERGIVET');
    expect(compilation.body.sections).toEqual([]);
    expect(compilation.body.matrix[0]).toMatchObject({ status: 'submitted', stance: 'tillstyrker', receivedExternally: true });
    // The draft is not the answer anywhere else either; its organisation still has it.
    expect((await request(t.app).get(`/api/responses/${response.id}/statement`).set(coordinator)).status).toBe(404);
    expect((await request(t.app).get(`/api/responses/${response.id}/statement`).set(bearer(await t.login('reader')))).status).toBe(404);
    expect((await request(t.app).get(`/api/responses/${response.id}/statement`).set(handlaggare)).status).toBe(200);
    const pdf = await request(t.app).get(`/api/responses/${response.id}/pdf`).set(coordinator);
    expect(pdf.status).toBe(409);
    expect(pdf.body.detail).toMatch(/outside the system/);
  });

  it('a remiss without a deadline makes no one late: false, not unknown, in the compilation and on the status board', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28', dueDate: null });
    await addRecipient(t.dataSource, consultation.id, 'sdn-farsta', { sentAt: new Date('2020-08-28') });
    const res = await request(t.app).get(`/api/consultations/${consultation.id}/compilation`).set(coordinator);
    expect(res.body.matrix[0]).toMatchObject({ dueDate: null, late: false });
    const registrator = bearer(await t.login('registrator'));
    expect((await request(t.app).get(`/api/consultations/${consultation.id}/recipients?late=false`).set(registrator)).body.total).toBe(1);
    expect((await request(t.app).get(`/api/consultations/${consultation.id}/recipients?late=true`).set(registrator)).body.total).toBe(0);
  });

  it('compiles a remiss with 200 recipients and no answers', async () => {
    const consultation = await createConsultation(t.dataSource, { status: 'open', sentDate: '2020-08-28' });
    const organisations = await t.dataSource.getRepository(Organisation).save(Array.from({ length: 200 }, (_, i) => ({ name: `Förening nummer ${i + 1}`, kind: 'external' as const })));
    for (const [index, organisation] of organisations.entries()) {
      const { recipient } = await addRecipient(t.dataSource, consultation.id, 'unizon', { organisationId: organisation.id, position: index + 1, sentAt: new Date('2020-08-28') });
      expect(recipient.id).toBeTruthy();
    }
    const res = await request(t.app).get(`/api/consultations/${consultation.id}/compilation`).set(coordinator);
    expect(res.status).toBe(200);
    expect(res.body.matrix).toHaveLength(200);
    expect(res.body.notAnswered).toHaveLength(200);
    expect(res.body.beredning).toMatch(/^Ärendet har remitterats till Förening nummer 1, Förening nummer 2, .* och Förening nummer 200\.$/);
  });
});
