/**
 * Progress figures end to end on a small campaign (test/fixtures/campaigns/progress-fixture.yaml): reports go in
 * as group messages, then the snapshot's numbers and the texts of /tiendo, /bxh, /chuabaocao and /tonghop are
 * checked against figures worked out by hand.
 *
 * The baseline, all "activated" unless said (p1 targets: ALA 2.000, BTO 2.000, BSO 5.000, STP 1.000, SYT 1.000):
 *   1/3  ALA running total 400, BTO 200, BSO 1.000, STP 100
 *   7/3  daily: ALA 600, BTO 600, BSO 1.000, STP 300
 *        → 7/3: ALA 1.000 (50%), BTO 800 (40%), BSO 2.000 (40%), STP 400 (40%): ranks 1, 2, 2, 2
 *   8/3  BTO running total 1.500, received 1.234, overdue 4%; BSO daily 1.750 with running total 3.750, overdue 8%;
 *        STP daily 100, overdue 2%; ALA received 1.260, overdue 2%; SYT nothing
 *        → 8/3: ALA 1.000 (50%), BTO 1.500 (75%), BSO 3.750 (75%), STP 500 (50%): ranks 3, 1, 1, 3
 */
import { beforeEach, describe, expect, it } from "vitest";
import { loadCampaignFile } from "../../src/campaigns/load.ts";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { campaignSnapshot, type CampaignSnapshot, type MetricStanding } from "../../src/core/progress/snapshot.ts";
import type { InboundMessage, Reply } from "../../src/core/types.ts";
import type { Runtime } from "../../src/runtime.ts";
import { testRuntime } from "../helpers/runtime.ts";

const FIXTURE = new URL("../fixtures/campaigns/progress-fixture.yaml", import.meta.url).pathname;
const GROUP = "-100777";
const ADMIN = { senderId: "900", senderName: "Trần Quản Trị" };
const REPORTERS = {
  ALA: { senderId: "201", senderName: "Lê An" },
  BTO: { senderId: "202", senderName: "Hồ Ba" },
  BSO: { senderId: "203", senderName: "Phạm Bình" },
  STP: { senderId: "204", senderName: "Võ Tư" },
  SYT: { senderId: "205", senderName: "Đinh Y" },
} as const;
type Who = { senderId: string; senderName: string };

/** HH:MM on a day of March 2024 in Asia/Ho_Chi_Minh. */
const at = (day: number, hhmm = "09:00") => new Date(`2024-03-${String(day).padStart(2, "0")}T${hhmm}:00+07:00`);

let campaign: Campaign;
let rt: Runtime;
let clock: Date;
let seq = 0;

function send(who: Who, text: string, over: Partial<InboundMessage> = {}): Promise<Reply[]> {
  return rt.core.handleMessage({ platform: "telegram", chatId: GROUP, chatType: "group", text, messageId: String(++seq), date: clock, ...who, ...over });
}

/** The text of every reply, joined. */
async function ask(who: Who, text: string): Promise<string> {
  return (await send(who, text)).map((r) => r.text ?? "").join("\n");
}

const snap = (day: number): CampaignSnapshot => campaignSnapshot(rt.db, campaign, `2024-03-${String(day).padStart(2, "0")}`);
const metricOf = (s: CampaignSnapshot, key: string): MetricStanding => s.metrics.find((m) => m.metric.key === key)!;
const unitOf = (s: CampaignSnapshot, key: string, code: string) => metricOf(s, key).units.find((u) => u.unit.code === code)!;
/** Unit code → rank (null: no figure). */
const ranks = (s: CampaignSnapshot, key: string) => Object.fromEntries(metricOf(s, key).units.map((u) => [u.unit.code, u.rank]));

async function setUp(): Promise<void> {
  campaign = loadCampaignFile(FIXTURE);
  clock = at(1, "08:00");
  rt = testRuntime({ campaigns: [campaign], env: { ADMINS: `telegram:${ADMIN.senderId}` }, now: () => clock });
  expect(await ask(ADMIN, `/ketnoi ${campaign.id}`)).toContain("nhóm báo cáo");
  for (const [code, who] of Object.entries(REPORTERS)) {
    const made = await ask(ADMIN, `/mamoi ${code}`);
    const joinCode = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made)![1]!;
    expect(await ask(who, `/dangky ${joinCode}`)).toContain(campaign.units.find((u) => u.code === code)!.name);
  }
}

async function baseline(): Promise<void> {
  clock = at(1);
  await send(REPORTERS.ALA, "An Lão: kích hoạt lũy kế 400 TK");
  await send(REPORTERS.BTO, "Ba Tơ: kích hoạt lũy kế 200 TK");
  await send(REPORTERS.BSO, "Bình Sơn: kích hoạt lũy kế 1.000 TK");
  await send(REPORTERS.STP, "Sở Tư pháp: kích hoạt lũy kế 100 TK");
  clock = at(7);
  await send(REPORTERS.ALA, "An Lão: kích hoạt 600 TK");
  await send(REPORTERS.BTO, "Ba Tơ: kích hoạt 600 TK");
  await send(REPORTERS.BSO, "Bình Sơn: kích hoạt 1.000 TK");
  await send(REPORTERS.STP, "Sở Tư pháp: kích hoạt 300 TK");
  clock = at(8);
  await send(REPORTERS.BTO, "Ba Tơ: kích hoạt lũy kế 1.500 TK, thu nhận 1.234 hồ sơ, tỷ lệ quá hạn 4%");
  await send(REPORTERS.BSO, "Bình Sơn: kích hoạt 1.750 TK, lũy kế 3.750 TK; tỷ lệ quá hạn 8%");
  await send(REPORTERS.STP, "Sở Tư pháp: kích hoạt 100 TK; tỷ lệ quá hạn 2%");
  await send(REPORTERS.ALA, "An Lão: thu nhận 1.260 hồ sơ, tỷ lệ quá hạn 2%");
  clock = at(8, "18:00");
}

beforeEach(async () => {
  await setUp();
  await baseline();
});

describe("the snapshot's figures", () => {
  it("gives each unit its cumulative figure, target, % of target and pace", () => {
    const s = snap(8);
    const a = (code: string) => unitOf(s, "activated", code);
    // Cumulative: 400 + 600 = 1.000 (no report on 8/3, carried forward); 1.500 (latest running total);
    // 3.750 (a running total on the same day as a daily figure already includes it); 100 + 300 + 100 = 500.
    expect(["ALA", "BTO", "BSO", "STP", "SYT"].map((c) => a(c).value)).toEqual([1000, 1500, 3750, 500, null]);
    // Targets: p1's 10.000 shared by eligible (10.000 / 50.000 → 2.000, 5.000 / 50.000 → 1.000); BSO's own p1 5.000.
    expect(["ALA", "BTO", "BSO", "STP", "SYT"].map((c) => a(c).target)).toEqual([2000, 2000, 5000, 1000, 1000]);
    expect(["ALA", "BTO", "BSO", "STP"].map((c) => a(c).ratio)).toEqual([50, 75, 75, 50]);

    // Pace on 8/3: the window is 7 days (base: 1/3), the phase ends 14/3, so 7 days are left including today.
    expect(s).toMatchObject({ dayNo: 8, days: 31, horizon: "2024-03-14", daysLeft: 7 });
    expect(s.phase?.key).toBe("p1");
    // ALA: (1.000 − 400) / 7 = 85,71/day; needs (2.000 − 1.000) / 7 = 142,86/day; 1.000 / 85,71 = 11,67 → 12 days → 20/3.
    expect(a("ALA").avg7).toBeCloseTo(600 / 7, 9);
    expect(a("ALA").needed).toBeCloseTo(1000 / 7, 9);
    expect(a("ALA")).toMatchObject({ projected: "2024-03-20", standing: "behind" });
    // BTO: (1.500 − 200) / 7 = 185,71; needs 500 / 7 = 71,43; 500 / 185,71 = 2,69 → 3 days → 11/3, before 14/3.
    expect(a("BTO").avg7).toBeCloseTo(1300 / 7, 9);
    expect(a("BTO").needed).toBeCloseTo(500 / 7, 9);
    expect(a("BTO")).toMatchObject({ projected: "2024-03-11", standing: "onTrack" });
    // BSO: (3.750 − 1.000) / 7 = 392,86; needs 1.250 / 7 = 178,57; 1.250 / 392,86 = 3,18 → 4 days → 12/3.
    expect(a("BSO").avg7).toBeCloseTo(2750 / 7, 9);
    expect(a("BSO")).toMatchObject({ projected: "2024-03-12", standing: "onTrack" });
    // STP: (500 − 100) / 7 = 57,14; 500 / 57,14 = 8,75 → 9 days → 17/3, after the phase ends.
    expect(a("STP").avg7).toBeCloseTo(400 / 7, 9);
    expect(a("STP")).toMatchObject({ projected: "2024-03-17", standing: "behind" });
    expect(a("SYT")).toMatchObject({ value: null, ratio: null, avg7: null, standing: "noReport", rank: null });
  });

  it("falls back from the unit's target to the campaign's, and totals the campaign against its own target", () => {
    const s = snap(8);
    const r = (code: string) => unitOf(s, "received", code);
    // BTO has its own 3.000; the others share the metric's 20.000 by eligible (ALA 10.000 / 50.000 → 4.000).
    expect(r("BTO")).toMatchObject({ value: 1234, target: 3000 });
    expect(r("BTO").ratio).toBeCloseTo((1234 / 3000) * 100, 9); // 41,13%
    expect(r("ALA")).toMatchObject({ value: 1260, target: 4000, ratio: 31.5 });
    expect(r("BSO")).toMatchObject({ value: null, target: 8000, rank: null });

    const act = metricOf(s, "activated");
    // 1.000 + 1.500 + 3.750 + 500 = 6.750 against p1's 10.000 (not the units' sum, 11.000): 67,5%.
    expect(act).toMatchObject({ value: 6750, target: 10000, ratio: 67.5 });
    // (6.750 − 1.700) / 7 = 721,43/day; needs 3.250 / 7 = 464,29/day; 3.250 / 721,43 = 4,5 → 5 days → 13/3.
    expect(act.avg7).toBeCloseTo(5050 / 7, 9);
    expect(act.needed).toBeCloseTo(3250 / 7, 9);
    expect(act).toMatchObject({ projected: "2024-03-13", standing: "onTrack" });
    // 1.260 + 1.234 = 2.494 of the metric's 20.000.
    expect(metricOf(s, "received")).toMatchObject({ value: 2494, target: 20000 });
    // A level for percent metrics: the mean of (2 + 4 + 8 + 2) / 4 = 4%, under the 5% ceiling.
    expect(metricOf(s, "overdue")).toMatchObject({ value: 4, target: 5, standing: "done" });

    // Reported on 8/3: everyone but SYT (ALA sent received and overdue only).
    expect([...s.reportedToday].sort()).toEqual(["ALA", "BSO", "BTO", "STP"]);
  });

  it("ranks by % of target with ties sharing a rank, and keeps yesterday's ranks for the change", () => {
    // 7/3: ALA 50%, BTO 40%, BSO 40%, STP 40%. 8/3: BTO 75%, BSO 75%, ALA 50%, STP 50%.
    expect(ranks(snap(7), "activated")).toEqual({ ALA: 1, BTO: 2, BSO: 2, STP: 2, SYT: null });
    expect(ranks(snap(8), "activated")).toEqual({ BTO: 1, BSO: 1, ALA: 3, STP: 3, SYT: null });
    expect(unitOf(snap(8), "activated", "ALA")).toMatchObject({ rank: 3, prevRank: 1, change: 0 });
    // The change since yesterday: BSO 3.750 − 2.000 = 1.750.
    expect(unitOf(snap(8), "activated", "BSO")).toMatchObject({ rank: 1, prevRank: 2, change: 1750 });
    // Best first, units without a figure last.
    expect(metricOf(snap(8), "activated").units.map((u) => u.unit.code)).toEqual(["BTO", "BSO", "ALA", "STP", "SYT"]);
  });

  it("ranks a lower-is-better rate lowest first", () => {
    // Overdue: ALA 2%, STP 2% (tie), BTO 4%, BSO 8%; 8% is over the 5% ceiling.
    expect(ranks(snap(8), "overdue")).toEqual({ ALA: 1, STP: 1, BTO: 3, BSO: 4, SYT: null });
    expect(unitOf(snap(8), "overdue", "BSO").standing).toBe("behind");
    expect(unitOf(snap(8), "overdue", "ALA").standing).toBe("done");
  });
});

describe("the answers", () => {
  it("/tiendo: the whole campaign, with day X/N, the phase, x/y reported and the pace", async () => {
    const text = await ask(ADMIN, "/tiendo");
    expect(text).toContain('Tiến độ chiến dịch "Chiến dịch thử tiến độ"');
    expect(text).toContain("Ngày 8/3 (ngày thứ 8/31), Giai đoạn 1: Cao điểm, còn 7 ngày");
    expect(text).toContain("Đơn vị đã báo cáo hôm nay: 4/5");
    expect(text).toContain("**Kích hoạt tài khoản**: 6.750 / 10.000 (67,5%)");
    // 721,43 → 721; 464,29 → 465 (rounded up: it is a floor to reach).
    expect(text).toContain("bình quân 721/ngày · cần 465/ngày · dự kiến đạt ngày 13/3/2024 🟢");
    // 2.494 / 20.000 = 12,47%.
    expect(text).toContain("**Thu nhận hồ sơ**: 2.494 / 20.000 (12,5%)");
    expect(text).toContain("**Tỷ lệ hồ sơ quá hạn**: 4% (chỉ tiêu 5%) ✅");
  });

  it("/tiendo <unit>: the unit's figures against its targets, with its rank and the change", async () => {
    const bto = await ask(ADMIN, "/tiendo Ba Tơ");
    expect(bto).toContain("Tiến độ của Huyện Ba Tơ");
    expect(bto).toContain("✅ Đã báo cáo hôm nay.");
    expect(bto).toContain("**Kích hoạt tài khoản**: 1.500 / 2.000 (75%) — hạng 1/4 ↑1");
    // 185,71 → 186; 71,43 → 72.
    expect(bto).toContain("bình quân 186/ngày · cần 72/ngày · dự kiến đạt ngày 11/3/2024 🟢");
    expect(bto).toContain("**Thu nhận hồ sơ**: 1.234 / 3.000 (41,1%) — hạng 1/2");
    expect(bto).toContain("**Tỷ lệ hồ sơ quá hạn**: 4% (chỉ tiêu 5%) ✅ — hạng 3/4");

    const ala = await ask(ADMIN, "/tiendo An Lão");
    expect(ala).toContain("**Kích hoạt tài khoản**: 1.000 / 2.000 (50%) — hạng 3/4 ↓2");
    // 85,71 → 86; 142,86 → 143; behind.
    expect(ala).toContain("bình quân 86/ngày · cần 143/ngày · dự kiến đạt ngày 20/3/2024 🔴");
    expect(ala).toContain("**Thu nhận hồ sơ**: 1.260 / 4.000 (31,5%) — hạng 2/2");

    const syt = await ask(ADMIN, "/tiendo Sở Y tế");
    expect(syt).toContain("⏳ Chưa báo cáo hôm nay.");
    expect(syt).toContain("**Kích hoạt tài khoản**: chưa có số liệu");
  });

  it("/tiendo <level>: the level's totals against the sum of its units' targets", async () => {
    const text = await ask(ADMIN, "/tiendo các huyện");
    expect(text).toContain("Tiến độ khối huyện, thị xã, thành phố");
    expect(text).toContain("Đơn vị đã báo cáo hôm nay: 3/3");
    // 1.000 + 1.500 + 3.750 = 6.250 of 2.000 + 2.000 + 5.000 = 9.000: 69,44%.
    expect(text).toContain("**Kích hoạt tài khoản**: 6.250 / 9.000 (69,4%)");
  });

  it("/bxh: one table per level, ties sharing a rank, the change, and units with no figure", async () => {
    const text = await ask(ADMIN, "/bxh");
    expect(text).toContain("Bảng xếp hạng: Kích hoạt tài khoản");
    expect(text).toContain("Xếp theo % chỉ tiêu");
    expect(text).toContain("**Khối huyện, thị xã, thành phố**");
    expect(text).toMatch(/1 +Huyện Ba Tơ +75% +↑1\n1 +Huyện Bình Sơn +75% +↑1\n3 +Huyện An Lão +50% +↓2/);
    expect(text).toContain("**Khối sở, ban, ngành**");
    // Among departments STP was and is first: no arrow.
    expect(text).toMatch(/\n1 +Sở Tư pháp +50%\n/);
    expect(text).toContain("Chưa có số liệu (1): Sở Y tế");
  });

  it("/bxh <metric>: a lower-is-better rate lowest first; a metric few units reported", async () => {
    const overdue = await ask(ADMIN, "/bxh quá hạn");
    expect(overdue).toContain("thấp trước vì càng thấp càng tốt");
    expect(overdue).toMatch(/1 +Huyện An Lão +2%\n2 +Huyện Ba Tơ +4%\n3 +Huyện Bình Sơn +8%/);
    const received = await ask(ADMIN, "/bxh thu nhận");
    expect(received).toMatch(/1 +Huyện Ba Tơ +41,1%\n2 +Huyện An Lão +31,5%/);
    expect(received).toContain("Chưa có số liệu (1): Huyện Bình Sơn");
    expect(received).toContain("Chưa có số liệu (2): Sở Tư pháp, Sở Y tế");
  });

  it("/chuabaocao: the units missing today, with their reporters", async () => {
    const text = await ask(ADMIN, "/chuabaocao");
    expect(text).toContain("Đơn vị chưa báo cáo ngày 8/3: 1/5");
    expect(text).toContain("• Sở Y tế (Đinh Y)");
    expect(text).not.toContain("An Lão");
  });

  it("/tonghop: coverage, totals, units behind, silent units and the day's movers", async () => {
    const text = await ask(ADMIN, "/tonghop");
    expect(text).toContain("Tổng hợp ngày 8/3");
    expect(text).toContain("(ngày thứ 8/31), Giai đoạn 1: Cao điểm, còn 7 ngày");
    expect(text).toContain("Báo cáo trong ngày: 4/5 đơn vị (1 đơn vị chưa báo cáo).");
    expect(text).toContain("**Kích hoạt tài khoản**: 6.750 / 10.000 (67,5%)");
    expect(text).toContain("2 đơn vị: Huyện An Lão, Sở Tư pháp.");
    // SYT has not reported since the campaign began: 8 days.
    expect(text).toContain("Sở Y tế (8 ngày)");
    // Changes since 7/3 of the units that reported today: BSO 3.750 − 2.000, BTO 1.500 − 800, STP 500 − 400.
    expect(text).toContain("Huyện Bình Sơn +1.750, Huyện Ba Tơ +700, Sở Tư pháp +100");
  });
});

describe("changes", () => {
  it("lets a correction change the ranks", async () => {
    clock = at(8, "19:00");
    await send(REPORTERS.STP, "Sở Tư pháp xin điều chỉnh: kích hoạt 800 TK");
    const s = snap(8);
    // STP: 100 + 300 + 800 = 1.200 of 1.000 → 120%, first; BTO and BSO share second; ALA falls to 4th.
    expect(unitOf(s, "activated", "STP")).toMatchObject({ value: 1200, ratio: 120, needed: 0, projected: null, standing: "done" });
    expect(ranks(s, "activated")).toEqual({ STP: 1, BTO: 2, BSO: 2, ALA: 4, SYT: null });
    // The 2% overdue figure STP sent earlier that day still counts: the correction named activations only.
    expect(unitOf(s, "overdue", "STP").value).toBe(2);
    const text = await ask(ADMIN, "/tiendo Sở Tư pháp");
    expect(text).toContain("**Kích hoạt tài khoản**: 1.200 / 1.000 (120%) — hạng 1/4 ↑1");
    expect(text).toContain("đã đạt chỉ tiêu ✅");
  });

  it("counts a report sent before the 06:00 cut-off for the day before", async () => {
    clock = at(9, "05:30");
    await send(REPORTERS.SYT, "Sở Y tế: kích hoạt 1.000 TK");
    clock = at(9, "06:30");
    await send(REPORTERS.ALA, "An Lão: kích hoạt 100 TK");
    // SYT's 1.000 counts for 8/3 (100% of 1.000, first); ALA's 100 for 9/3 only.
    const s8 = snap(8);
    expect(unitOf(s8, "activated", "SYT")).toMatchObject({ value: 1000, rank: 1, standing: "done" });
    expect(ranks(s8, "activated")).toEqual({ SYT: 1, BTO: 2, BSO: 2, ALA: 4, STP: 4 });
    expect(s8.reportedToday.size).toBe(5);
    expect(unitOf(s8, "activated", "ALA").value).toBe(1000);
    expect(unitOf(snap(9), "activated", "ALA").value).toBe(1100);
    expect(await ask(ADMIN, "/tiendo Ba Tơ")).toContain("hạng 2/5");
    expect(await ask(ADMIN, "/tonghop hôm qua")).toContain("Báo cáo trong ngày: 5/5 đơn vị (0 đơn vị chưa báo cáo).");
  });

  it("switches targets when the phase changes: phase 1's 10.000 to phase 2's 80% of eligible", async () => {
    const last = snap(14);
    expect(last).toMatchObject({ daysLeft: 1, horizon: "2024-03-14" });
    expect(metricOf(last, "activated").target).toBe(10000);
    expect(unitOf(last, "activated", "BSO").target).toBe(5000);

    const first = snap(15);
    expect(first.phase?.key).toBe("p2");
    expect(first).toMatchObject({ dayNo: 15, horizon: "2024-03-31", daysLeft: 17 });
    // 80% of 50.000 eligible = 40.000; of BSO's 20.000 = 16.000 (its p1 override no longer applies).
    expect(metricOf(first, "activated")).toMatchObject({ value: 6750, target: 40000, ratio: 16.875 });
    expect(["ALA", "BTO", "BSO", "STP", "SYT"].map((c) => unitOf(first, "activated", c).target)).toEqual([8000, 8000, 16000, 4000, 4000]);
    // 1.000 / 8.000 = 12,5%; 1.500 / 8.000 = 18,75%; 3.750 / 16.000 = 23,44%; 500 / 4.000 = 12,5%.
    expect(ranks(first, "activated")).toEqual({ BSO: 1, BTO: 2, ALA: 3, STP: 3, SYT: null });
    expect(unitOf(first, "activated", "BTO")).toMatchObject({ rank: 2, prevRank: 1 });
    // Nothing reported since 8/3: no pace, so no projected day; (40.000 − 6.750) / 17 = 1.955,88/day needed.
    expect(metricOf(first, "activated")).toMatchObject({ avg7: 0, projected: null, standing: "behind" });
    expect(metricOf(first, "activated").needed).toBeCloseTo(33250 / 17, 9);

    clock = at(15);
    const text = await ask(ADMIN, "/tiendo");
    expect(text).toContain("Ngày 15/3 (ngày thứ 15/31), Giai đoạn 2: Về đích, còn 17 ngày");
    expect(text).toContain("**Kích hoạt tài khoản**: 6.750 / 40.000 (16,9%)");
    expect(text).toContain("cần 1.956/ngày · chưa dự báo được ngày đạt 🔴");
    expect(text).toContain("Đơn vị đã báo cáo hôm nay: 0/5");
    const board = await ask(ADMIN, "/bxh");
    expect(board).toMatch(/1 +Huyện Bình Sơn +23,4%\n2 +Huyện Ba Tơ +18,8% +↓1\n3 +Huyện An Lão +12,5%/);
  });
});

describe("questions in plain words, in the bound group", () => {
  const cases: [string, string][] = [
    ["tiến độ?", 'Tiến độ chiến dịch "Chiến dịch thử tiến độ"'],
    ["tien do", 'Tiến độ chiến dịch "Chiến dịch thử tiến độ"'],
    ["tiến độ Bình Sơn", "Tiến độ của Huyện Bình Sơn"],
    ["tien do binh son", "Tiến độ của Huyện Bình Sơn"],
    ["huyện Ba Tơ đạt bao nhiêu rồi", "Tiến độ của Huyện Ba Tơ"],
    ["huyen ba to dat bao nhieu roi", "Tiến độ của Huyện Ba Tơ"],
    ["toàn tỉnh được bao nhiêu %", 'Tiến độ chiến dịch "Chiến dịch thử tiến độ"'],
    ["toan tinh duoc bao nhieu phan tram", 'Tiến độ chiến dịch "Chiến dịch thử tiến độ"'],
    ["bảng xếp hạng", "Bảng xếp hạng: Kích hoạt tài khoản"],
    ["xếp hạng", "Bảng xếp hạng: Kích hoạt tài khoản"],
    ["xep hang", "Bảng xếp hạng: Kích hoạt tài khoản"],
    ["đơn vị nào chưa báo cáo", "Đơn vị chưa báo cáo ngày 8/3: 1/5"],
    ["don vi nao chua bao cao", "Đơn vị chưa báo cáo ngày 8/3: 1/5"],
  ];
  it.each(cases)("%s", async (question, expected) => {
    const text = await ask(REPORTERS.BTO, question);
    expect(text).toContain(expected);
  });

  it("answers /tonghop and 'tổng hợp' for an admin only", async () => {
    expect(await ask(ADMIN, "tổng hợp")).toContain("Tổng hợp ngày 8/3");
    expect(await ask(REPORTERS.BTO, "/tonghop")).toContain("Xin lỗi, lệnh /tonghop");
  });
});
