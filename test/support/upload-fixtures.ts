import { randomBytes } from 'node:crypto';
import { buildZip } from './zip-writer';

/** Tiny but genuine files of every accepted type, and hostile ones, built at run time. */
export const fixtures = {
  pdf: () =>
    Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
      'latin1',
    ),
  docx: () =>
    buildZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' },
      { name: 'word/document.xml', data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Remissvar från Södermalm</w:t></w:r></w:p></w:body></w:document>' },
    ]),
  xlsx: () =>
    buildZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
      { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<?xml version="1.0"?><worksheet/>' },
    ]),
  odt: (mimetype = 'application/vnd.oasis.opendocument.text') =>
    buildZip([
      { name: 'mimetype', data: mimetype, store: true },
      { name: 'content.xml', data: '<?xml version="1.0"?><office:document-content/>' },
      { name: 'META-INF/manifest.xml', data: '<?xml version="1.0"?><manifest:manifest/>' },
    ]),
  /** 20 MB of zeros in a docx-shaped archive of a few kilobytes. */
  zipBomb: () =>
    buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) },
    ]),
  /** A Windows program: "MZ", the DOS stub, the PE offset and padding. */
  exe: () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(48), Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'), randomBytes(200)]),
  html: () => Buffer.from('\n  <!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n'),
  text: () => Buffer.from('Remissvar\n\nSödermalms stadsdelsnämnd tillstyrker förslaget.\n'),
};

export interface FilePart {
  name: string;
  data: Buffer;
  type?: string;
}

/**
 * A multipart/form-data body written by hand, so tests control every byte of the file name
 * (quotes escaped as %22, as browsers do) and the Content-Length.
 */
export function multipart(file: FilePart | null, fields: Record<string, string> = {}, fileField = 'file'): { body: Buffer; contentType: string } {
  const boundary = `----remiss${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  if (file) {
    const filename = file.name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
