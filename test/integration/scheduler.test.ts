/** The campaign rhythm with fake timers, in Asia/Ho_Chi_Minh whatever the server's zone. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { createCampaignRegistry } from "../../src/core/campaign-registry.ts";
import type { Reply } from "../../src/core/types.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import type { Outbox } from "../../src/scheduling/outbox.ts";
import { createScheduler, setPaused, type Scheduler } from "../../src/scheduling/scheduler.ts";
import type { Runtime } from "../../src/runtime.ts";
import { demoCampaigns, silentLogger, testRuntime } from "../helpers/runtime.ts";

const at = (local: string) => new Date(`${local}+07:00`);
type Sent = Reply & { to: { platform: string; chatId: string } };

let rt: Runtime;
let sent: Sent[];
let keys: Set<string>;
let schedulers: Scheduler[];
const outbox = {
  enqueue(reply: Sent, o?: { dedupeKey?: string }) {
    if (o?.dedupeKey && keys.has(o.dedupeKey)) return null;
    if (o?.dedupeKey) keys.add(o.dedupeKey);
    sent.push(reply);
    return sent.length;
  },
} as unknown as Outbox;

function campaignWith(change: (c: Campaign) => Campaign = (c) => c): Campaign {
  return change(demoCampaigns().find((c) => c.id === "binh-phuoc-vneid-90")!);
}

function setUp(campaign = campaignWith()): void {
  rt = testRuntime({ campaigns: [campaign] });
  bindChat(rt.db, { platform: "telegram", chatId: "-100", campaignId: campaign.id, purpose: "reports" });
  bindChat(rt.db, { platform: "telegram", chatId: "-200", campaignId: campaign.id, purpose: "leadership" });
  const reporter = upsertMember(rt.db, { platform: "telegram", platformUserId: "101", displayName: "Lê Văn Bình" });
  addReporterUnit(rt.db, reporter.id, campaign.id, "BLO");
}

function startScheduler(): Scheduler {
  const s = createScheduler({ db: rt.db, campaigns: createCampaignRegistry(rt.campaigns.list()), outbox, i18n: rt.i18n, logger: silentLogger, intervalMs: 20_000 });
  s.start();
  schedulers.push(s);
  return s;
}

async function report(unitSender: string, text: string): Promise<void> {
  await rt.core.handleMessage({ platform: "telegram", chatId: "-100", chatType: "group", senderId: unitSender, senderName: "Lê Văn Bình", text, messageId: String(Math.random()), date: new Date() });
}

beforeEach(() => {
  sent = [];
  keys = new Set();
  schedulers = [];
  vi.useFakeTimers();
});
afterEach(() => {
  for (const s of schedulers) s.stop();
  vi.useRealTimers();
});

describe("scheduler", () => {
  it("reminds the units that have not reported, tagging their reporters, at the listed local times", async () => {
    setUp();
    vi.setSystemTime(at("2023-06-21T14:59:00"));
    startScheduler();
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(60_000); // 15:00 local = 08:00 UTC
    expect(sent).toHaveLength(1);
    const first = sent[0]!;
    expect(first.to).toEqual({ platform: "telegram", chatId: "-100" });
    expect(first.text).toContain("11/11 đơn vị chưa báo cáo");
    const m = first.mentions![0]!;
    expect(first.text!.slice(m.offset, m.offset + m.length)).toBe("@Lê Văn Bình");
    expect(m.userId).toBe("101");

    vi.setSystemTime(at("2023-06-21T16:00:00"));
    await report("101", "Bình Long: kích hoạt 856 TK");
    vi.advanceTimersByTime(31 * 60_000); // past 16:30
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain("10/11");
    expect(sent[1]!.text).not.toContain("Thị xã Bình Long");
  });

  it("posts the leaderboard once a day to the reports and leadership chats, and a restart sends nothing twice", () => {
    setUp();
    vi.setSystemTime(at("2023-06-21T19:59:30"));
    startScheduler();
    const before = sent.length; // reminders and deadline of the day are past the grace window: skipped
    expect(before).toBe(0);
    vi.advanceTimersByTime(60_000);
    const boards = sent.filter((r) => r.text?.includes("Bảng xếp hạng"));
    expect(boards.map((r) => r.to.chatId).sort()).toEqual(["-100", "-200"]);
    vi.advanceTimersByTime(3 * 60 * 60_000);
    expect(sent.filter((r) => r.text?.includes("Bảng xếp hạng"))).toHaveLength(2);
    // A restart at 20:10 on the same database.
    schedulers[0]!.stop();
    startScheduler();
    expect(sent.filter((r) => r.text?.includes("Bảng xếp hạng"))).toHaveLength(2);
  });

  it("runs a missed job within the grace window at start-up and skips older ones", () => {
    setUp();
    vi.setSystemTime(at("2023-06-21T17:20:00"));
    startScheduler();
    // 15:00 and 16:30 are more than 30 min ago: skipped; the 17:00 deadline is 20 min ago: runs.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("hạn chót báo cáo ngày 21/6");
  });

  it("skips reminders on days off and stays quiet while paused", () => {
    setUp(campaignWith((c) => ({ ...c, schedule: { ...c.schedule!, daysOff: ["2023-06-21"] } })));
    vi.setSystemTime(at("2023-06-21T14:00:00"));
    startScheduler();
    vi.advanceTimersByTime(4 * 60 * 60_000); // to 18:00
    expect(sent).toHaveLength(0);
    setPaused(rt.db, "binh-phuoc-vneid-90", true);
    vi.advanceTimersByTime(3 * 60 * 60_000); // past the 20:00 leaderboard
    expect(sent).toHaveLength(0);
    setPaused(rt.db, "binh-phuoc-vneid-90", false);
    vi.setSystemTime(at("2023-06-22T15:00:10"));
    vi.advanceTimersByTime(20_000);
    expect(sent).toHaveLength(1);
  });

  it("sends the weekly digest to the leadership chat on its weekday", () => {
    setUp();
    vi.setSystemTime(at("2023-06-26T07:59:50")); // a Monday
    startScheduler();
    vi.advanceTimersByTime(40_000);
    const digest = sent.filter((r) => r.text?.includes("Tổng hợp ngày 26/6"));
    expect(digest.map((r) => r.to.chatId)).toEqual(["-200"]);
  });

  it("does nothing outside the campaign's dates", () => {
    setUp();
    vi.setSystemTime(at("2023-09-21T14:59:00"));
    startScheduler();
    vi.advanceTimersByTime(6 * 60 * 60_000);
    expect(sent).toHaveLength(0);
  });
});
