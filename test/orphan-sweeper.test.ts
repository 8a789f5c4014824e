import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Attachment } from '../src/attachments/attachment.entity';
import { LocalFileStore } from '../src/storage/local-file-store';
import { sweepOrphanedFiles, sweepSpool } from '../src/storage/orphan-sweeper';
import { createConsultation } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let root: string;
beforeAll(async () => {
  t = await startTestApp();
  root = await mkdtemp(join(tmpdir(), 'remiss-sweep-'));
});
afterAll(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

const DAY_MS = 24 * 3_600_000;
const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);

it('removes stored files no attachment refers to once they are a day old, and abandoned partial writes; keeps the rest', async () => {
  const store = new LocalFileStore(root);
  const put = async (text: string, old: boolean) => {
    const stored = await store.put(Readable.from([Buffer.from(text)]));
    if (old) await utimes(join(root, stored.key), twoDaysAgo, twoDaysAgo);
    return stored;
  };
  const recorded = await put('the remisshandling itself', true);
  const orphan = await put('bytes whose row never committed', true);
  const young = await put('an upload on its way to the commit', false);
  const consultation = await createConsultation(t.dataSource);
  await t.dataSource.getRepository(Attachment).insert({
    consultationId: consultation.id,
    fileName: 'Remiss.txt',
    contentType: 'text/plain',
    sizeBytes: String(recorded.size),
    sha256: recorded.sha256,
    storageKey: recorded.key,
  });
  const partial = join(root, recorded.key.slice(0, 2), 'abandoned-write.partial');
  await writeFile(partial, 'half a file');
  await utimes(partial, twoDaysAgo, twoDaysAgo);

  const result = await sweepOrphanedFiles({ dataSource: t.dataSource, store, graceMs: DAY_MS });

  expect(result).toEqual({ checked: 2, removed: 1 });
  expect(existsSync(join(root, recorded.key))).toBe(true);
  expect(existsSync(join(root, orphan.key))).toBe(false);
  expect(existsSync(join(root, young.key))).toBe(true);
  expect(existsSync(partial)).toBe(false);
  // A second sweep finds nothing more to do.
  expect(await sweepOrphanedFiles({ dataSource: t.dataSource, store, graceMs: DAY_MS })).toEqual({ checked: 1, removed: 0 });
});

it('an empty or not yet created store is nothing to sweep', async () => {
  const store = new LocalFileStore(join(root, 'never-written'));
  expect(await sweepOrphanedFiles({ dataSource: t.dataSource, store, graceMs: DAY_MS })).toEqual({ checked: 0, removed: 0 });
});

it('removes uploads spooled by a request that never finished, once they are a day old', async () => {
  const spool = join(root, '.incoming');
  await mkdir(spool, { recursive: true });
  const stale = join(spool, 'stale.upload');
  const current = join(spool, 'current.upload');
  await writeFile(stale, 'half an upload');
  await writeFile(current, 'an upload in progress');
  await utimes(stale, twoDaysAgo, twoDaysAgo);
  expect(await sweepSpool(spool, DAY_MS)).toBe(1);
  expect(existsSync(stale)).toBe(false);
  expect(existsSync(current)).toBe(true);
  expect(await sweepSpool(join(root, 'no-such-folder'), DAY_MS)).toBe(0);
});

