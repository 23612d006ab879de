/**
 * Writes one table to a streaming exceljs workbook: a bold, frozen, filterable header row, columns as wide as
 * their longest cell, one number format per cell.
 *
 * Speed: the streaming writer keeps memory flat; cells share a few frozen style objects, each resolved to a
 * style id once; data rows go straight to the sheet's XML (see `writeRowsFast`).
 */
import type ExcelJS from "exceljs";

export type CellValue = string | number | Date | null;
export type CellStyle = Readonly<Partial<ExcelJS.Style>>;

/** Number formats. Excel draws `,` and `.` in them as the viewer's own group and decimal separators. */
export const FORMATS = {
  count: "#,##0",
  money: '#,##0 "đ"',
  /** A level stored as a fraction (0.315), shown with one or two decimals: 31,5%. */
  percent: "0.0#%",
  day: "dd/mm/yyyy",
  time: "dd/mm/yyyy hh:mm",
} as const;

const styles = new Map<string, CellStyle>();
/** The shared style object for a number format (and boldness). */
export function cellStyle(numFmt?: string, bold = false): CellStyle {
  const key = `${numFmt ?? ""}|${bold}`;
  let s = styles.get(key);
  if (!s) {
    s = Object.freeze({ ...(numFmt ? { numFmt } : {}), ...(bold ? { font: { bold: true } } : {}) });
    styles.set(key, s);
  }
  return s;
}

const HEADER: CellStyle = Object.freeze({
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE6F0" } },
  alignment: { vertical: "middle" },
  border: { bottom: { style: "thin" } },
} satisfies Partial<ExcelJS.Style>);

export interface Column<T> {
  header: string;
  get(row: T): CellValue;
  /** A style for every cell, or one per row (e.g. a figure's format by its metric's type). */
  style?: CellStyle | ((row: T) => CellStyle);
  /** Widest the column may get, in characters (default 50). */
  max?: number;
  /** A fixed width in characters (dates, times): the cells are not measured. */
  width?: number;
}

/** Excel excludes these from sheet names, which also stop at 31 characters. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

function widthOf(v: CellValue, style: CellStyle): number {
  if (v === null) return 0;
  if (typeof v === "string") return v.length;
  if (v instanceof Date) return style.numFmt === FORMATS.time ? 16 : 10;
  // Digits, group separators, decimals and a unit.
  const digits = String(Math.round(Math.abs(v))).length;
  return digits + Math.floor((digits - 1) / 3) + (style.numFmt?.includes("%") ? 5 : style.numFmt?.includes("đ") ? 3 : 1);
}

/** Adds a sheet with `columns` and `rows` and commits it; `header: false` gives a plain, unfrozen table. */
export function writeSheet<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column<T>[], rows: readonly T[], opts: { header?: boolean } = {}): void {
  const freeze = opts.header ?? true;
  const plain = cellStyle();
  const styleOf = columns.map((c): ((row: T) => CellStyle) => {
    const s = c.style ?? plain;
    return typeof s === "function" ? s : () => s;
  });
  const widths = columns.map((c) => Math.max(c.header.length, c.width ?? Math.min(8, c.max ?? 50)));
  const measured = columns.flatMap((c, i) => (c.width === undefined ? [i] : []));
  for (const row of rows)
    for (const i of measured) {
      const w = widthOf(columns[i]!.get(row), styleOf[i]!(row));
      if (w > widths[i]!) widths[i] = Math.min(w, columns[i]!.max ?? 50);
    }
  const ws = wb.addWorksheet(sheetName(name), freeze ? { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] } : {});
  ws.columns = columns.map((c, i) => ({ key: String(i), width: widths[i]! + 2 }));
  if (freeze && rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (freeze) {
    const header = ws.addRow(columns.map((c) => c.header));
    columns.forEach((_, i) => (header.getCell(i + 1).style = HEADER as Partial<ExcelJS.Style>));
    header.commit();
  }
  if (freeze) writeRowsFast(wb, ws, columns, styleOf, rows);
  else
    for (const r of rows) {
      const row = ws.addRow(columns.map((c) => c.get(r)));
      columns.forEach((c, i) => (row.getCell(i + 1).style = styleOf[i]!(r) as Partial<ExcelJS.Style>));
      row.commit();
    }
  ws.commit();
}

/** What the fast path uses of exceljs's streaming writer (unchanged through exceljs 4, its current major). */
interface WriterInternals {
  styles: { addStyleModel(style: CellStyle): number };
}
interface SheetInternals {
  stream: { write(text: string): void };
}

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function xmlText(s: string): string {
  return s.replace(INVALID_XML, "").replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}
/** Days since 1899-12-30, Excel's day 0 (the same number exceljs writes for a Date). */
function excelSerial(d: Date): number {
  return 25569 + d.getTime() / 86_400_000;
}
function columnLetters(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : columnLetters(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/**
 * Writes the data rows straight into the sheet's XML stream, after the header row exceljs wrote (which opened
 * `<sheetData>`). The same markup exceljs writes (inline strings, numbers, dates as serial numbers, shared style
 * ids), without building a Row and a Cell object per value: about three times faster on 200,000 rows, which
 * keeps a 1,000-unit, 92-day export within seconds.
 */
function writeRowsFast<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, columns: Column<T>[], styleOf: ((row: T) => CellStyle)[], rows: readonly T[]): void {
  const styles = (wb as unknown as WriterInternals).styles;
  const ids = new Map<CellStyle, number>();
  const idOf = (s: CellStyle) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = styles.addStyleModel(s)));
    return id;
  };
  const letters = columns.map((_, i) => columnLetters(i));
  const stream = (ws as unknown as SheetInternals).stream;
  let chunk: string[] = [];
  rows.forEach((r, n) => {
    const at = n + 2;
    let xml = `<row r="${at}">`;
    for (let i = 0; i < columns.length; i++) {
      const v = columns[i]!.get(r);
      const s = idOf(styleOf[i]!(r));
      const ref = `${letters[i]}${at}`;
      if (v === null) xml += `<c r="${ref}" s="${s}"/>`;
      else if (typeof v === "number") xml += `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
      else if (v instanceof Date) xml += `<c r="${ref}" s="${s}"><v>${excelSerial(v)}</v></c>`;
      else xml += `<c r="${ref}" s="${s}" t="inlineStr"><is><t${/^\s|\s$/.test(v) ? ' xml:space="preserve"' : ""}>${xmlText(v)}</t></is></c>`;
    }
    chunk.push(xml + "</row>");
    if (chunk.length === 1000) {
      stream.write(chunk.join(""));
      chunk = [];
    }
  });
  if (chunk.length) stream.write(chunk.join(""));
}
