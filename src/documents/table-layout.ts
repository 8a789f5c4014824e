import { textWidth } from './fonts';
import { hasClass, type Element } from './html-subset';
import { breakLines } from './line-breaking';
import { BLACK, GREY, STYLES, type BlockStyle } from './layout-styles';
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

/** Column widths: natural widths when they fit, the spare room going to the widest; else shared in proportion. */
function columnWidths(rows: Element[][], width: number): number[] {
  const count = Math.max(...rows.map((r) => r.length));
  const natural = new Array<number>(count).fill(0);
  for (const row of rows) {
    row.forEach((cell, index) => {
      const cellStyle = cell.tag === 'th' ? STYLES.tableHead : STYLES.tableCell;
      const runs = inlineRuns(cell.children, cellStyle.text);
      const w = runs.reduce((sum, run) => sum + textWidth(run.style.variant, run.text, run.style.size), 0) + CELL_PADDING;
      natural[index] = Math.max(natural[index], Math.min(w + 1, width));
    });
  }
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= width) {
    const widest = natural.indexOf(Math.max(...natural));
    natural[widest] += width - total;
    return natural;
  }
  const minimum = Math.min(48, width / count);
  const shares = natural.map((w) => Math.max(minimum, (w / total) * width));
  const scale = width / shares.reduce((a, b) => a + b, 0);
  return shares.map((w) => w * scale);
}

export function layoutTable(table: Element, struct: StructNode, width: number): Array<Omit<Box, 'spaceBefore'>> {
  const rowElements = table.children.filter((c): c is Element => typeof c !== 'string' && c.tag === 'tr');
  const rows = rowElements.map(cellsOf);
  if (!rows.length || !rows.some((r) => r.length)) return [];
  const widths = columnWidths(rows, width);
  return rows.map((cells) => {
    const tr = node('TR', struct);
    const ops: DrawOp[] = [];
    let height = 0;
    let x = 0;
    const header = cells.length > 0 && cells.every((cell) => cell.tag === 'th');
    cells.forEach((cell, index) => {
      const cellStyle = cell.tag === 'th' ? STYLES.tableHead : STYLES.tableCell;
      const cellStruct = node(cell.tag === 'th' ? 'TH' : 'TD', tr, cell.tag === 'th' ? 'Column' : undefined);
      const lines = breakLines(inlineRuns(cell.children, cellStyle.text), Math.max(10, widths[index] - CELL_PADDING), false);
      lines.forEach((line, i) => ops.push(shiftY(lineOp(line, x, cellStyle, cellStruct), ROW_PADDING + i * cellStyle.leading)));
      height = Math.max(height, lines.length * cellStyle.leading);
      x += widths[index];
    });
    height += 2 * ROW_PADDING;
    ops.push({ kind: 'rule', x1: 0, x2: width, y: height, width: header ? 0.75 : 0.4, color: header ? BLACK : GREY });
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
    let y = 0;
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
