/**
 * The Zalo channel end to end with the real core, database and outbox, and a fake zca-js session fed with
 * payloads shaped like zca-js 2.x: a report gets its 👍 reaction, a recall withdraws it, reminders tag the
 * reporters, a dropped socket reconnects and catches up without double counting, a 3000 close stops and alerts,
 * numbered choices stand in for buttons.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloChannel, type ZaloChannel } from "../../src/channels/zalo/index.ts";
import { Reactions, ThreadType, type GroupMessage } from "../../src/channels/zalo/zca.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, findMember, reporterUnits, upsertMember } from "../../src/db/repos/members.ts";
import { reports, reportValues } from "../../src/db/schema.ts";
import { createOutbox, type Outbox } from "../../src/scheduling/outbox.ts";
import type { Runtime } from "../../src/runtime.ts";
import { FakeZalo, zaloFixture } from "../helpers/fake-zalo.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const GROUP = "5843219876543210987";
const ADMIN = "2101000000000000900";
const BLO = "2101000000000000101";
const DXO = "2101000000000000102";

let rt: Runtime;
let fake: FakeZalo;
let outbox: Outbox;
let channel: ZaloChannel;
let alerts: string[];
let dir: string;
const clock = new Date("2023-06-21T09:30:00+07:00");

function counted(unit: string): Record<string, number> {
  const rows = rt.db
    .select()
    .from(reportValues)
    .where(and(eq(reportValues.unitCode, unit), eq(reportValues.day, "2023-06-21"), eq(reportValues.active, true)))
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.metricKey}:${r.kind}`, r.value]));
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Lets the serial inbound queue and the outbox finish. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
  expect(await outbox.drain(3000)).toBe(true);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "zalo-channel-"));
  rt = testRuntime({ env: { ADMINS: `zalo:${ADMIN}`, ZALO_CREDENTIALS_PATH: join(dir, "zalo-credentials.json") }, now: () => clock });
  bindChat(rt.db, { platform: "zalo", chatId: GROUP, campaignId: CAMPAIGN, purpose: "reports", title: "BC Chuyển đổi số Bình Phước" });
  for (const [id, name, unit] of [[BLO, "Lê Văn Bình", "BLO"], [DXO, "Phạm Thị Xoài", "DXO"]] as const) {
    const m = upsertMember(rt.db, { platform: "zalo", platformUserId: id, displayName: name });
    addReporterUnit(rt.db, m.id, CAMPAIGN, unit);
  }
  fake = new FakeZalo();
  alerts = [];
  outbox = createOutbox({
    db: rt.db,
    logger: silentLogger,
    senders: { zalo: (r) => channel.sender(r) },
    pacing: { zalo: { perSecond: 200, perChatPerMinute: 1000, jitterMs: 0 } },
    pollMs: 10,
    onRateLimited: (platform, s, e) => platform === "zalo" && channel.rateLimited(s, e),
  });
  channel = createZaloChannel({
    config: rt.config,
    core: rt.core,
    outbox,
    db: rt.db,
    i18n: rt.i18n,
    logger: silentLogger,
    api: fake,
    alert: (text) => alerts.push(text),
    reconnect: { baseDelayMs: 5, maxDelayMs: 40 },
  });
  outbox.start();
  await channel.start();
  await until(() => channel.health().state === "up");
});

afterEach(async () => {
  await channel.stop();
  // The outbox's stop() waits out a pause (up to ZALO_PAUSE_SECONDS); the tests that pause do not wait for it.
  await Promise.race([outbox.stop(), new Promise((r) => setTimeout(r, 100))]);
  rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("zalo channel", () => {
  it("stores a group report and reacts 👍 on the message itself", async () => {
    const msg = zaloFixture("group-report-blo");
    fake.deliver("message", msg);
    await settle();
    expect(counted("BLO")).toMatchObject({ "activated:daily": 856, "received:daily": 1020 });
    expect(fake.reactions).toHaveLength(1);
    expect(fake.reactions[0]).toMatchObject({
      icon: Reactions.LIKE,
      dest: { data: { msgId: msg.data.msgId, cliMsgId: msg.data.cliMsgId }, threadId: GROUP, type: ThreadType.Group },
    });
    expect(fake.sent).toEqual([]); // the quiet acknowledgement: no text in the group
  });

  it("withdraws the report when the message is recalled", async () => {
    fake.deliver("message", zaloFixture("group-report-blo"));
    await settle();
    fake.deliver("undo", zaloFixture("undo-blo"));
    await settle();
    expect(counted("BLO")).toEqual({});
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "7300000000101")).get()?.status).toBe("retracted");
  });

  it("ignores its own messages, stickers, and reads a photo's caption", async () => {
    fake.deliver("message", zaloFixture("group-self"));
    fake.deliver("message", zaloFixture("group-sticker"));
    fake.deliver("message", zaloFixture("group-photo-caption"));
    await settle();
    expect(rt.db.select().from(reports).all().map((r) => r.messageId)).toEqual(["7300000000107"]);
    expect(counted("DXO")).toEqual({ "activated:daily": 1250 });
  });

  it("tags the reporters in a reminder with UTF-16 offsets into the text Zalo gets", async () => {
    const text = "📣 **Nhắc báo cáo ngày 21/6**\nĐồng chí @Lê Văn Bình và @Phạm Thị Xoài chưa gửi số liệu.";
    const at = (s: string) => text.indexOf(s);
    outbox.enqueue({
      to: { platform: "zalo", chatId: GROUP },
      text,
      mentions: [
        { userId: BLO, offset: at("@Lê Văn Bình"), length: "@Lê Văn Bình".length },
        { userId: DXO, offset: at("@Phạm Thị Xoài"), length: "@Phạm Thị Xoài".length },
      ],
    });
    await settle();
    expect(fake.sent).toHaveLength(1);
    const { message, type, threadId } = fake.sent[0]!;
    expect([threadId, type]).toEqual([GROUP, ThreadType.Group]);
    expect(message.msg).toBe("📣 Nhắc báo cáo ngày 21/6\nĐồng chí @Lê Văn Bình và @Phạm Thị Xoài chưa gửi số liệu.");
    const tagged = message.mentions!.map((m) => [m.uid, message.msg.slice(m.pos, m.pos + m.len)]);
    expect(tagged).toEqual([[BLO, "@Lê Văn Bình"], [DXO, "@Phạm Thị Xoài"]]);
    // The emoji is two UTF-16 units and the bold markers are gone: 📣 (2) + space + 22 + newline + "Đồng chí " (9).
    expect(message.mentions![0]).toEqual({ pos: 2 + 1 + 22 + 1 + 9, uid: BLO, len: 12 });
  });

  it("quotes the report it answers", async () => {
    fake.deliver("message", zaloFixture("group-report-blo"));
    await settle();
    outbox.enqueue({ to: { platform: "zalo", chatId: GROUP }, text: "Số liệu đã ghi nhận", replyTo: "7300000000101" });
    await settle();
    expect(fake.sent[0]!.message.quote).toMatchObject({ msgId: "7300000000101", cliMsgId: "1687313100123", uidFrom: BLO });
  });

  it("reconnects after a 1006 close and catches up on missed reports without counting one twice", async () => {
    fake.deliver("message", zaloFixture("group-report-blo"));
    await settle();
    fake.listener.failStarts = 1; // the first reconnect fails too: backoff, then success
    fake.listener.on("old_requested", (type: ThreadType) => {
      if (type !== ThreadType.Group) return fake.listener.emit("old_messages", [], type);
      // Zalo returns recent messages, including one already handled before the drop.
      fake.listener.emit("old_messages", [zaloFixture("group-report-blo"), zaloFixture("group-report-blo-missed"), zaloFixture("group-report-dxo")], type);
    });
    fake.listener.close(1006, "");
    expect(channel.health().state).toBe("down");
    await until(() => fake.listener.oldRequests.length === 2 && channel.health().state === "up");
    expect(fake.listener.starts).toBe(3);
    expect(fake.listener.oldRequests).toEqual([
      { type: ThreadType.Group, lastMsgId: "7300000000101" },
      { type: ThreadType.User, lastMsgId: null },
    ]);
    await settle();
    expect(rt.db.select().from(reports).all().map((r) => r.messageId).sort()).toEqual(["7300000000101", "7300000000102", "7300000000103"]);
    expect(counted("BLO")).toMatchObject({ "activated:daily": 865 });
    expect(fake.reactions.map((r) => r.dest.data.msgId).sort()).toEqual(["7300000000101", "7300000000102", "7300000000103"]);
    expect(alerts).toEqual([]);
  });

  it("stops on a 3000 close (Zalo Web opened elsewhere), marks itself down and alerts the admins", async () => {
    fake.listener.close(3000, "");
    await new Promise((r) => setTimeout(r, 100)); // longer than any backoff here
    expect(fake.listener.starts).toBe(1);
    const health = channel.health();
    expect(health.state).toBe("down");
    expect(health.detail).toContain("Zalo Web");
    expect(health.detail).toContain("npm run zalo:login");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("Zalo Web");
    // Replies queued meanwhile wait in the outbox instead of failing.
    outbox.enqueue({ to: { platform: "zalo", chatId: GROUP }, text: "Nhắc báo cáo" });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.sent).toEqual([]);
    expect(outbox.stats()["pending"]).toBe(1);
    expect(alerts).toHaveLength(1);
  });

  it("pauses and alerts once when Zalo says the account sends too much", async () => {
    fake.failures.push(Object.assign(new Error("Vượt quá số request cho phép"), { name: "ZcaApiError", code: 221 }));
    outbox.enqueue({ to: { platform: "zalo", chatId: GROUP }, text: "Nhắc báo cáo 1" });
    outbox.enqueue({ to: { platform: "zalo", chatId: "5843219876543210000" }, text: "Nhắc báo cáo 2" });
    await until(() => alerts.length > 0);
    await new Promise((r) => setTimeout(r, 60));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("10 phút");
    expect(fake.sent).toEqual([]); // nothing else was tried during the pause
    expect(channel.health().detail).toContain("tạm dừng");
  });

  it("renders buttons as a numbered list and takes the number as the choice", async () => {
    fake.deliver("message", zaloFixture<GroupMessage>("group-report-dxo", (m) => {
      m.data.uidFrom = "2101000000000000103";
      m.data.dName = "Đỗ Văn Mới";
      m.data.msgId = "7300000000150";
      m.data.content = "/dangky Hớn Quản";
    }));
    await settle();
    const toAdmin = fake.sent.find((s) => s.threadId === ADMIN)!;
    expect(toAdmin.type).toBe(ThreadType.User);
    expect(toAdmin.message.msg).toMatch(/\n1\. .+\n2\. .+\nTrả lời bằng số \(1–2\) để chọn\.$/);
    fake.deliver("message", zaloFixture("user-admin-choice"));
    await settle();
    const newbie = findMember(rt.db, "zalo", "2101000000000000103")!;
    expect(reporterUnits(rt.db, newbie.id, CAMPAIGN)).toEqual([{ campaignId: CAMPAIGN, unitCode: "HQU" }]);
  });

  it("greets a group it is added to, as a group", async () => {
    fake.deliver("group_event", zaloFixture("group-event-join-other"));
    fake.deliver("group_event", zaloFixture<{ threadId: string; data: { groupId: string } }>("group-event-join-self", (e) => (e.threadId = e.data.groupId = "5843219876543219999")));
    await settle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ threadId: "5843219876543219999", type: ThreadType.Group });
    expect(fake.sent[0]!.message.msg).toContain("/ketnoi");
  });

  it("tells the admins when it is removed from a bound group", async () => {
    fake.deliver("group_event", zaloFixture("group-event-remove-self"));
    await settle();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("BC Chuyển đổi số Bình Phước");
  });

  it("answers a private question, addressed to the bot", async () => {
    fake.deliver("message", zaloFixture("user-citizen"));
    await settle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ threadId: "2101000000000000555", type: ThreadType.User });
    expect(fake.sent[0]!.message.msg.length).toBeGreaterThan(20);
  });
});

