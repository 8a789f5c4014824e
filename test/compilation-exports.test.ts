import ExcelJS from 'exceljs';
import { compilationCsv, compilationXlsx } from '../src/compilation/compilation-exports';
import { compilationModel } from './documents/letter-fixtures';

/** The workbook as Excel (and exceljs) would read it back. */
async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('the Excel export', () => {
  it('names a sheet for any heading: clashes in any case, reserved names, apostrophes, long headings', async () => {
    const { compilation } = compilationModel({ answered: 2, sectionsPerStatement: 10 });
    const headings = ['SVARSMATRIS', 'History', "'Citat'", 'En mycket lång rubrik som inte får plats i ett bladnamn', 'En mycket lång rubrik som inte får plats i ett bladnamn', 'Bakgrund: [utkast]?'];
    compilation.sections = compilation.sections.slice(0, headings.length);
    expect(compilation.sections).toHaveLength(headings.length);
    compilation.sections.forEach((section, i) => (section.heading = headings[i]));
    const workbook = await readBack(await compilationXlsx(compilation, 'Sammanställning KS 2020/924'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(['Svarsmatris', 'SVARSMATRIS 2', 'History 2', 'Citat', 'En mycket lång rubrik som i', 'En mycket lång rubrik som i 2', 'Bakgrund utkast']);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    expect(names.every((name) => name.length <= 31)).toBe(true);
  });

  it('keeps text that starts like a formula as written (cells are text, never formulas); the CSV guards it', async () => {
    const { compilation } = compilationModel({ answered: 1, sectionsPerStatement: 1 });
    const entry = compilation.sections[0].entries[0];
    entry.text = '-10 miljoner kronor mer än budgeterat';
    const sheet = (await readBack(await compilationXlsx(compilation, 'x'))).worksheets[1];
    expect(sheet.getRow(2).getCell(3).value).toBe('-10 miljoner kronor mer än budgeterat');
    compilation.matrix[0].organisation.name = '=HYPERLINK("http://example.com")';
    expect(compilationCsv(compilation)).toContain(`"'=HYPERLINK(""http://example.com"")"`);
  });
});
