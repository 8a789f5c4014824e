import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanFileName } from '../src/attachments/file-name';
import { checkFileType } from '../src/attachments/file-type-check';
import { ARCHIVE_LIMITS } from '../src/attachments/zip-inspection';
import { HttpProblem } from '../src/http/problem';
import { fixtures } from './support/upload-fixtures';
import { buildZip, type ZipEntryInput } from './support/zip-writer';

describe('cleanFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\x', 'x'],
    ['C:\\Users\\rut\\Remiss KS 2020-924.pdf', 'Remiss KS 2020-924.pdf'],
    ['..', 'bilaga'],
    ['   ', 'bilaga'],
    ['.htaccess', 'htaccess'],
    ['rapport.pdf. . ', 'rapport.pdf'],
    ['a\u0000b\u0007c\td.txt', 'abc d.txt'],
    ['två \u0007 ord.txt', 'två ord.txt'],
    ['faktura\u202Efdp.exe', 'fakturafdp.exe'],
    ['Yttrande  från\nÖstermalm – "slutlig".docx', 'Yttrande från Östermalm – "slutlig".docx'],
    ['A\u030Arsredovisning.pdf', 'Årsredovisning.pdf'],
  ])('%j → %j', (raw, cleaned) => {
    expect(cleanFileName(raw)).toBe(cleaned);
  });

  it('keeps at most 255 characters, cutting the base name so the extension survives', () => {
    const cleaned = cleanFileName(`${'ö'.repeat(300)}.docx`);
    expect(Array.from(cleaned)).toHaveLength(255);
    expect(cleaned.endsWith('ööö.docx')).toBe(true);
    expect(Array.from(cleanFileName('😀'.repeat(300)))).toHaveLength(255);
  });
});

describe('checkFileType on archives', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'remiss-zip-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const docxWith = (extra: ZipEntryInput[]) => buildZip([...extra, { name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
  const check = async (data: Buffer, fileName = 'test.docx', limits = ARCHIVE_LIMITS) => {
    const path = join(dir, `${Math.random()}.bin`);
    await writeFile(path, data);
    return checkFileType(path, { fileName, mimeType: '' }, limits);
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProblem);
    return error as HttpProblem;
  };

  it('accepts the minimal documents', async () => {
    await expect(check(fixtures.docx())).resolves.toMatchObject({ kind: 'docx' });
    await expect(check(fixtures.xlsx(), 'a.xlsx')).resolves.toMatchObject({ kind: 'xlsx' });
    await expect(check(fixtures.odt(), 'a.odt')).resolves.toMatchObject({ kind: 'odt' });
  });

  it('refuses more than 2,000 entries', async () => {
    const many = Array.from({ length: 2_001 }, (_, i) => ({ name: `word/media/${i}.xml`, data: 'x' }));
    expect((await refusal(check(docxWith(many)))).detail).toMatch(/2003 entries, more than 2000/);
  });

  it('refuses entries that point outside the archive', async () => {
    for (const name of ['../../evil.sh', 'word/../../evil.sh', '/etc/cron.d/evil', 'C:/evil.bat', 'word\\..\\..\\evil.bat']) {
      const problem = await refusal(check(docxWith([{ name, data: 'x' }])));
      expect({ name, status: problem.status, detail: problem.detail }).toEqual({ name, status: 415, detail: expect.stringMatching(/not safe|outside/) });
    }
  });

  it('refuses a total uncompressed size above the limit and a per-entry ratio above 100:1', async () => {
    const total = await refusal(check(docxWith([{ name: 'word/media/big.bin', data: Buffer.alloc(5_000), store: true }]), 'a.docx', { ...ARCHIVE_LIMITS, maxTotalUncompressedBytes: 4_000 }));
    expect(total.detail).toMatch(/unpacks to more than 4000 bytes/);
    expect((await refusal(check(fixtures.zipBomb()))).detail).toMatch(/compressed \d+:1/);
  });

  it('refuses an entry that unpacks to more than its declared size (a bomb that lies about its sizes)', async () => {
    // 20 MB of zeros deflate to about 20 kB; the headers claim 1,000 bytes, so no ratio or total check sees it.
    const liar = docxWith([{ name: 'word/media/image1.png', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1_000 }]);
    expect(liar.length).toBeLessThan(100_000);
    expect((await refusal(check(liar))).detail).toMatch(/does not unpack to the size the archive declares/);
  });

  it('refuses macros, a damaged archive, and a zip that is not the declared document', async () => {
    expect((await refusal(check(docxWith([{ name: 'word/vbaProject.bin', data: 'x' }])))).detail).toMatch(/macros/);
    expect((await refusal(check(fixtures.docx().subarray(0, 200)))).detail).toMatch(/not a readable ZIP/);
    expect((await refusal(check(fixtures.xlsx()))).detail).toMatch(/lacks word\/document\.xml/);
    expect((await refusal(check(fixtures.docx(), 'a.odt'))).detail).toMatch(/ODF/);
  });
});
