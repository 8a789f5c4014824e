import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Consultation } from '../src/consultations/consultation.entity';
import { addRecipient, createConsultation } from './support/factories';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { fixtures, multipart, type FilePart } from './support/upload-fixtures';

const MAX_BYTES = 200_000;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let t: TestApp;
let sandbox: string;
let storageDir: string;
let registrator: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  // The store gets a folder inside a sandbox: anything written beside it would show up there.
  sandbox = await mkdtemp(join(tmpdir(), 'remiss-attachments-'));
  storageDir = join(sandbox, 'files');
  t = await startTestApp({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES), STORAGE_DIR: storageDir });
  registrator = bearer(await t.login('registrator'));
  admin = bearer(await t.login('admin'));
});
afterAll(async () => {
  await t.close();
  await rm(sandbox, { recursive: true, force: true });
});

const base = (consultationId: string) => `/api/consultations/${consultationId}/attachments`;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const upload = (consultationId: string, file: FilePart | null, fields: Record<string, string> = {}, auth = registrator) => {
  const { body, contentType } = multipart(file, fields);
  return request(t.app).post(base(consultationId)).set(auth).set('content-type', contentType).send(body);
};
const download = (path: string, auth: Record<string, string>) =>
  request(t.app)
    .get(`${path}/content`)
    .set(auth)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
/** Every file under the storage folder, relative to it. */
const storedFiles = async () => {
  await mkdir(storageDir, { recursive: true });
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(storageDir.length + 1)).sort();
};
const rowCount = async (consultationId: string) =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM attachments WHERE consultation_id = $1', [consultationId]))[0].n as number;
const setStatus = (id: string, status: Consultation['status']) => t.dataSource.getRepository(Consultation).update(id, { status });

describe('upload, list and download', () => {
  it('round-trips a PDF byte for byte, with its sha-256, description and uploader', async () => {
    const remiss = await createConsultation(t.dataSource);
    const pdf = fixtures.pdf();
    const res = await upload(remiss.id, { name: 'Remiss program.pdf', data: pdf, type: 'application/pdf' }, { description: 'Förslag till program' });
    expect(res.status).toBe(201);
    const [registratorUser] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'registrator'`);
    expect(res.body).toEqual({
      id: expect.any(String),
      fileName: 'Remiss program.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      description: 'Förslag till program',
      uploadedAt: expect.any(String),
      uploadedBy: registratorUser.id,
      // Remisshandlingar are never a response's answer document.
      answerDocument: false,
    });
    expect(res.headers.location).toBe(`${base(remiss.id)}/${res.body.id}`);

    const list = await request(t.app).get(base(remiss.id)).set(registrator);
    expect(list.body).toEqual({ items: [res.body], total: 1, limit: 50, offset: 0 });
    expect((await request(t.app).get(res.headers.location).set(registrator)).body).toEqual(res.body);

    const file = await download(res.headers.location, registrator);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, pdf)).toBe(0);
    expect(sha256(file.body)).toBe(res.body.sha256);
    expect(file.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'x-content-type-options': 'nosniff',
      etag: `"${sha256(pdf)}"`,
      'repr-digest': `sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`,
      'content-disposition': `attachment; filename="Remiss program.pdf"; filename*=UTF-8''Remiss%20program.pdf`,
    });
    const again = await request(t.app).get(`${res.headers.location}/content`).set(registrator).set('if-none-match', file.headers.etag);
    expect(again.status).toBe(304);
  });

  it.each([
    ['docx', 'Yttrande.docx', fixtures.docx(), DOCX],
    ['xlsx', 'Remisslista.xlsx', fixtures.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['odt', 'Yttrande.odt', fixtures.odt(), 'application/vnd.oasis.opendocument.text'],
    ['text', 'Anteckningar.txt', fixtures.text(), 'text/plain; charset=utf-8'],
  ])('accepts %s and stores the detected content type, not the declared one', async (_kind, name, data, detected) => {
    const remiss = await createConsultation(t.dataSource);
    const res = await upload(remiss.id, { name, data, type: 'application/octet-stream' });
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe(detected);
    const file = await download(res.headers.location, registrator);
    expect(Buffer.compare(file.body, data)).toBe(0);
    expect(file.headers['content-type']).toBe(detected);
  });

  it('offers a Swedish name with spaces and quotes safely in Content-Disposition', async () => {
    const remiss = await createConsultation(t.dataSource);
    const name = 'Remiss "Framtidens äldreomsorg" – bilaga 1.docx';
    const res = await upload(remiss.id, { name, data: fixtures.docx(), type: DOCX });
    expect(res.body.fileName).toBe(name);
    const disposition: string = (await download(res.headers.location, registrator)).headers['content-disposition'];
    expect(disposition).toMatch(/^[\x20-\x7e]+$/);
    // The ASCII fallback drops diacritics and replaces what could break the header.
    expect(disposition).toMatch(/^attachment; filename="Remiss _Framtidens aldreomsorg_ _ bilaga 1\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(name);
  });

  it('keeps a traversal name only as cleaned display text and writes nowhere but the store', async () => {
    const remiss = await createConsultation(t.dataSource);
    for (const [raw, cleaned] of [
      ['../../etc/passwd.txt', 'passwd.txt'],
      ['..\\..\\Windows\\win.txt', 'win.txt'],
      ['..%2F..%2Fetc%2Fshadow.txt', '%2F..%2Fetc%2Fshadow.txt'],
    ]) {
      const res = await upload(remiss.id, { name: raw, data: fixtures.text(), type: 'text/plain' });
      expect({ raw, status: res.status, fileName: res.body.fileName }).toEqual({ raw, status: 201, fileName: cleaned });
    }
    expect(await readdir(sandbox)).toEqual(['files']);
    expect((await storedFiles()).every((path) => /^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(path))).toBe(true);
    expect(existsSync('/etc/passwd.txt')).toBe(false);
  });

  it('answers 404 for an attachment asked for under another remiss, and 400 without a file part', async () => {
    const [first, second] = [await createConsultation(t.dataSource), await createConsultation(t.dataSource)];
    const res = await upload(first.id, { name: 'a.pdf', data: fixtures.pdf() });
    expect((await request(t.app).get(`${base(second.id)}/${res.body.id}`).set(registrator)).status).toBe(404);
    expect((await download(`${base(second.id)}/${res.body.id}`, registrator)).status).toBe(404);
    const missing = await upload(first.id, null, { description: 'ingen fil' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'body.file', message: 'is required' }]);
    const json = await request(t.app).post(base(first.id)).set(registrator).send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('malformed forms', () => {
  it('answer 400 problems naming the field, and store nothing', async () => {
    const remiss = await createConsultation(t.dataSource);
    const pdf = { name: 'a.pdf', data: fixtures.pdf() };
    const send = (body: Buffer | string, contentType: string) => request(t.app).post(base(remiss.id)).set(registrator).set('content-type', contentType).send(body);
    const misnamed = multipart(pdf, {}, 'fil');
    const cases: Array<[string, request.Response, string]> = [
      ['wrong part name', await send(misnamed.body, misnamed.contentType), 'body.fil'],
      ['long description', await upload(remiss.id, pdf, { description: 'x'.repeat(501) }), 'body.description'],
      ['unknown field', await upload(remiss.id, pdf, { kategori: 'x' }), 'body'],
      ['no boundary', await send('--x\r\n', 'multipart/form-data'), ''],
    ];
    const { body, contentType } = multipart(pdf);
    cases.push(['cut-off body', await send(body.subarray(0, body.length - 40), contentType), '']);
    for (const [what, res, path] of cases) {
      expect({ what, status: res.status, type: res.headers['content-type'] }).toEqual({ what, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      if (path) expect({ what, paths: res.body.errors.map((e: { path: string }) => e.path) }).toEqual({ what, paths: [expect.stringContaining(path)] });
    }
    expect(await rowCount(remiss.id)).toBe(0);
    expect((await storedFiles()).filter((path) => path.startsWith('.incoming'))).toEqual([]);
  });
});

describe('refused uploads store nothing', () => {
  const expectRefused = async (consultationId: string, file: FilePart, status: number) => {
    const filesBefore = await storedFiles();
    const res = await upload(consultationId, file);
    expect({ name: file.name, status: res.status }).toEqual({ name: file.name, status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await rowCount(consultationId)).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);
    return res;
  };

  it('413 when Content-Length announces too much, before the body is read', async () => {
    const remiss = await createConsultation(t.dataSource);
    const res = await expectRefused(remiss.id, { name: 'stor.pdf', data: Buffer.concat([fixtures.pdf(), Buffer.alloc(3 * MAX_BYTES)]) }, 413);
    expect(res.body.detail).toContain(String(MAX_BYTES));
  });

  it('413 arrives while the client is still sending: the rest of the body is never waited for', async () => {
    const remiss = await createConsultation(t.dataSource);
    const server = t.app.listen(0);
    const { body, contentType } = multipart({ name: 'enorm.pdf', data: Buffer.alloc(64 * 1024) });
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({
        port: (server.address() as AddressInfo).port,
        method: 'POST',
        path: base(remiss.id),
        headers: { ...registrator, 'content-type': contentType, 'content-length': String(2 * 1024 ** 3) },
      });
      req.on('response', resolve).on('error', reject);
      req.write(body.subarray(0, 16 * 1024)); // and never the remaining 2 GB
    });
    expect(answer.statusCode).toBe(413);
    expect(answer.headers).toMatchObject({ connection: 'close', 'content-type': expect.stringMatching(/^application\/problem\+json/) });
    answer.destroy();
    server.close();
    expect(await rowCount(remiss.id)).toBe(0);
  });

  it('413 when the file passes the limit mid-stream, with the partial file removed', async () => {
    const remiss = await createConsultation(t.dataSource);
    await expectRefused(remiss.id, { name: 'lite-for-stor.pdf', data: Buffer.concat([fixtures.pdf(), Buffer.alloc(MAX_BYTES)]) }, 413);
    const exactly = Buffer.concat([fixtures.pdf(), Buffer.alloc(MAX_BYTES - fixtures.pdf().length)]);
    expect((await upload(remiss.id, { name: 'precis.pdf', data: exactly })).status).toBe(201);
  });

  it('415 for a renamed executable, HTML as text, a zip bomb and content that does not match its name', async () => {
    const remiss = await createConsultation(t.dataSource);
    const exe = await expectRefused(remiss.id, { name: 'faktura.pdf', data: fixtures.exe(), type: 'application/pdf' }, 415);
    expect(exe.body.detail).toMatch(/executable/);
    await expectRefused(remiss.id, { name: 'readme.txt', data: fixtures.html(), type: 'text/plain' }, 415);
    const bomb = await expectRefused(remiss.id, { name: 'bomb.docx', data: fixtures.zipBomb(), type: DOCX }, 415);
    expect(bomb.body.detail).toMatch(/zip bomb/);
    await expectRefused(remiss.id, { name: 'tabell.xlsx', data: fixtures.docx() }, 415);
    await expectRefused(remiss.id, { name: 'text.odt', data: fixtures.odt('application/vnd.oasis.opendocument.spreadsheet') }, 415);
    await expectRefused(remiss.id, { name: 'brev.docx', data: fixtures.pdf() }, 415);
    await expectRefused(remiss.id, { name: 'latin1.txt', data: Buffer.from('R\xe4ksm\xf6rg\xe5s', 'latin1') }, 415);
    await expectRefused(remiss.id, { name: 'setup.exe', data: fixtures.pdf() }, 415);
    await expectRefused(remiss.id, { name: 'sida.txt', data: fixtures.text(), type: 'text/html' }, 415);
  });
});

describe('who may do what', () => {
  it('lets a recipient handläggare download once the remiss is open, but never upload; hides it from others', async () => {
    const remiss = await createConsultation(t.dataSource);
    await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm');
    const res = await upload(remiss.id, { name: 'Remiss.pdf', data: fixtures.pdf() });
    const sodermalm = bearer(await t.login('handlaggare.sodermalm'));
    const ostermalm = bearer(await t.login('handlaggare.ostermalm'));
    expect((await request(t.app).get(base(remiss.id)).set(sodermalm)).status).toBe(404); // still a draft

    await setStatus(remiss.id, 'open');
    expect((await request(t.app).get(base(remiss.id)).set(sodermalm)).body.total).toBe(1);
    const file = await download(res.headers.location, sodermalm);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, fixtures.pdf())).toBe(0);
    expect((await upload(remiss.id, { name: 'Eget.pdf', data: fixtures.pdf() }, {}, sodermalm)).status).toBe(403);
    expect((await request(t.app).delete(res.headers.location).set(sodermalm)).status).toBe(403);

    expect((await request(t.app).get(base(remiss.id)).set(ostermalm)).status).toBe(404);
    expect((await request(t.app).get(res.headers.location).set(ostermalm)).status).toBe(404);
    expect((await download(res.headers.location, ostermalm)).status).toBe(404);
  });

  it('refuses uploads to a cancelled remiss with 409', async () => {
    const remiss = await createConsultation(t.dataSource, { status: 'cancelled' });
    const res = await upload(remiss.id, { name: 'Sen.pdf', data: fixtures.pdf() });
    expect(res.status).toBe(409);
    expect(await rowCount(remiss.id)).toBe(0);
  });

  it('deletes only while the remiss is a draft, removing the file, and audits both mutations', async () => {
    const remiss = await createConsultation(t.dataSource);
    const kept = await upload(remiss.id, { name: 'Behålls.pdf', data: fixtures.pdf() });
    const removed = await upload(remiss.id, { name: 'Tas bort.txt', data: fixtures.text() });
    const [{ storage_key: key }] = await t.dataSource.query('SELECT storage_key FROM attachments WHERE id = $1', [removed.body.id]);
    expect(existsSync(join(storageDir, key))).toBe(true);

    expect((await request(t.app).delete(removed.headers.location).set(registrator)).status).toBe(204);
    expect(existsSync(join(storageDir, key))).toBe(false);
    expect((await request(t.app).get(removed.headers.location).set(registrator)).status).toBe(404);

    await setStatus(remiss.id, 'open');
    const refused = await request(t.app).delete(kept.headers.location).set(registrator);
    expect(refused.status).toBe(409);
    expect((await request(t.app).get(kept.headers.location).set(registrator)).status).toBe(200);

    const audit = async (entityId: string) => (await request(t.app).get(`/api/audit?entityType=attachment&entityId=${entityId}`).set(admin)).body.items;
    expect(await audit(kept.body.id)).toEqual([expect.objectContaining({ action: 'attachment.uploaded', actorUsername: 'registrator', after: kept.body })]);
    expect((await audit(removed.body.id)).map((e: { action: string }) => e.action)).toEqual(['attachment.deleted', 'attachment.uploaded']);
  });
});
