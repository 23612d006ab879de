/**
 * The export's building blocks and arguments: wall-clock times, the day range of /xuat, the chart words, and a
 * large export read back (row count, formats) on a seeded database.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadCampaignFile } from "../../../src/campaigns/load.ts";
import { syncCampaigns } from "../../../src/campaigns/sync.ts";
import { DEMO_CAMPAIGN_FILES } from "../../../src/config.ts";
import { chartArgs } from "../../../src/core/features/charts.ts";
import { exportRange } from "../../../src/core/features/export.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { createI18n } from "../../../src/i18n.ts";
import { wallClock } from "../../../src/render/xlsx-data.ts";
import { sheetName } from "../../../src/render/xlsx-sheet.ts";
import { exportWorkbook } from "../../../src/render/xlsx.ts";
import { bigCampaign, seed } from "../../bench/export.bench.ts";

const campaign = loadCampaignFile(DEMO_CAMPAIGN_FILES.find((f) => f.includes("vneid"))!);
const now = new Date("2023-06-25T10:00:00+07:00");

describe("wallClock", () => {
  it("writes an instant as the campaign zone's clock in UTC fields (what Excel shows)", () => {
    expect(wallClock("Asia/Ho_Chi_Minh")(Date.parse("2023-06-21T10:30:00Z")).toISOString()).toBe("2023-06-21T17:30:00.000Z");
    expect(wallClock("Europe/Paris")(Date.parse("2023-01-10T10:00:00Z")).toISOString()).toBe("2023-01-10T11:00:00.000Z");
    expect(wallClock("Europe/Paris")(Date.parse("2023-07-10T10:00:00Z")).toISOString()).toBe("2023-07-10T12:00:00.000Z");
  });
});

describe("exportRange", () => {
  it.each([
    ["", { from: "2023-06-20", to: "2023-06-25" }],
    ["21/6", { from: "2023-06-21", to: "2023-06-25" }],
    ["21/6 23/6", { from: "2023-06-21", to: "2023-06-23" }],
    ["21/6 - 23/6", { from: "2023-06-21", to: "2023-06-23" }],
    ["21/6 đến 23/6", { from: "2023-06-21", to: "2023-06-23" }],
    ["2023-06-21 23/6/2023", { from: "2023-06-21", to: "2023-06-23" }],
    ["hôm qua", { from: "2023-06-24", to: "2023-06-25" }],
    ["1/6 30/6", { from: "2023-06-20", to: "2023-06-25" }], // within the campaign, never past today
    ["23/6 21/6", { error: "badRange", from: "2023-06-23", to: "2023-06-21" }],
    ["31/2", { error: "badDay", value: "31/2" }],
    ["1/6 2/6 3/6", { error: "badDay", value: "3/6" }],
  ])("reads %j", (args, expected) => {
    expect(exportRange(campaign, args, now)).toEqual(expected);
  });

  it("has nothing to export before the campaign starts", () => {
    expect(exportRange(campaign, "", new Date("2023-06-01T10:00:00+07:00"))).toEqual({ error: "notStarted" });
  });
});

describe("chartArgs", () => {
  it.each([
    ["anh", ""],
    ["ảnh", ""],
    ["Ảnh kích hoạt", "kích hoạt"],
    ["chart", ""],
    ["biểu đồ 21/6", "21/6"],
    ["", null],
    ["kích hoạt", null],
    ["anhxyz", null],
  ])("reads %j", (args, expected) => {
    expect(chartArgs(args)).toBe(expected);
  });
});

describe("sheetName", () => {
  it("drops the characters Excel refuses and keeps 31 at most", () => {
    expect(sheetName("Số liệu [1/2]: *?")).toBe("Số liệu  1 2     ");
    expect(sheetName("a".repeat(40))).toHaveLength(31);
    expect(sheetName("x/y\\z")).toBe("x y z");
  });
});

describe("a large export", () => {
  it("holds every seeded figure, with Excel formats, read back by exceljs", async () => {
    const big = bigCampaign(60, 20);
    const db = openDatabase(":memory:");
    syncCampaigns(db, [big]);
    const seeded = seed(db, big);
    const { data, figures } = await exportWorkbook(db, big, { from: big.start, to: big.end, t: createI18n("vi").t("vi") });
    db.$client.close();
    expect(figures).toBe(seeded);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as never);
    const daily = wb.worksheets[0]!;
    expect(daily.rowCount).toBe(seeded + 1);
    expect(daily.getRow(2).getCell(6).numFmt).toBe("#,##0");
    const progress = wb.getWorksheet("Tiến độ")!;
    const rate: ExcelJS.Row[] = [];
    progress.eachRow((row) => row.getCell(1).value === "Tỷ lệ kích hoạt" && rate.push(row));
    expect(rate).toHaveLength(61);
  });
});
