import { textWidth } from './fonts';
import { hasClass, type Element } from './html-subset';
import { breakLines } from './line-breaking';
import { BLACK, GREY, LIGHT_GREY, STYLES, type BlockStyle, type RGB } from './layout-styles';
import { inlineRuns, lineOp, node, type Box, type DrawOp, type StructNode } from './layout-primitives';

/**
 * Simple tables (the "Attesterat av" list and the like) and side-by-side blocks (the first-page
 * Handläggare / Till block, signatures). A table row never breaks across pages; a header row stays
 * with the first body row. Positions are relative to the text column's left edge.
 */
const CELL_PADDING = 8;
const ROW_PADDING = 3;

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'));
}

/**
 * Cell styles by table class: "matrix" is the compact status table of the sammanställning, "facts"
 * a label/value list (labels are row headers, rules are lighter); any other table is the default.
 */
interface TableStyle {
  head: BlockStyle;
  cell: BlockStyle;
  rule: RGB;
  /** Room between columns. */
  padding: number;
}
function tableStyle(table: Element): TableStyle {
  if (hasClass(table, 'matrix')) return { head: STYLES.compactHead, cell: STYLES.compactCell, rule: GREY, padding: 6 };
  if (hasClass(table, 'facts')) return { head: STYLES.tableHead, cell: STYLES.tableCell, rule: LIGHT_GREY, padding: CELL_PADDING };
  return { head: STYLES.tableHead, cell: STYLES.tableCell, rule: GREY, padding: CELL_PADDING };
}

/**
 * Column widths, after the browsers' auto table layout: natural widths (the text on one line) when
 * they fit, the spare room going to the widest. Otherwise each column gets what most of its cells
 * need (nine in ten on one line; never less than its longest word, so a date is never split), the
 * room left going to the columns that still lack the most; a rare long cell wraps instead of
 * squeezing the whole column of organisation names. Too little room for even that: each column
 * keeps its longest word and the rest is shared out; words wider than their cell are cut there.
 */
function columnWidths(rows: Element[][], width: number, styles: TableStyle): number[] {
  const count = Math.max(...rows.map((r) => r.length));
  const cellWidths: number[][] = Array.from({ length: count }, () => []);
  const minimum = new Array<number>(count).fill(0);
  for (const row of rows) {
    row.forEach((cell, index) => {
      const cellStyle = cell.tag === 'th' ? styles.head : styles.cell;
      const runs = inlineRuns(cell.children, cellStyle.text);
      cellWidths[index].push(Math.min(runs.reduce((sum, run) => sum + textWidth(run.style.variant, run.text, run.style.size), 0) + styles.padding + 1, width));
      for (const run of runs) {
        for (const word of run.text.split(' ')) minimum[index] = Math.max(minimum[index], Math.min(textWidth(run.style.variant, word, run.style.size) + styles.padding + 1, width / count));
      }
    });
  }
  const natural = cellWidths.map((widths) => Math.max(...widths));
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= width) {
    const widest = natural.indexOf(Math.max(...natural));
    natural[widest] += width - total;
    return natural;
  }
  const typical = cellWidths.map((widths, i) => Math.max(minimum[i], [...widths].sort((a, b) => a - b)[Math.ceil(widths.length * 0.9) - 1]));
  const wanted = typical.reduce((a, b) => a + b, 0);
  if (wanted > width) {
    // Longest words first; what is left is shared in proportion to what each column wanted beyond them.
    const floor = minimum.reduce((a, b) => a + b, 0);
    if (floor >= width) return minimum.map((w) => (w * width) / floor);
    return typical.map((w, i) => minimum[i] + ((w - minimum[i]) * (width - floor)) / (wanted - floor));
  }
  const lack = natural.map((w, i) => w - typical[i]);
  const lackTotal = lack.reduce((a, b) => a + b, 0) || 1;
  return typical.map((w, i) => w + (lack[i] / lackTotal) * (width - wanted));
}

export function layoutTable(table: Element, struct: StructNode, width: number): Array<Omit<Box, 'spaceBefore'>> {
  const rowElements = table.children.filter((c): c is Element => typeof c !== 'string' && c.tag === 'tr');
  const rows = rowElements.map(cellsOf);
  if (!rows.length || !rows.some((r) => r.length)) return [];
  const styles = tableStyle(table);
  const widths = columnWidths(rows, width, styles);
  return rows.map((cells) => {
    const tr = node('TR', struct);
    const ops: DrawOp[] = [];
    let height = 0;
    let x = 0;
    const header = cells.length > 0 && cells.every((cell) => cell.tag === 'th');
    cells.forEach((cell, index) => {
      const cellStyle = cell.tag === 'th' ? styles.head : styles.cell;
      // A header cell heads its column in a header row, else its row (a label in a facts table).
      const cellStruct = node(cell.tag === 'th' ? 'TH' : 'TD', tr, cell.tag === 'th' ? (header ? 'Column' : 'Row') : undefined);
      const lines = breakLines(inlineRuns(cell.children, cellStyle.text), Math.max(10, widths[index] - styles.padding), false);
      lines.forEach((line, i) => ops.push(shiftY(lineOp(line, x, cellStyle, cellStruct), ROW_PADDING + i * cellStyle.leading)));
      height = Math.max(height, lines.length * cellStyle.leading);
      x += widths[index];
    });
    height += 2 * ROW_PADDING;
    ops.push({ kind: 'rule', x1: 0, x2: width, y: height, width: header ? 0.75 : 0.4, color: header ? BLACK : styles.rule });
    return { height, keepWithNext: header, ops, footnotes: [] };
  });
}

function shiftY(op: DrawOp, dy: number): DrawOp {
  return op.kind === 'text' ? { ...op, y: op.y + dy } : { ...op, y: op.y + dy };
}

/**
 * Two blocks side by side in one unbreakable box: the left at the column's edge, the right from
 * a little past the middle (where the city's documents put "Till" and the second signature).
 */
export function layoutTwoColumns(columns: Element[], parent: StructNode, width: number): Omit<Box, 'spaceBefore'> {
  const ops: DrawOp[] = [];
  let height = 0;
  const signatures = columns.some((c) => hasClass(c, 'signatory'));
  const secondX = signatures ? width / 2 + 10 : width * 0.55;
  columns.slice(0, 2).forEach((column, index) => {
    const x = index === 0 ? 0 : secondX;
    const columnWidth = (index === 0 ? secondX - 16 : width - secondX) - 0;
    const div = node('Div', parent);
    // A signatory without a name ("Avdelningschef" alone, seed 001): the title stays on the titles' line.
    const nameless = signatures && !column.children.some((c) => typeof c !== 'string' && hasClass(c, 'name'));
    let y = nameless ? STYLES.signature.leading : 0;
    for (const p of column.children) {
      if (typeof p === 'string' || p.tag !== 'p') continue;
      const pStyle: BlockStyle = hasClass(p, 'label') ? STYLES.metaLabel : signatures ? STYLES.signature : STYLES.meta;
      const struct = node('P', div);
      for (const line of breakLines(inlineRuns(p.children, pStyle.text), columnWidth, false)) {
        ops.push(shiftY(lineOp(line, x, pStyle, struct), y));
        y += pStyle.leading;
      }
    }
    height = Math.max(height, y);
  });
  return { height, keepWithNext: false, ops, footnotes: [] };
}
