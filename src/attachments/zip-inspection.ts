import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { HttpProblem } from '../http/problem';

/**
 * Office documents are ZIP archives, and a ZIP can be a bomb: a few kilobytes that inflate to
 * gigabytes in whatever opens it next (a virus scanner, a converter, the reader's computer).
 * These limits sit far above any real remisshandling.
 */
export const ARCHIVE_LIMITS = {
  maxEntries: 2_000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  /** Small entries (styles, tiny XML parts) legitimately compress very well; the ratio only matters once an entry is big. */
  ratioCheckFromBytes: 1024 * 1024,
};

export type ArchiveLimits = typeof ARCHIVE_LIMITS;

export interface ZipSummary {
  /** Entry names, in archive order. */
  names: string[];
  /** The content of a first entry called "mimetype" (ODF), else null. */
  mimetype: string | null;
  /** The text (UTF-8) of the entries asked for by name (InspectOptions.keepText); one missing is absent. */
  texts: Map<string, string>;
}

export interface InspectOptions {
  /**
   * Entries whose text to keep while every entry is inflated anyway (the import reads an office
   * document's XML parts from here instead of unpacking the archive a second time).
   */
  keepText?: readonly string[];
}

const MIMETYPE_MAX_BYTES = 200;

export const unsafeArchive = (why: string) =>
  new HttpProblem(415, `The archive is refused: ${why}.`, { slug: 'unsafe-archive', title: 'Unsafe archive' });

/**
 * Checks the central directory first (entry count, names, encryption, declared sizes and ratios),
 * so an archive that admits to being a bomb is refused without inflating anything. Then every
 * entry is inflated and thrown away, with yauzl verifying that it yields exactly the size the
 * directory declared: an archive that lies about its sizes (claims 1 kB, unpacks to 150 MB) is
 * refused too, after at most the declared total of work.
 */
export async function inspectZip(source: string | Buffer, limits: ArchiveLimits = ARCHIVE_LIMITS, options: InspectOptions = {}): Promise<ZipSummary> {
  let zip: ZipFile;
  try {
    // strictFileNames: a backslash in an entry name is refused instead of being read as a separator.
    const yauzlOptions = { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true };
    // A file on disk (an attachment) or one in memory (an import, read in a worker).
    zip = typeof source === 'string' ? await yauzl.openPromise(source, yauzlOptions) : await yauzl.fromBufferPromise(source, yauzlOptions);
  } catch (error) {
    throw fromYauzl(error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw unsafeArchive(`it has ${zip.entryCount} entries, more than ${limits.maxEntries}`);
    const names: string[] = [];
    let mimetype: string | null = null;
    const texts = new Map<string, string>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      assertSafeName(entry.fileName);
      if (entry.isEncrypted()) throw unsafeArchive(`the entry "${entry.fileName}" is encrypted`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalUncompressedBytes) throw unsafeArchive(`it unpacks to more than ${limits.maxTotalUncompressedBytes} bytes`);
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxCompressionRatio) {
        throw unsafeArchive(`the entry "${entry.fileName}" is compressed ${Math.round(ratio)}:1 (a zip bomb?)`);
      }
      if (names.length === 0 && entry.fileName === 'mimetype') mimetype = await readSmallEntry(zip, entry);
      else if (options.keepText?.includes(entry.fileName)) texts.set(entry.fileName, (await inflate(zip, entry, true)).toString('utf8'));
      else await inflate(zip, entry, false);
      names.push(entry.fileName);
    }
    return { names, mimetype, texts };
  } catch (error) {
    throw error instanceof HttpProblem ? error : fromYauzl(error);
  } finally {
    zip.close();
  }
}

/** yauzl refuses absolute and ".." names itself; checked again so the rule does not hang on a library default. */
function assertSafeName(name: string): void {
  if (name.startsWith('/') || /^[a-z]:/i.test(name) || name.includes('\\') || name.split('/').includes('..')) {
    throw unsafeArchive(`the entry name "${name}" points outside the archive`);
  }
}

async function readSmallEntry(zip: ZipFile, entry: Entry): Promise<string | null> {
  if (entry.uncompressedSize > MIMETYPE_MAX_BYTES) return null;
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Inflates an entry, keeping its bytes only when asked (else an empty buffer); yauzl
 * (validateEntrySizes) fails the stream if it yields more or less than declared.
 */
async function inflate(zip: ZipFile, entry: Entry, keep: boolean): Promise<Buffer> {
  if (entry.fileName.endsWith('/')) return Buffer.alloc(0); // a directory
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) if (keep) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    throw unsafeArchive(`the entry "${entry.fileName}" does not unpack to the size the archive declares (${error instanceof Error ? error.message : String(error)})`);
  }
}

function fromYauzl(error: unknown): HttpProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/path|fileName/i.test(message)) return unsafeArchive(`an entry name is not safe (${message})`);
  return unsafeArchive(`it is not a readable ZIP archive (${message})`);
}
