import ExcelJS from 'exceljs';
import type { OrganisationKind } from '../organisations/organisation.entity';
import { answerStatusLabel, KIND_LABELS, ROLE_LABELS, STANCE_LABELS, yesNo } from '../shared/swedish-labels';
import type { Compilation } from './compilation-builder';
import type { MatrixRow } from './compilation-data';

const MATRIX_HEADINGS = ['Remissinstans', 'Typ', 'Roll', 'Status', 'Sista svarsdag', 'Anstånd', 'Svarsdatum', 'Försenat', 'Ställningstagande', 'Inkommet utanför systemet', 'Svaren i korthet'];

/** Sista svarsdag and Svarsdatum. */
const DATE_COLUMNS = [4, 6];

/** What the exports need to know of the remiss: whether it is closed (then a missing answer is "Svar saknas"). */
export interface ExportOptions {
  closed?: boolean;
}

function matrixCells(row: MatrixRow, { closed = false }: ExportOptions, lines: ReadonlyMap<string, string>): string[] {
  return [
    row.organisation.name,
    KIND_LABELS[row.organisation.kind as OrganisationKind] ?? row.organisation.kind,
    ROLE_LABELS[row.role],
    answerStatusLabel(row, closed),
    row.dueDate ?? '',
    yesNo(row.extended),
    row.answeredDate ?? '',
    yesNo(row.late),
    row.stance ? STANCE_LABELS[row.stance] : '',
    yesNo(row.receivedExternally),
    lines.get(row.responseId) ?? '',
  ];
}

/**
 * The matrix as Swedish Excel opens it on a double click: UTF-8 with a byte-order mark (else Excel
 * guesses a Windows code page and mangles å, ä, ö), semicolons (the comma is the decimal sign in
 * Swedish settings), CRLF line ends and RFC 4180 quoting.
 */
export function compilationCsv(compilation: Compilation, options: ExportOptions = {}): string {
  const quote = (cell: string) => (/[";\r\n]/.test(cell) || /^[=+\-@]/.test(cell) ? `"${guardFormula(cell).replace(/"/g, '""')}"` : cell);
  const summaries = summaryOf(compilation);
  const lines = [MATRIX_HEADINGS, ...compilation.matrix.map((row) => matrixCells(row, options, summaries))].map((cells) => cells.map(quote).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Svaren i korthet by answer: the coordinator's line, else the suggestion (compilation-builder.ts). */
const summaryOf = (compilation: Compilation) => new Map(compilation.summaries.map((summary) => [summary.responseId, summary.line]));

/** A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): prefix it. */
function guardFormula(cell: string): string {
  return /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
}

/** One sheet for the matrix, one per section with each organisation's text side by side. */
export async function compilationXlsx(compilation: Compilation, title: string, options: ExportOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'remiss, Stockholms stad';
  workbook.title = title;
  const matrix = workbook.addWorksheet('Svarsmatris', { views: [{ state: 'frozen', ySplit: 1 }] });
  matrix.addRow(MATRIX_HEADINGS).font = { bold: true };
  // Dates as date cells, so the sheet sorts and filters them as dates.
  const summaries = summaryOf(compilation);
  for (const row of compilation.matrix) matrix.addRow(matrixCells(row, options, summaries).map((cell, index) => (DATE_COLUMNS.includes(index) && cell ? new Date(`${cell}T00:00:00Z`) : cell)));
  matrix.columns.forEach((column, index) => {
    column.width = index === 0 ? 45 : index === MATRIX_HEADINGS.length - 1 ? 80 : 18;
    if (DATE_COLUMNS.includes(index)) column.numFmt = 'yyyy-mm-dd';
  });
  matrix.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: MATRIX_HEADINGS.length } };
  // Excel compares sheet names without regard to case and keeps "History" for itself.
  const usedNames = new Set(['svarsmatris', 'history']);
  for (const section of compilation.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.heading, usedNames));
    sheet.addRow(['Remissinstans', 'Ställningstagande', section.heading]).font = { bold: true };
    // Cells are written as text, never as formulas, so "-10 miljoner" needs no guard here (unlike the CSV).
    for (const entry of section.entries) sheet.addRow([entry.organisation.name, entry.stance ? STANCE_LABELS[entry.stance] : '', entry.text]);
    sheet.getColumn(1).width = 40;
    sheet.getColumn(2).width = 24;
    sheet.getColumn(3).width = 100;
    sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, no apostrophe first or last, unique regardless of case. */
function sheetName(heading: string, used: Set<string>): string {
  const base =
    heading
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s']+|[\s']+$/g, '')
      .slice(0, 27)
      .replace(/[\s']+$/, '') || 'Avsnitt';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
