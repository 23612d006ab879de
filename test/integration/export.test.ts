/**
 * /xuat end to end on the demo campaign: reports go in as group messages over three days (a correction, a late
 * report, a withdrawn one), a leader asks for the export, and the .xlsx is opened with exceljs and checked
 * against the stored reports, the progress snapshot and the units that did not report.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { campaignSnapshot } from "../../src/core/progress/snapshot.ts";
import type { InboundMessage, Reply } from "../../src/core/types.ts";
import { reports, reportValues } from "../../src/db/schema.ts";
import type { Runtime } from "../../src/runtime.ts";
import { testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const GROUP = "-100300400";
const ADMIN = { senderId: "900", senderName: "Trần Quản Trị" };
const BLO = { senderId: "101", senderName: "Lê Văn Bình" };
const DXO = { senderId: "102", senderName: "Phạm Thị Xoài" };
const CITIZEN = { senderId: "555", senderName: "Người Dân" };
type Who = { senderId: string; senderName: string };

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
let rt: Runtime;
let clock: Date;
let seq = 0;

function send(who: Who, text: string, over: Partial<InboundMessage> = {}): Promise<Reply[]> {
  return rt.core.handleMessage({ platform: "telegram", chatId: GROUP, chatType: "group", text, messageId: String(++seq), date: clock, ...who, ...over });
}

async function join(who: Who, unit: string): Promise<void> {
  const [made] = await send(ADMIN, `/mamoi ${unit}`);
  const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made!.text!)![1]!;
  await send(who, `/dangky ${code}`);
}

async function openXlsx(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  return wb;
}

/** A sheet's rows as arrays of values (first column at index 0). */
function table(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

let exported: Reply;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  clock = at("2023-06-20", "08:00");
  rt = testRuntime({ env: { ADMINS: `telegram:${ADMIN.senderId}` }, now: () => clock });
  await send(ADMIN, `/ketnoi ${CAMPAIGN}`);
  await join(BLO, "BLO");
  await join(DXO, "DXO");
  clock = at("2023-06-20", "16:00");
  await send(BLO, "Bình Long: kích hoạt 856 TK, lũy kế 30.115");
  await send(DXO, "Đồng Xoài: kích hoạt 1.204 TK");
  clock = at("2023-06-21", "10:00");
  await send(BLO, "Bình Long: kích hoạt 500 TK");
  clock = at("2023-06-21", "11:00");
  await send(BLO, "Bình Long xin điều chỉnh: kích hoạt 550 TK"); // replaces 500
  await send(DXO, "Đồng Xoài: kích hoạt 999 TK", { messageId: "m-withdrawn" });
  rt.core.handleRecall({ platform: "telegram", chatId: GROUP, messageId: "m-withdrawn" });
  clock = at("2023-06-22", "05:30");
  await send(DXO, "Đồng Xoài: kích hoạt 700 TK"); // before the cut-off: counts for 21/6, late
  clock = at("2023-06-22", "20:00");
  exported = (await send(ADMIN, "/xuat"))[0]!;
  wb = await openXlsx(exported.attachment!.data);
});

describe("/xuat", () => {
  it("sends an .xlsx named after the campaign and the days, with a short text", () => {
    expect(exported.attachment).toMatchObject({
      kind: "file",
      filename: `${CAMPAIGN}-2023-06-20-2023-06-22.xlsx`,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(exported.text).toContain("20/6/2023");
    expect(exported.text).toContain("22/6/2023");
    expect(exported.attachment!.data.subarray(0, 2).toString()).toBe("PK");
  });

  it("has the daily, progress, missing and about sheets with Vietnamese headers and a frozen header row", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Số liệu hằng ngày", "Tiến độ", "Chưa báo cáo", "Thông tin"]);
    const daily = wb.getWorksheet("Số liệu hằng ngày")!;
    expect(table(daily)[0]).toEqual(["Ngày", "Mã đơn vị", "Đơn vị", "Chỉ số", "Loại số liệu", "Số liệu", "Người báo cáo", "Thời điểm gửi", "Trễ hạn"]);
    for (const name of ["Số liệu hằng ngày", "Tiến độ", "Chưa báo cáo"]) expect(wb.getWorksheet(name)!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(daily.getColumn(3).width).toBeGreaterThanOrEqual("Thành phố Đồng Xoài".length);
  });

  it("lists exactly the figures that count, with who sent them, when (campaign time) and whether late", () => {
    const stored = rt.db
      .select({ day: reportValues.day, unit: reportValues.unitCode, metric: reportValues.metricKey, kind: reportValues.kind, value: reportValues.value, sender: reports.senderName, sentAt: reports.sentAt, late: reports.late })
      .from(reportValues)
      .innerJoin(reports, eq(reports.id, reportValues.reportId))
      .where(and(eq(reportValues.campaignId, CAMPAIGN), eq(reportValues.active, true)))
      .all();
    const rows = table(wb.getWorksheet("Số liệu hằng ngày")!).slice(1);
    expect(rows).toHaveLength(stored.length);
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const label = (key: string) => campaign.metrics.find((m) => m.key === key)!.label;
    const name = (code: string) => campaign.units.find((u) => u.code === code)!.name;
    // Wall-clock time in Asia/Ho_Chi_Minh (UTC+7), written as Excel shows it.
    const wall = (ms: number) => new Date(ms + 7 * 3_600_000);
    const expected = stored.map((s) => [new Date(`${s.day}T00:00:00Z`), s.unit, name(s.unit), label(s.metric), s.kind === "daily" ? "Trong ngày" : "Lũy kế", s.value, s.sender, wall(s.sentAt), s.late ? "Có" : "Không"]);
    expect(rows).toEqual(expect.arrayContaining(expected));
    // The replaced 500 and the withdrawn 999 are not there; the late 700 is.
    expect(rows.map((r) => r[5])).not.toContain(500);
    expect(rows.map((r) => r[5])).not.toContain(999);
    expect(rows.find((r) => r[5] === 700)).toEqual([new Date("2023-06-21T00:00:00Z"), "DXO", "Thành phố Đồng Xoài", label("activated"), "Trong ngày", 700, DXO.senderName, new Date("2023-06-22T05:30:00Z"), "Có"]);
    // By day, then unit in the campaign file's order.
    const order = rows.map((r) => [(r[0] as Date).getTime(), campaign.units.findIndex((u) => u.code === r[1])] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it("formats days, times and figures for Excel (dd/mm/yyyy, #,##0)", () => {
    const row = wb.getWorksheet("Số liệu hằng ngày")!.getRow(2);
    expect(row.getCell(1).numFmt).toBe("dd/mm/yyyy");
    expect(row.getCell(6).numFmt).toBe("#,##0");
    expect(row.getCell(8).numFmt).toBe("dd/mm/yyyy hh:mm");
  });

  it("holds the progress of every unit as of the last day: cumulative, target, % and rank", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const snap = campaignSnapshot(rt.db, campaign, "2023-06-22");
    const rows = table(wb.getWorksheet("Tiến độ")!);
    expect(rows[0]).toEqual(["Chỉ số", "Hạng", "Mã đơn vị", "Đơn vị", "Khối", "Lũy kế", "Chỉ tiêu", "% chỉ tiêu", "Tình trạng", "Dự kiến ngày đạt"]);
    const activated = snap.metrics.find((m) => m.metric.key === "activated")!;
    const label = activated.metric.label;
    const mine = rows.filter((r) => r[0] === label);
    expect(mine).toHaveLength(campaign.units.length + 1);
    expect(mine[0]!.slice(3, 8)).toEqual(["Toàn chiến dịch", undefined, activated.value, activated.target, activated.ratio! / 100]);
    for (const u of activated.units) {
      const row = mine.find((r) => r[2] === u.unit.code)!;
      expect(row[1]).toBe(u.rank ?? undefined);
      expect(row[5]).toBe(u.value ?? undefined);
      expect(row[6]).toBe(u.target ?? undefined);
    }
    const blo = mine.find((r) => r[2] === "BLO")!;
    expect(blo[5]).toBe(30_115 + 550); // the running total, then the next day's figure
    expect(blo[7]).toBeCloseTo((30_665 / 28_750) * 1, 6);
    expect(blo[8]).toBe("Đã đạt chỉ tiêu");
  });

  it("lists the units that did not report, day by day", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const rows = table(wb.getWorksheet("Chưa báo cáo")!).slice(1);
    const day = (iso: string) => rows.filter((r) => (r[0] as Date).toISOString().startsWith(iso)).map((r) => r[1]);
    const others = campaign.units.map((u) => u.code).filter((c) => c !== "BLO" && c !== "DXO");
    expect(day("2023-06-20")).toEqual(others);
    expect(day("2023-06-21")).toEqual(others);
    expect(day("2023-06-22")).toEqual(campaign.units.map((u) => u.code));
    expect(rows.find((r) => r[1] === "BLO")![4]).toBe(BLO.senderName);
    expect(rows.find((r) => r[1] === "LNI")![4]).toBe("(chưa có người báo cáo)");
  });

  it("takes a range of days and keeps it within the campaign and today", async () => {
    const [reply] = await send(ADMIN, "/xuat 21/6 đến 30/6");
    expect(reply!.attachment!.filename).toBe(`${CAMPAIGN}-2023-06-21-2023-06-22.xlsx`);
    const rows = table((await openXlsx(reply!.attachment!.data)).worksheets[0]!).slice(1);
    expect(new Set(rows.map((r) => (r[0] as Date).toISOString().slice(0, 10)))).toEqual(new Set(["2023-06-21"]));
    expect((await send(ADMIN, "/xuat 22/6 20/6"))[0]!.text).toContain("sau ngày kết thúc");
    // One ISO day is read too (two in a row look like an ID number to the privacy filter, which hides them).
    expect((await send(ADMIN, "/xuat 2023-06-22"))[0]!.attachment!.filename).toBe(`${CAMPAIGN}-2023-06-22-2023-06-22.xlsx`);
    expect((await send(ADMIN, "/xuat 31/2"))[0]!.text).toContain("Không đọc được ngày");
  });

  it("is for leaders and admins only", async () => {
    const [reply] = await send(CITIZEN, "/xuat");
    expect(reply!.attachment).toBeUndefined();
    const [reporter] = await send(BLO, "/xuat");
    expect(reporter!.attachment).toBeUndefined();
  });

  it("writes English headers for an English-speaking leader", async () => {
    await send(ADMIN, "/ngonngu en");
    const [reply] = await send(ADMIN, "/xuat");
    await send(ADMIN, "/ngonngu vi");
    const en = await openXlsx(reply!.attachment!.data);
    expect(en.worksheets.map((w) => w.name)).toEqual(["Daily figures", "Progress", "Missing reports", "About"]);
    expect(table(en.worksheets[0]!)[0]![0]).toBe("Day");
  });
});
