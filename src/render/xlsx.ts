/**
 * The leadership export (/xuat, `npm run export`): one .xlsx with the daily figures, the progress table and the
 * missing reports, headers from the `export` locale namespace.
 *
 * Numbers are real numbers with Excel formats (`#,##0`, `0.0#%`, `#,##0 "đ"`), never text: Excel draws the
 * group and decimal separators of the viewer's own settings, so a Vietnamese Excel shows 1.234.567 and 31,5%
 * while the figures stay summable. A file cannot force separators without turning numbers into text.
 * Days are real Excel dates shown `dd/mm/yyyy`; times are the campaign zone's wall clock.
 */
import { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Campaign, Metric } from "../campaigns/schema.ts";
import { campaignSnapshot, type MetricStanding, type UnitStanding } from "../core/progress/snapshot.ts";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import { levelName } from "./progress.ts";
import { cellStyle, FORMATS, writeSheet, type CellStyle, type CellValue, type Column } from "./xlsx-sheet.ts";
import { dailyRows, missingRows, wallClock, type DailyRow, type MissingRow } from "./xlsx-data.ts";

export interface ExportOptions {
  /** First and last day (YYYY-MM-DD), both included; the progress sheet is as of `to`. */
  from: string;
  to: string;
  t: Translate;
  /** The export's time, shown on the "about" sheet (default: now). */
  now?: Date;
}

export interface ExportResult {
  data: Buffer;
  /** Rows of the daily and missing sheets. */
  figures: number;
  missing: number;
}

const NOTE: CellStyle = Object.freeze({ alignment: { wrapText: true, vertical: "top" } } satisfies Partial<ExcelJS.Style>);

/** Excel keeps 1,048,576 rows a sheet: longer tables continue on "(2)", "(3)"… */
const SHEET_ROWS = 1_000_000;

const days = new Map<string, Date>();
/** A day as an Excel date (midnight UTC: Excel has no zones); one Date per day, shared by its rows. */
function day(iso: string): Date {
  let d = days.get(iso);
  if (!d) days.set(iso, (d = new Date(`${iso}T00:00:00Z`)));
  return d;
}

/** How a metric's figures are written: levels as fractions (31.5 → 0.315) so `%` formats read them right. */
function figure(type: Metric["type"], value: number | null): CellValue {
  return value === null ? null : type === "percent" ? value / 100 : value;
}
function figureStyle(type: Metric["type"]): CellStyle {
  return cellStyle(type === "percent" ? FORMATS.percent : type === "money" ? FORMATS.money : FORMATS.count);
}

function dailyColumns(t: Translate): Column<DailyRow>[] {
  const yes = t("export:yes");
  const no = t("export:no");
  const kinds = { daily: t("export:kinds.daily"), cumulative: t("export:kinds.cumulative") };
  return [
    { header: t("export:daily.day"), get: (r) => day(r.day), style: cellStyle(FORMATS.day), width: 10 },
    { header: t("export:daily.unitCode"), get: (r) => r.unit.code },
    { header: t("export:daily.unit"), get: (r) => r.unit.name, max: 40 },
    { header: t("export:daily.metric"), get: (r) => r.metric.label, max: 45 },
    { header: t("export:daily.kind"), get: (r) => kinds[r.kind] },
    { header: t("export:daily.value"), get: (r) => figure(r.metric.type, r.value), style: (r) => figureStyle(r.metric.type) },
    { header: t("export:daily.sender"), get: (r) => r.sender, max: 30 },
    { header: t("export:daily.sentAt"), get: (r) => r.sentAt, style: cellStyle(FORMATS.time), width: 16 },
    { header: t("export:daily.late"), get: (r) => (r.late ? yes : no) },
  ];
}

interface ProgressRow {
  m: MetricStanding;
  u: UnitStanding | null; // null: the campaign's total
}

function progressColumns(t: Translate): Column<ProgressRow>[] {
  const r = { t, locale: "" };
  const pace = ({ m, u }: ProgressRow) => u ?? m;
  const bold = ({ u }: ProgressRow) => u === null;
  return [
    { header: t("export:progress.metric"), get: ({ m }) => m.metric.label, max: 45, style: (row) => cellStyle(undefined, bold(row)) },
    { header: t("export:progress.rank"), get: ({ u }) => u?.rank ?? null },
    { header: t("export:progress.unitCode"), get: ({ u }) => u?.unit.code ?? null },
    { header: t("export:progress.unit"), get: ({ u }) => u?.unit.name ?? t("export:progress.total"), max: 40, style: (row) => cellStyle(undefined, bold(row)) },
    { header: t("export:progress.level"), get: ({ u }) => (u ? levelName(r, u.unit.level) : null), max: 30 },
    { header: t("export:progress.value"), get: (row) => figure(row.m.metric.type, pace(row).value), style: (row) => cellStyle(figureStyle(row.m.metric.type).numFmt, bold(row)) },
    { header: t("export:progress.target"), get: (row) => figure(row.m.metric.type, pace(row).target), style: (row) => cellStyle(figureStyle(row.m.metric.type).numFmt, bold(row)) },
    // % of target for counts and money; a level is its own percentage, so the column stays empty for it.
    { header: t("export:progress.ratio"), get: (row) => (row.m.metric.type === "percent" || pace(row).ratio === null ? null : pace(row).ratio! / 100), style: (row) => cellStyle("0.0%", bold(row)) },
    { header: t("export:progress.standing"), get: (row) => t(`export:standing.${pace(row).standing}`) },
    { header: t("export:progress.projected"), get: (row) => (pace(row).projected ? day(pace(row).projected!) : null), style: cellStyle(FORMATS.day) },
  ];
}

function missingColumns(t: Translate): Column<MissingRow>[] {
  const r = { t, locale: "" };
  const nobody = t("export:missing.noReporter");
  return [
    { header: t("export:missing.day"), get: (m) => day(m.day), style: cellStyle(FORMATS.day), width: 10 },
    { header: t("export:missing.unitCode"), get: (m) => m.unit.code },
    { header: t("export:missing.unit"), get: (m) => m.unit.name, max: 40 },
    { header: t("export:missing.level"), get: (m) => levelName(r, m.unit.level), max: 30 },
    { header: t("export:missing.reporters"), get: (m) => (m.reporters.length ? m.reporters.join(", ") : nobody), max: 50 },
  ];
}

function writeLong<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column<T>[], rows: readonly T[]): void {
  if (rows.length <= SHEET_ROWS) return writeSheet(wb, name, columns, rows);
  for (let i = 0; i * SHEET_ROWS < rows.length; i++) writeSheet(wb, i ? `${name} (${i + 1})` : name, columns, rows.slice(i * SHEET_ROWS, (i + 1) * SHEET_ROWS));
}

/** Builds the export and says how many rows it holds. */
export async function exportWorkbook(db: Db, campaign: Campaign, opts: ExportOptions): Promise<ExportResult> {
  const { t, from, to } = opts;
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Loaded on first use: ExcelJS is some 30 MB of memory that a bot nobody asks for an export never needs.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = "chiendich-bot";
  wb.title = campaign.name;

  const daily = dailyRows(db, campaign, from, to);
  writeLong(wb, t("export:sheets.daily"), dailyColumns(t), daily);

  const snapshot = campaignSnapshot(db, campaign, to);
  const progress = snapshot.metrics.flatMap((m): ProgressRow[] => [{ m, u: null }, ...m.units.map((u) => ({ m, u }))]);
  writeSheet(wb, t("export:sheets.progress"), progressColumns(t), progress);

  const missing = missingRows(db, campaign, from, to);
  writeLong(wb, t("export:sheets.missing"), missingColumns(t), missing);

  const about: [string, CellValue, CellStyle?][] = [
    [t("export:about.campaign"), campaign.name],
    [t("export:about.campaignId"), campaign.id],
    [t("export:about.from"), day(from), cellStyle(FORMATS.day)],
    [t("export:about.to"), day(to), cellStyle(FORMATS.day)],
    [t("export:about.progressDay"), day(to), cellStyle(FORMATS.day)],
    [t("export:about.exportedAt"), wallClock(campaign.timezone)((opts.now ?? new Date()).getTime()), cellStyle(FORMATS.time)],
    [t("export:about.note"), t("export:about.noteText"), NOTE],
  ];
  const aboutColumns: Column<(typeof about)[number]>[] = [
    { header: "", get: (r) => r[0], style: cellStyle(undefined, true) },
    { header: "", get: (r) => r[1], style: (r) => r[2] ?? cellStyle(), max: 80 },
  ];
  writeSheet(wb, t("export:sheets.about"), aboutColumns, about, { header: false });

  await wb.commit();
  return { data: Buffer.concat(chunks), figures: daily.length, missing: missing.length };
}

/** The export as an .xlsx file's bytes. */
export async function buildExport(db: Db, campaign: Campaign, opts: ExportOptions): Promise<Buffer> {
  return (await exportWorkbook(db, campaign, opts)).data;
}
