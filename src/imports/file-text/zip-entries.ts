import { inspectZip, type ArchiveLimits } from '../../attachments/zip-inspection';
import { HttpProblem } from '../../http/problem';
import { refuse } from './import-file-error';

export interface CheckedArchive {
  /** Entry names, in archive order. */
  names: string[];
  /** The text (UTF-8) of the entries asked for; one missing is absent from the map. */
  texts: Map<string, string>;
}

/**
 * DOCX and ODT are ZIP archives. The archive is first held to the attachments' limits
 * (zip-inspection.ts: entries, total size, ratio, honest sizes), so nothing that reads it after
 * (mammoth's own unzip, the ODT reader) can be made to inflate a bomb. The check inflates every
 * entry anyway, so the text of the entries the reader needs (`wanted`) is kept from that one pass.
 */
export async function checkArchive(buffer: Buffer, limits: ArchiveLimits, wanted: readonly string[]): Promise<CheckedArchive> {
  try {
    const { names, texts } = await inspectZip(buffer, limits, { keepText: wanted });
    return { names, texts };
  } catch (error) {
    // Not a ZIP at all (cut short, damaged) is a broken document; a ZIP over the limits is refused as unsafe.
    if (error instanceof HttpProblem) throw /not a readable ZIP archive/.test(error.message) ? refuse.broken('Dokumentet') : refuse.zip();
    throw error;
  }
}
