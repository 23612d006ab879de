/**
 * Chart answers end to end on the demo campaign: /bxh anh and /tonghop anh send a PNG at least 1080 px wide whose
 * SVG names every unit with its figure; the scheduled leaderboard carries the chart when the campaign asks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { campaignChats } from "../../src/db/repos/chats.ts";
import { cumulativeSeries } from "../../src/core/features/charts.ts";
import { pickMetric } from "../../src/core/features/leaderboard.ts";
import { campaignSnapshot } from "../../src/core/progress/snapshot.ts";
import type { InboundMessage, Reply } from "../../src/core/types.ts";
import { formatPercent, formatValue } from "../../src/render/format.ts";
import { barChartSvg, lineChartSvg } from "../../src/render/charts.ts";
import { esc } from "../../src/render/svg.ts";
import { jobMessages } from "../../src/scheduling/scheduler.ts";
import type { Runtime } from "../../src/runtime.ts";
import { testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const GROUP = "-100500600";
const ADMIN = { senderId: "900", senderName: "Trần Quản Trị" };
const REPORTERS = { BLO: { senderId: "101", senderName: "Lê Văn Bình" }, DXO: { senderId: "102", senderName: "Phạm Thị Xoài" }, BGM: { senderId: "103", senderName: "Đỗ Mập" } };
type Who = { senderId: string; senderName: string };

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
let rt: Runtime;
let clock: Date;
let seq = 0;

function send(who: Who, text: string, over: Partial<InboundMessage> = {}): Promise<Reply[]> {
  return rt.core.handleMessage({ platform: "telegram", chatId: GROUP, chatType: "group", text, messageId: String(++seq), date: clock, ...who, ...over });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(async () => {
  clock = at("2023-06-20", "08:00");
  rt = testRuntime({ env: { ADMINS: `telegram:${ADMIN.senderId}` }, now: () => clock });
  await send(ADMIN, `/ketnoi ${CAMPAIGN}`);
  for (const [unit, who] of Object.entries(REPORTERS)) {
    const [made] = await send(ADMIN, `/mamoi ${unit}`);
    await send(who, `/dangky ${/([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made!.text!)![1]}`);
  }
  clock = at("2023-06-20", "16:00");
  await send(REPORTERS.BLO, "Bình Long: kích hoạt lũy kế 20.000 TK");
  await send(REPORTERS.DXO, "Đồng Xoài: kích hoạt lũy kế 12.000 TK");
  clock = at("2023-06-21", "16:00");
  await send(REPORTERS.BLO, "Bình Long: kích hoạt 2.000 TK");
  await send(REPORTERS.BGM, "Bù Gia Mập: kích hoạt lũy kế 30.000 TK");
  clock = at("2023-06-21", "20:00");
});

describe("/bxh anh", () => {
  it("sends a PNG leaderboard at least 1080 px wide with a caption", async () => {
    for (const text of ["/bxh anh", "/bxh ảnh", "/bxh chart"]) {
      const [reply] = await send(ADMIN, text);
      expect(reply!.attachment).toMatchObject({ kind: "image", filename: "bxh.png", mimeType: "image/png" });
      expect(pngSize(reply!.attachment!.data).width).toBeGreaterThanOrEqual(1080);
      expect(reply!.text).toContain("Bảng xếp hạng");
    }
  });

  it("still answers /bxh with the text table", async () => {
    const [reply] = await send(ADMIN, "/bxh");
    expect(reply!.attachment).toBeUndefined();
    expect(reply!.text).toContain("Thị xã Bình Long");
  });

  it("draws every unit's name with its figure, escaped, and the target line", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const metric = pickMetric(campaign, "")!;
    const snap = campaignSnapshot(rt.db, campaign, "2023-06-21");
    const svg = barChartSvg({ t: rt.i18n.t("vi"), locale: "vi" }, snap, metric);
    const m = snap.metrics.find((x) => x.metric.key === metric.key)!;
    for (const u of m.units) {
      expect(svg).toContain(esc(u.unit.name));
      if (u.value !== null) expect(svg).toContain(`${formatPercent(u.ratio!, "vi")} (${formatValue(u.value, "count", "vi")})`);
    }
    expect(svg).toContain("22.000"); // Bình Long: 20.000 + 2.000
    expect(svg).toContain("chưa có số liệu");
    expect(svg).toContain("Chỉ tiêu 100%");
  });

  it("escapes unit names taken from campaign files", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const odd = { ...campaign, units: campaign.units.map((u, i) => (i === 0 ? { ...u, name: `Xã <A> & "B"` } : u)) };
    const snap = campaignSnapshot(rt.db, odd, "2023-06-21");
    const svg = barChartSvg({ t: rt.i18n.t("vi"), locale: "vi" }, snap, pickMetric(odd, "")!);
    expect(svg).toContain("Xã &lt;A&gt; &amp; &quot;B&quot;");
    expect(svg).not.toContain("<A>");
  });
});

describe("/tonghop anh", () => {
  it("sends the campaign's line chart", async () => {
    const [reply] = await send(ADMIN, "/tonghop anh");
    expect(reply!.attachment).toMatchObject({ kind: "image", filename: "tonghop.png", mimeType: "image/png" });
    expect(pngSize(reply!.attachment!.data).width).toBeGreaterThanOrEqual(1080);
    expect(reply!.text).toContain("21/6/2023");
  });

  it("sums the units' running totals day by day and draws the latest and the target", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const metric = pickMetric(campaign, "")!;
    const series = cumulativeSeries(rt.db, campaign, metric, "2023-06-21");
    expect(series).toEqual([
      { day: "2023-06-20", value: 32_000 },
      { day: "2023-06-21", value: 64_000 },
    ]);
    const svg = lineChartSvg({ t: rt.i18n.t("vi"), locale: "vi" }, campaignSnapshot(rt.db, campaign, "2023-06-21"), metric, series);
    expect(svg).toContain("21/6: 64.000");
    expect(svg).toContain("Chỉ tiêu 500.000");
    expect(svg).toContain("64.000 / 500.000 (12,8%)");
  });

  it("is for leaders and admins, like /tonghop", async () => {
    const [reply] = await send(REPORTERS.BLO, "/tonghop anh");
    expect(reply!.attachment).toBeUndefined();
  });
});

describe("the scheduled leaderboard", () => {
  it("carries the chart when the campaign's schedule asks for it", () => {
    const campaign = rt.campaigns.get(CAMPAIGN)!;
    const job = { id: "leaderboard@20:00", kind: "leaderboard" as const, at: "20:00" };
    const plain = jobMessages({ db: rt.db, i18n: rt.i18n }, campaign, job, "2023-06-21");
    expect(plain.every((m) => m.reply.attachment === undefined)).toBe(true);
    const withChart = { ...campaign, schedule: { ...campaign.schedule!, leaderboardChart: true } };
    const messages = jobMessages({ db: rt.db, i18n: rt.i18n }, withChart, job, "2023-06-21");
    expect(messages).toHaveLength(campaignChats(rt.db, CAMPAIGN).length);
    for (const { reply } of messages) {
      expect(reply.text).toContain("Bảng xếp hạng");
      expect(reply.attachment).toMatchObject({ kind: "image", mimeType: "image/png" });
    }
  });
});
