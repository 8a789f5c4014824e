const MAX_LENGTH = 255;
const MAX_EXTENSION_LENGTH = 16;
const FALLBACK_NAME = 'bilaga';

/**
 * The uploader's file name made safe to show and to offer on download. It is display metadata
 * only (the storage key is generated), but it still travels in headers, logs and the UI:
 * - only the last path segment survives, for / and \ alike ("../../etc/passwd" → "passwd");
 * - control and invisible formatting characters go (a right-to-left override can disguise
 *   "fdp.exe" as "exe.pdf"); runs of white space, tabs and line breaks become one space;
 * - leading dots (hidden files, "..") and trailing dots and spaces (Windows drops them) go;
 * - at most 255 characters, cut in the base name so the extension survives;
 * - NFC, so "å" typed on a Mac compares equal to "å" typed on Windows; Swedish letters stay.
 */
export function cleanFileName(raw: string): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, (char) => (/\s/u.test(char) ? ' ' : ''))
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  return truncate(cleaned || FALLBACK_NAME);
}

/** The lower-case extension without the dot, or '' when there is none. */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** Counts code points, not UTF-16 units, as PostgreSQL's varchar(255) does, and never splits a surrogate pair. */
function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_LENGTH) return name;
  const extension = fileExtension(name);
  const suffix = extension && extension.length <= MAX_EXTENSION_LENGTH ? Array.from(`.${extension}`) : [];
  return [...chars.slice(0, MAX_LENGTH - suffix.length), ...suffix].join('').replace(/\s+(?=\.[^.]*$)/u, '');
}
