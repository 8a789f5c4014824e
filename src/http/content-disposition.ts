/**
 * Content-Disposition for a file name such as "Sammanställning KS 2020/924.xlsx" (RFC 6266): the
 * real name as filename* (UTF-8), and for old clients an ASCII filename with the diacritics
 * dropped ("Sammanstallning KS 2020_924.xlsx") rather than question marks, and anything that
 * could break the header or name a folder replaced by "_".
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._()-]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
