import yauzl from 'yauzl';
import { inspectZip, type ArchiveLimits } from '../../attachments/zip-inspection';
import { HttpProblem } from '../../http/problem';
import { refuse } from './import-file-error';

/**
 * DOCX and ODT are ZIP archives. The archive is first held to the attachments' limits
 * (zip-inspection.ts: entries, total size, ratio, honest sizes), so nothing that reads it after
 * (mammoth's own unzip, the ODT reader) can be made to inflate a bomb.
 */
export async function checkArchive(buffer: Buffer, limits: ArchiveLimits): Promise<string[]> {
  try {
    return (await inspectZip(buffer, limits)).names;
  } catch (error) {
    // Not a ZIP at all (cut short, damaged) is a broken document; a ZIP over the limits is refused as unsafe.
    if (error instanceof HttpProblem) throw /not a readable ZIP archive/.test(error.message) ? refuse.broken('Dokumentet') : refuse.zip();
    throw error;
  }
}

/** The named entries' text (UTF-8), from an archive checkArchive has passed; an entry missing is absent from the map. */
export async function readEntries(buffer: Buffer, wanted: readonly string[]): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true });
  const found = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (!wanted.includes(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      found.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return found;
}
