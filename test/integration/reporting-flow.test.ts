/**
 * The daily loop of a campaign group, end to end through the core: bind, register (approval and join code),
 * report in several styles, correct, edit, recall, duplicate, someone else's unit, unregistered sender, cut-off.
 */
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { processedEvents, reports, reportValues } from "../../src/db/schema.ts";
import type { InboundMessage, Reply } from "../../src/core/types.ts";
import type { Runtime } from "../../src/runtime.ts";
import { testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const GROUP = "-100200300";
const ADMIN = { senderId: "900", senderName: "Trần Quản Trị" };
const BLO = { senderId: "101", senderName: "Lê Văn Bình" }; // Thị xã Bình Long
const DXO = { senderId: "102", senderName: "Phạm Thị Xoài" }; // Thành phố Đồng Xoài
const NEWBIE = { senderId: "103", senderName: "Đỗ Văn Mới" };

/** 21/6/2023 at HH:MM in Asia/Ho_Chi_Minh. */
const at = (hhmm: string, day = "2023-06-21") => new Date(`${day}T${hhmm}:00+07:00`);

let rt: Runtime;
let clock: Date;
let seq = 0;

function send(who: { senderId: string; senderName: string }, text: string, over: Partial<InboundMessage> = {}): Promise<Reply[]> {
  return rt.core.handleMessage({
    platform: "telegram",
    chatId: GROUP,
    chatType: "group",
    text,
    messageId: String(++seq),
    date: clock,
    ...who,
    ...over,
  });
}

/** The figures that count for a unit and day: { "activated:daily": 856, … }. */
function counted(unit: string, day = "2023-06-21"): Record<string, number> {
  const rows = rt.db
    .select()
    .from(reportValues)
    .where(and(eq(reportValues.unitCode, unit), eq(reportValues.day, day), eq(reportValues.active, true)))
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.metricKey}:${r.kind}`, r.value]));
}

async function setUp(): Promise<void> {
  clock = at("09:00");
  rt = testRuntime({ env: { ADMINS: `telegram:${ADMIN.senderId}` }, now: () => clock });
  const [bound] = await send(ADMIN, `/ketnoi ${CAMPAIGN}`);
  expect(bound?.text).toContain("nhóm báo cáo");
  // Bình Long's reporter asks; the admin approves.
  const asked = await send(BLO, "/dangky Bình Long");
  expect(asked[0]?.text).toContain("Đã gửi đề nghị");
  const toAdmin = asked.find((r) => r.to?.chatId === ADMIN.senderId);
  expect(toAdmin?.buttons?.[0]?.[0]?.data).toMatch(/^reg:approve:\d+$/);
  const id = toAdmin!.buttons![0]![0]!.data.split(":")[2];
  const approved = await send(ADMIN, `/duyet ${id}`);
  expect(approved[0]?.text).toContain("Đã duyệt");
  expect(approved[1]).toMatchObject({ to: { platform: "telegram", chatId: GROUP } });
  // Đồng Xoài's reporter joins with a code.
  const [made] = await send(ADMIN, "/mamoi DXO");
  const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made!.text!)![1]!;
  const [joined] = await send(DXO, `/dangky ${code.toLowerCase()}`);
  expect(joined?.text).toContain("Thành phố Đồng Xoài");
}

describe("reporting in the group", () => {
  beforeEach(setUp);

  it("stores a report and reacts 👍 without a reply", async () => {
    const replies = await send(BLO, "Bình Long báo cáo ngày 21/6: thu nhận 1.020 hồ sơ (mức 1: 300; mức 2: 720), kích hoạt 856 TK, lũy kế 30.115");
    expect(replies).toEqual([{ reaction: "👍" }]);
    expect(counted("BLO")).toEqual({
      "received:daily": 1020,
      "received_l1:daily": 300,
      "received_l2:daily": 720,
      "activated:daily": 856,
      "activated:cumulative": 30115,
    });
  });

  it("reads reports written without diacritics and in NFD", async () => {
    expect(await send(BLO, "TX Binh Long: kich hoat 512 tai khoan")).toEqual([{ reaction: "👍" }]);
    expect(counted("BLO")).toEqual({ "activated:daily": 512 });
    expect(await send(DXO, "Đồng Xoài: kích hoạt được 1.204 tài khoản".normalize("NFD"))).toEqual([{ reaction: "👍" }]);
    expect(counted("DXO")).toEqual({ "activated:daily": 1204 });
  });

  it("lets a later report replace the figure and keeps the earlier one in history", async () => {
    await send(BLO, "Bình Long: kích hoạt 856 TK");
    clock = at("10:30");
    await send(BLO, "Bình Long xin điều chỉnh: kích hoạt 865 TK");
    expect(counted("BLO")).toEqual({ "activated:daily": 865 });
    const all = rt.db.select().from(reportValues).where(eq(reportValues.unitCode, "BLO")).all();
    expect(all.map((v) => [v.value, v.active])).toEqual([
      [856, false],
      [865, true],
    ]);
  });

  it("re-reads an edited message and replaces its own report", async () => {
    await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-edit" });
    const replies = await send(BLO, "Bình Long: kích hoạt 586 TK", { messageId: "m-edit", edited: true });
    expect(replies).toEqual([{ reaction: "👍" }]);
    expect(counted("BLO")).toEqual({ "activated:daily": 586 });
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "m-edit")).all()).toHaveLength(1);
  });

  it("withdraws a recalled message's report, and the figure it replaced counts again", async () => {
    await send(BLO, "Bình Long: kích hoạt 856 TK");
    clock = at("11:00");
    await send(BLO, "Bình Long: kích hoạt 900 TK", { messageId: "m-recall" });
    rt.core.handleRecall({ platform: "telegram", chatId: GROUP, messageId: "m-recall" });
    expect(counted("BLO")).toEqual({ "activated:daily": 856 });
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "m-recall")).get()?.status).toBe("retracted");
  });

  it("makes one report and one acknowledgement from a message delivered twice", async () => {
    const msg = { messageId: "m-dup", eventId: "update-77" };
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", msg)).toHaveLength(1);
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", msg)).toEqual([]);
    // Even when the platform gives the re-delivery a new event id.
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-dup", eventId: "update-78" })).toEqual([]);
    expect(rt.db.select().from(reports).all().filter((r) => r.messageId === "m-dup")).toHaveLength(1);
  });

  it("answers again, and stores nothing twice, when the bot stopped between storing a report and recording its event", async () => {
    const msg = { messageId: "m-crash", eventId: "update-90" };
    const first = await send(BLO, "Bình Long: kích hoạt 856 TK", msg);
    const values = () => rt.db.select().from(reportValues).all().length;
    const stored = values();
    // As if the process died after the report's transaction and before the one recording the event.
    rt.db.delete(processedEvents).where(eq(processedEvents.eventId, `${GROUP}:update-90`)).run();
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", msg)).toEqual(first);
    expect(rt.db.select().from(reports).all().filter((r) => r.messageId === "m-crash")).toHaveLength(1);
    expect(values()).toBe(stored);
    expect(counted("BLO")).toEqual({ "activated:daily": 856 });
  });

  it("after such a stop, neither a withdrawal nor a handled edit is undone by the platform re-sending the original", async () => {
    const lost = (id: string) => rt.db.delete(processedEvents).where(eq(processedEvents.eventId, `${GROUP}:${id}`)).run();
    await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-w", eventId: "update-92" });
    lost("update-92");
    rt.core.handleRecall({ platform: "telegram", chatId: GROUP, messageId: "m-w" });
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-w", eventId: "update-92" })).toEqual([]);
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "m-w")).get()?.status).toBe("retracted");

    await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-e", eventId: "update-93" });
    lost("update-93");
    await send(BLO, "Bình Long: kích hoạt 900 TK", { messageId: "m-e", eventId: "update-94", edited: true });
    expect(await send(BLO, "Bình Long: kích hoạt 856 TK", { messageId: "m-e", eventId: "update-93" })).toEqual([]);
    expect(counted("BLO")).toEqual({ "activated:daily": 900 });
  });

  it("leaves an event to be handled again when its answer could not be queued", async () => {
    const message: InboundMessage = { platform: "telegram", chatId: GROUP, chatType: "group", text: "Bình Long: kích hoạt 856 TK", messageId: "m-q", eventId: "update-91", date: clock, ...BLO };
    const queued: Reply[][] = [];
    await rt.core.handleMessage(message, () => {
      throw new Error("disk full");
    });
    expect(rt.db.select().from(processedEvents).all().filter((e) => e.eventId.endsWith(":update-91"))).toEqual([]);
    await rt.core.handleMessage(message, (replies) => void queued.push(replies));
    expect(queued).toEqual([[{ reaction: "👍" }]]);
    expect(rt.db.select().from(reports).all().filter((r) => r.messageId === "m-q")).toHaveLength(1);
  });

  it("refuses figures for a unit that is not the sender's, with an explanation", async () => {
    const [reply] = await send(BLO, "Đồng Xoài: kích hoạt 999 TK");
    expect(reply?.text).toContain("Thành phố Đồng Xoài");
    expect(reply?.text).toContain("Thị xã Bình Long");
    expect(counted("DXO")).toEqual({});
    expect(rt.db.select().from(reports).where(eq(reports.status, "refused")).all()).toHaveLength(1);
  });

  it("keeps an unregistered sender's report pending, tells him once a day, and counts it once assigned", async () => {
    const first = await send(NEWBIE, "Lộc Ninh: kích hoạt 420 TK", { messageId: "m-new-1" });
    expect(first[0]?.text).toContain("/dangky");
    clock = at("11:00");
    expect(await send(NEWBIE, "Lộc Ninh: thu nhận 77 hồ sơ", { messageId: "m-new-2" })).toEqual([]);
    expect(counted("LNI")).toEqual({});
    const [assigned] = await send(ADMIN, "/gan Lộc Ninh", { replyTo: { messageId: "m-new-1", senderId: NEWBIE.senderId, senderName: NEWBIE.senderName } });
    expect(assigned?.text).toContain("Huyện Lộc Ninh");
    expect(counted("LNI")).toEqual({ "activated:daily": 420, "received:daily": 77 });
  });

  it("says so and stores nothing for a day outside the campaign", async () => {
    clock = at("10:00", "2023-09-25");
    const [reply] = await send(BLO, "Bình Long: kích hoạt 100 TK");
    expect(reply?.text).toContain("ngoài thời gian chiến dịch");
    expect(rt.db.select().from(reportValues).all()).toHaveLength(0);
  });

  it("counts a report sent before the morning cut-off for the day before, and marks late ones", async () => {
    clock = at("05:30", "2023-06-22");
    await send(BLO, "Bình Long: kích hoạt 300 TK", { messageId: "m-early" });
    expect(counted("BLO", "2023-06-21")).toEqual({ "activated:daily": 300 });
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "m-early")).get()?.late).toBe(true);
    clock = at("16:00", "2023-06-22");
    await send(BLO, "Bình Long: kích hoạt 310 TK", { messageId: "m-ontime" });
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "m-ontime")).get()).toMatchObject({ day: "2023-06-22", late: false });
  });

  it("echoes the figures back when something needs checking", async () => {
    const [reply] = await send(BLO, "Bình Long: kích hoạt lũy kế 30.115 TK");
    expect(reply).toEqual({ reaction: "👍" });
    clock = at("10:00", "2023-06-22");
    const [down] = await send(BLO, "Bình Long: kích hoạt lũy kế 29.000 TK");
    expect(down?.text).toContain("thấp hơn số đã báo ngày 21/6");
    expect(down?.text).toContain("29.000");
    expect(down?.replyTo).toBeDefined();
  });

  it("answers /sua and /huy for the reporter", async () => {
    await send(BLO, "Bình Long: kích hoạt 856 TK");
    const [mine] = await send(BLO, "/sua");

    expect(mine?.text).toContain("856");
    const [withdrawn] = await send(BLO, "/huy");
    expect(withdrawn?.text).toContain("Đã rút");
    expect(counted("BLO")).toEqual({});
  });

  it("stays quiet on chit-chat and questions in the group", async () => {
    expect(await send(BLO, "Cảm ơn đồng chí, chúc cả nhóm buổi chiều vui vẻ")).toEqual([]);
    expect(await send(DXO, "Mai mấy giờ họp giao ban vậy các đồng chí?")).toEqual([]);
    expect(rt.db.select().from(reports).all()).toHaveLength(0);
  });
});

describe("roles", () => {
  beforeEach(setUp);

  it("politely refuses admin commands to a reporter", async () => {
    const [reply] = await send(BLO, `/ketnoi ${CAMPAIGN}`);
    expect(reply?.text).toContain("quản trị viên");
    expect(reply?.text).toContain("người báo cáo của đơn vị");
  });

  it("shows who I am", async () => {
    const [reply] = await send(BLO, "/toila");
    expect(reply?.text).toContain("Thị xã Bình Long (BLO)");
  });

  it("does not approve the same request twice", async () => {
    const asked = await send(NEWBIE, "/dangky Hớn Quản");
    const id = asked.find((r) => r.to)!.buttons![0]![0]!.data.split(":")[2];
    await rt.core.handleAction({ platform: "telegram", chatId: ADMIN.senderId, chatType: "private", ...ADMIN, data: `reg:approve:${id}`, messageId: "b1" });
    const [again] = await send(ADMIN, `/duyet ${id}`);
    expect(again?.text).toContain("đã được xử lý");
  });

  it("refuses a revoked or unknown join code", async () => {
    const [made] = await send(ADMIN, "/mamoi HQU");
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made!.text!)![1]!;
    await send(ADMIN, `/mamoi huy ${code}`);
    const [reply] = await send(NEWBIE, `/dangky ${code}`);
    expect(reply?.text).toContain("Không tìm thấy đơn vị");
  });
});
