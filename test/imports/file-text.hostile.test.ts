import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { renderStatementPdf } from '../../src/documents/render-statement';
import { closeImportWorkers, extractFileText, ImportFileError } from '../../src/imports/file-text';
import { invented } from './file-text-statement';
import { statementDocx, statementOdt } from './file-text-writers';
import { buildZip } from '../support/zip-writer';
import { cleanUpPdfs, savePdf, tool } from '../documents/pdf-tools';
import { finish } from './ocr-scan-fixture';

/*
 * Untrusted uploads (issue 16 item 7): each hostile or broken file is refused with an
 * ImportFileError that says in Swedish what is wrong, and the process and its import worker go on
 * reading good files afterwards.
 */
afterAll(async () => {
  cleanUpPdfs();
  await closeImportWorkers();
});

let pdf: Buffer;
let docx: Buffer;
beforeAll(async () => {
  pdf = await renderStatementPdf(invented(), { creationDate: new Date('2025-02-11T10:00:00Z') });
  docx = await statementDocx(invented(), 'styles');
});

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const SWEDISH = /[åäö]/i;

function qpdfEncrypted(source: Buffer): Buffer {
  const input = savePdf(source, 'plain');
  const output = input.replace(/\.pdf$/, '-encrypted.pdf');
  tool('qpdf', ['--encrypt', 'hemligt', 'agare', '256', '--', input, output]);
  return readFileSync(output);
}

/** A page with a drawing and no text: what a scanner gives. */
function scannedPdf(): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4' });
  document.rect(60, 60, 400, 600).fill('#777777');
  return finish(document);
}

describe('hostile and broken files are refused with a clear Swedish message', () => {
  it('a zip bomb dressed as a Word document', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(20_000);
    const error = await refusal(extractFileText(bomb, 'utlatande.docx'));
    expect(error.code).toBe('zip-limits');
    expect(error.message).toMatch(/säkerhetsskäl/);
  });

  it('a program renamed .docx', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 0)]);
    const error = await refusal(extractFileText(exe, 'utlatande.docx'));
    expect(error.code).toBe('unsupported-file');
    expect(error.message).toMatch(/Word-dokument \(\.docx\)/);
  });

  it('a .docx that is a ZIP of something else', async () => {
    const error = await refusal(extractFileText(buildZip([{ name: 'bild.png', data: 'inte en bild' }]), 'utlatande.docx'));
    expect(error.code).toBe('unsupported-file');
  });

  it('a Word document cut short', async () => {
    const error = await refusal(extractFileText(docx.subarray(0, Math.floor(docx.length / 2)), 'utlatande.docx'));
    expect(error.code).toBe('broken-file');
    expect(error.message).toBe('Dokumentet är skadat eller ofullständigt och kan inte läsas. Spara om det och försök igen.');
  });

  it('an ODT whose XML declares a DOCTYPE (entity expansion is how XML bombs work)', async () => {
    const content = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><office:document-content><office:body><office:text><text:p>&a;</text:p></office:text></office:body></office:document-content>';
    const odt = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
      { name: 'content.xml', data: content },
    ]);
    const error = await refusal(extractFileText(odt, 'utlatande.odt'));
    expect(error.code).toBe('broken-file');
    expect(error.message).toMatch(/^OpenDocument-filen är skadad/);
  });

  it('a PDF cut short', async () => {
    const error = await refusal(extractFileText(pdf.subarray(0, 400), 'utlatande.pdf'));
    expect(error.code).toBe('broken-file');
    expect(error.message).toMatch(/^PDF:en är skadad/);
  });

  it('an encrypted PDF (qpdf --encrypt)', async () => {
    const error = await refusal(extractFileText(qpdfEncrypted(pdf), 'utlatande.pdf'));
    expect(error.code).toBe('encrypted-pdf');
    expect(error.message).toMatch(/lösenordsskyddad/);
  });

  it('a PDF over the page limit', async () => {
    const error = await refusal(extractFileText(pdf, 'utlatande.pdf', { maxPages: 1 }));
    expect(error.code).toBe('too-many-pages');
    expect(error.message).toBe('PDF:en har 2 sidor. Högst 1 sidor kan importeras.');
  });

  it('a text file with NUL, and one not in UTF-8', async () => {
    const nul = await refusal(extractFileText(Buffer.from('Sammanfattning\u0000\nText.', 'utf8'), 'utlatande.txt'));
    expect(nul.code).toBe('unsupported-file');
    expect(nul.message).toMatch(/NUL/);
    const latin1 = await refusal(extractFileText(Buffer.from('Förvaltningens synpunkter', 'latin1'), 'utlatande.txt'));
    expect(latin1.code).toBe('unsupported-file');
    expect(latin1.message).toMatch(/UTF-8/);
  });

  it('a file over the size limit, and one that takes too long', async () => {
    const large = await refusal(extractFileText(pdf, 'utlatande.pdf', { maxBytes: 1000 }));
    expect(large.code).toBe('file-too-large');
    const slow = await refusal(extractFileText(pdf, 'utlatande.pdf', { maxMilliseconds: 1 }));
    expect(slow.code).toBe('too-slow');
    expect(slow.message).toMatch(/sekunder/);
  });

  it('a document that needs more memory than the worker may use, and one with more text than a statement holds', async () => {
    // Varied words (a repeated text would compress past the zip ratio limit first).
    const words = ['staden', 'barnen', 'biblioteket', 'nämnden', 'läsning', 'öppettider', 'målen', 'arbetet', 'skolan', 'äldre'];
    const paragraph = (n: number) => ({ type: 'paragraph' as const, content: [{ text: Array.from({ length: 60 }, (_, i) => `${words[(n * 7 + i * 3) % words.length]}${(n * 31 + i) % 11 === 0 ? n * 1000 + i : ''}`).join(' ') }] });
    const base = invented();
    const huge = await statementDocx({ ...base, sections: base.sections.map((section, s) => ({ ...section, body: Array.from({ length: 1500 }, (_, n) => paragraph(s * 1500 + n)) })) }, 'styles');
    const memory = await refusal(extractFileText(huge, 'stor.docx', { maxHeapMegabytes: 24 }));
    expect(memory.code).toBe('file-too-large');
    expect(memory.message).toMatch(/för mycket minne/);
    const text = await refusal(extractFileText(huge, 'stor.docx', { maxCharacters: 100_000 }));
    expect(text.code).toBe('file-too-large');
    expect(text.message).toMatch(/mer text än ett tjänsteutlåtande/);
  }, 30_000);

  it('every message is Swedish', async () => {
    const messages = await Promise.all([
      refusal(extractFileText(Buffer.from([0, 1, 2]), 'a.docx')),
      refusal(extractFileText(pdf, 'a.pdf', { maxPages: 1 })),
      refusal(extractFileText(pdf.subarray(0, 400), 'a.pdf')),
    ]);
    for (const error of messages) expect(error.message).toMatch(SWEDISH);
  });
});

describe('after all that', () => {
  it('a PDF without a text layer is a scan for OCR, not an error', async () => {
    const extracted = await extractFileText(await scannedPdf(), 'skannad.pdf');
    expect(extracted).toMatchObject({ format: 'pdf', pages: 1, needsOcr: true, text: '' });
  });

  it('the worker still reads good files', async () => {
    const [word, odt] = await Promise.all([extractFileText(docx, 'utlatande.docx'), extractFileText(statementOdt(invented()), 'utlatande.odt')]);
    expect(word.text).toContain('## Förvaltningens synpunkter och förslag');
    expect(odt.text).toContain('## Förvaltningens synpunkter och förslag');
  });
});
