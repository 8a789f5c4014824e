import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * poppler-utils and qpdf (Debian packages, installed by .ci/run) as test oracles: the PDF is
 * checked by independent tools, not by the code that wrote it.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'remiss-pdf-test-'));
let counter = 0;

export function savePdf(pdf: Buffer, name = 'document'): string {
  const file = path.join(dir, `${name}-${++counter}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

export function cleanUpPdfs(): void {
  rmSync(dir, { recursive: true, force: true });
}

export function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** qpdf --check; answers its output, throws (exit status) when the file has errors. */
export const qpdfCheck = (file: string) => tool('qpdf', ['--check', file]);
export const pdfinfo = (file: string, ...args: string[]) => tool('pdfinfo', [...args, file]);
export const pdftotext = (file: string, ...args: string[]) => tool('pdftotext', [...args, file, '-']);

export function pageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(pdfinfo(file))![1]);
}

/** The text of each page (pdftotext separates pages with form feeds). */
export function pageTexts(file: string, ...args: string[]): string[] {
  const pages = pdftotext(file, ...args).split('\f');
  return pages.slice(0, pages.length - 1);
}

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word with its box, from pdftotext -bbox. */
export function words(file: string): Word[] {
  const out: Word[] = [];
  let page = 0;
  for (const line of pdftotext(file, '-bbox').split('\n')) {
    if (line.includes('<page ')) page++;
    const match = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (match) out.push({ page, xMin: +match[1], yMin: +match[2], xMax: +match[3], yMax: +match[4], text: match[5] });
  }
  return out;
}

/** The headings of the tag tree in reading order, each with its text (pdfinfo -struct-text: the element, then its quoted text). */
export function headingsOf(file: string): Array<[string, string]> {
  const lines = pdfinfo(file, '-struct-text').split('\n');
  return lines.flatMap((line, index) => {
    const type = /^\s*(H\d)\b/.exec(line)?.[1];
    return type ? [[type, /^\s*"(.*)"$/.exec(lines[index + 1] ?? '')?.[1] ?? ''] as [string, string]] : [];
  });
}

/** From the first heading with this text (at or after `from`) up to, not including, the next heading of its level or above. */
export function headingsUnder(headings: Array<[string, string]>, text: string, from = 0): Array<[string, string]> {
  const at = headings.findIndex(([, t], i) => i >= from && t === text);
  if (at < 0) throw new Error(`No heading "${text}" in ${JSON.stringify(headings)}`);
  const level = Number(headings[at][0][1]);
  const end = headings.findIndex(([type], i) => i > at && Number(type[1]) <= level);
  return headings.slice(at, end < 0 ? undefined : end);
}

/** Folds whitespace so text broken into lines compares with text written in one line. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The checks every document passes: qpdf clean, tagged, A4, PDF/A-2a in the XMP, every font an embedded subset, sv-SE, a structure tree. */
export function assertArchivable(file: string, title: RegExp): void {
  expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
  const info = pdfinfo(file);
  expect(info).toMatch(/^Tagged:\s+yes/m);
  expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
  expect(info).toMatch(title);
  expect(pdfinfo(file, '-meta')).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
  const fonts = tool('pdffonts', [file]).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThanOrEqual(1);
  for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+LiberationSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  const catalog = tool('qpdf', ['--json', '--json-key=qpdf', file]);
  expect(catalog).toMatch(/"\/Lang": "u:sv-SE"/);
  expect(catalog).toMatch(/"\/StructTreeRoot": "\d+ 0 R"/);
}
