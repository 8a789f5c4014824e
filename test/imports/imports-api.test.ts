import { readdirSync } from 'node:fs';
import request from 'supertest';
import type { FilePart } from '../support/upload-fixtures';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { sodermalmDraft, uploadImport } from './import-requests';
import { INVENTED_STATEMENT } from './invented-statement';

/*
 * POST /api/responses/{id}/imports (issue 16): a file becomes a proposal beside its source; OCR
 * repairs are listed and can be undone; nothing is the statement until it is accepted with
 * If-Match; a file the import cannot read is refused and nothing is stored.
 */
let t: TestApp;
const auth: Record<string, Record<string, string>> = {};
const as = (who: string) => auth[who];

// The invented statement with OCR damage of the kind seeds 000 and 002 show: non-words only.
const DAMAGED = INVENTED_STATEMENT.replace('besök har ökat varje år', 'besök har 6kat varje år').replace('Förvaltningen föreslår att uppföljningen', 'Forvaltningen föreslår att uppföljningen');

const draftResponse = (started = true) => sodermalmDraft(t, as('handlaggare.sodermalm'), started);
const upload = (responseId: string, file: FilePart, who = 'handlaggare.sodermalm') => uploadImport(t, responseId, file, as(who));

const textFile = (text: string, name = 'utlatande.txt'): FilePart => ({ name, data: Buffer.from(text, 'utf8'), type: 'text/plain' });
const importRows = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM statement_imports'))[0].n);
/** Files in the store (not the spool of uploads in progress). */
const storedFiles = () =>
  readdirSync(t.config.storageDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && !entry.parentPath.includes('.incoming') && !entry.name.startsWith('.')).length;

beforeAll(async () => {
  t = await startTestApp();
  for (const who of ['admin', 'reader', 'handlaggare.sodermalm', 'attestant.sodermalm', 'handlaggare.norrainnerstaden']) auth[who] = bearer(await t.login(who));
});
afterAll(() => t.close());

it('a text file: the proposal, its repairs, one undone, accepted with If-Match as the draft, the file kept as a bilaga', async () => {
  const id = await draftResponse();
  const created = await upload(id, textFile(DAMAGED));
  expect(created.status).toBe(201);
  expect(created.headers.location).toBe(`/api/responses/${id}/imports/${created.body.id}`);
  expect(created.body).toMatchObject({ status: 'ready', format: 'text', fileName: 'utlatande.txt' });
  const proposal = created.body.proposal;
  expect(proposal.sections.map((s: { key: string }) => s.key)).toEqual(['forslag-till-beslut', 'sammanfattning', 'arendet', 'egen-ekonomiska-konsekvenser', 'forvaltningens-synpunkter']);
  expect(proposal.header.remissCaseNumber.value).toBe('KS 2024/118');
  const repairs: Array<{ id: number; from: string; to: string; line: number; undone: boolean }> = created.body.repairs;
  expect(repairs.map((r) => [r.from, r.to, r.line])).toEqual(expect.arrayContaining([['6kat', 'ökat', 40], ['Forvaltningen', 'Förvaltningen', 48]]));
  const sectionText = (body: { proposal: { sections: Array<{ key: string; body: unknown }> } }, key: string) => JSON.stringify(body.proposal.sections.find((s) => s.key === key)!.body);
  expect(sectionText(created.body, 'arendet')).toContain('besök har ökat varje år');
  // A repaired section is one to look at.
  expect(proposal.sections.find((s: { key: string }) => s.key === 'arendet').confidence).toBe('low');

  // Undo one: the proposal is read again with the word as the file has it.
  const ocr = repairs.find((r) => r.from === '6kat')!;
  const undone = await request(t.app).put(`/api/responses/${id}/imports/${created.body.id}/repairs/${ocr.id}`).set(as('handlaggare.sodermalm')).send({ undone: true });
  expect(undone.status).toBe(200);
  expect(undone.body.repairs.find((r: { id: number }) => r.id === ocr.id).undone).toBe(true);
  expect(sectionText(undone.body, 'arendet')).toContain('besök har 6kat varje år');
  expect(sectionText(undone.body, 'forvaltningens-synpunkter')).toContain('Förvaltningen föreslår');

  // Nothing is the statement yet.
  const before = await request(t.app).get(`/api/responses/${id}/statement`).set(as('handlaggare.sodermalm'));
  expect(before.body.sections.map((s: { key: string }) => s.key)).not.toContain('egen-ekonomiska-konsekvenser');

  const stale = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', '"v999"').send({ keepFile: true });
  expect(stale.status).toBe(412);
  const accepted = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', before.headers.etag).send({ keepFile: true });
  expect(accepted.status).toBe(200);
  expect(accepted.body.sections.map((s: { key: string }) => s.key)).toEqual(['forslag-till-beslut', 'sammanfattning', 'arendet', 'egen-ekonomiska-konsekvenser', 'forvaltningens-synpunkter']);
  expect(accepted.body.header).toMatchObject({ date: '2024-03-14', ownCaseNumber: 'KUN 2024/311', officer: { name: 'Petra Lindqvist' }, to: 'Kungsholmens stadsdelsnämnd' });
  // The file answers KS 2024/118; the draft stays the answer to its own remiss.
  expect(proposal.header.remissCaseNumber.value).toBe('KS 2024/118');
  expect(accepted.body.header.remissCaseNumber).toBe(before.body.header.remissCaseNumber);
  expect(accepted.body.signatories).toEqual([{ name: 'Olof Berg', title: 'Stadsdelsdirektör' }, { name: 'Petra Lindqvist', title: 'Avdelningschef' }]);
  expect(JSON.stringify(accepted.body.sections[2].body)).toContain('besök har 6kat varje år');

  const files = await request(t.app).get(`/api/responses/${id}/attachments`).set(as('handlaggare.sodermalm'));
  expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['utlatande.txt']);
  const again = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', accepted.headers.etag).send({});
  expect(again.status).toBe(409);
  // One revision more than before: the import is one save.
  const revisions = await request(t.app).get(`/api/responses/${id}/revisions`).set(as('handlaggare.sodermalm'));
  expect(revisions.body.total).toBe(2);
  const audit = await request(t.app).get(`/api/audit?entityType=statement_import&entityId=${created.body.id}`).set(as('admin'));
  expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['import.accepted', 'import.created', 'import.repair_undone']);
});

it('accepting an edited statement saves the edit; a discarded import is gone with its file', async () => {
  const id = await draftResponse();
  const created = await upload(id, textFile(INVENTED_STATEMENT));
  const proposalKeys = created.body.proposal.sections.map((s: { key: string }) => s.key);
  expect(proposalKeys).toContain('forvaltningens-synpunkter');
  const current = await request(t.app).get(`/api/responses/${id}/statement`).set(as('handlaggare.sodermalm'));
  const edited = {
    header: { ...current.body.header, title: 'Svar om parklekarna' },
    signatories: [],
    enclosures: [],
    stance: 'tillstyrker',
    sections: [
      { key: 'forslag-till-beslut', body: [{ type: 'paragraph', content: [{ text: 'Nämnden tillstyrker.' }] }] },
      { key: 'sammanfattning', body: [{ type: 'paragraph', content: [{ text: 'Kort.' }] }] },
      { key: 'forvaltningens-synpunkter', body: [{ type: 'paragraph', content: [{ text: 'Bra plan.' }] }] },
    ],
  };
  const accepted = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', current.headers.etag).send({ keepFile: false, statement: edited });
  expect(accepted.status).toBe(200);
  expect(accepted.body.header.title).toBe('Svar om parklekarna');
  expect((await request(t.app).get(`/api/responses/${id}/attachments`).set(as('handlaggare.sodermalm'))).body.items).toEqual([]);

  const second = await upload(id, textFile(INVENTED_STATEMENT));
  const filesBefore = storedFiles();
  expect((await request(t.app).delete(`/api/responses/${id}/imports/${second.body.id}`).set(as('handlaggare.sodermalm'))).status).toBe(204);
  expect(storedFiles()).toBe(filesBefore - 1);
  expect((await request(t.app).get(`/api/responses/${id}/imports/${second.body.id}`).set(as('handlaggare.sodermalm'))).status).toBe(404);
});

it('a proposal changed since it was read (a repair undone elsewhere) is not accepted: 409, the draft untouched', async () => {
  const id = await draftResponse();
  const created = await upload(id, textFile(DAMAGED));
  const seen = created.body.version;
  const repair = created.body.repairs[0];
  expect((await request(t.app).put(`/api/responses/${id}/imports/${created.body.id}/repairs/${repair.id}`).set(as('handlaggare.sodermalm')).send({ undone: true })).status).toBe(200);
  const current = await request(t.app).get(`/api/responses/${id}/statement`).set(as('handlaggare.sodermalm'));
  const stale = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', current.headers.etag).send({ importVersion: seen });
  expect([stale.status, stale.body.type]).toEqual([409, expect.stringMatching(/import-changed$/)]);
  expect((await request(t.app).get(`/api/responses/${id}/statement`).set(as('handlaggare.sodermalm'))).headers.etag).toBe(current.headers.etag);
  const fresh = await request(t.app).post(`/api/responses/${id}/imports/${created.body.id}/accept`).set(as('handlaggare.sodermalm')).set('If-Match', current.headers.etag).send({ importVersion: seen + 1 });
  expect(fresh.status).toBe(200);
});

it('only the organisation’s handläggare imports, into a draft begun', async () => {
  const id = await draftResponse();
  expect((await upload(id, textFile(INVENTED_STATEMENT), 'handlaggare.norrainnerstaden')).status).toBe(404);
  expect((await upload(id, textFile(INVENTED_STATEMENT), 'attestant.sodermalm')).status).toBe(403);
  expect((await upload(id, textFile(INVENTED_STATEMENT), 'reader')).status).toBe(403);
  const created = await upload(id, textFile(INVENTED_STATEMENT));
  const other = as('handlaggare.norrainnerstaden');
  const base = `/api/responses/${id}/imports/${created.body.id}`;
  expect((await request(t.app).get(base).set(other)).status).toBe(404);
  expect((await request(t.app).put(`${base}/repairs/0`).set(other).send({ undone: true })).status).toBe(404);
  expect((await request(t.app).post(`${base}/accept`).set(other).set('If-Match', '*').send({})).status).toBe(404);
  expect((await request(t.app).delete(base).set(other)).status).toBe(404);
  expect((await request(t.app).get(base).set(as('attestant.sodermalm'))).status).toBe(403);
  const notStarted = await upload(await draftResponse(false), textFile(INVENTED_STATEMENT));
  expect(notStarted.status).toBe(409);
  expect(notStarted.body.type).toMatch(/draft-not-started$/);
});

it('a file the import cannot read is refused with the reason at the file, and nothing is stored', async () => {
  const id = await draftResponse();
  const rows = await importRows();
  const files = storedFiles();
  const program = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]);
  const refusals: Array<[FilePart, number]> = [
    [{ name: 'utlatande.docx', data: program }, 415],
    [{ name: 'utlatande.docx', data: Buffer.from('inte ett zip-arkiv alls') }, 415],
    [{ name: 'utlatande.pdf', data: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog') }, 422],
    [{ name: 'utlatande.xlsx', data: Buffer.from('PK\x03\x04', 'latin1') }, 415],
    [textFile(''), 400],
  ];
  for (const [file, status] of refusals) {
    const refused = await upload(id, file);
    expect([file.name, refused.status]).toEqual([file.name, status]);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  }
  const broken = await upload(id, { name: 'utlatande.pdf', data: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog') });
  expect(broken.body.errors[0]).toMatchObject({ path: 'body.file', message: expect.stringMatching(/[åäö]/) });
  expect(await importRows()).toBe(rows);
  expect(storedFiles()).toBe(files);
});
