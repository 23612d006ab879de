/** The citizen assistant through the real pipeline: answers, menu, ratings, and personal data never kept. */
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createRuntime } from "../../src/runtime.ts";
import { demoCampaigns, inbound, testRuntime } from "../helpers/runtime.ts";

const CCCD = "079123456789";
const PHONE = "0912345678";
const OTP = "482913";

/** Every text cell of every table, to prove a secret is nowhere in the database. */
function dumpDatabase(db: { $client: { prepare(sql: string): { all(): unknown[] } } }): string {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  return tables.map((t) => JSON.stringify(db.$client.prepare(`select * from "${t.name}"`).all())).join("\n");
}

describe("citizen assistant", () => {
  it("answers a VNeID question in private with the steps, its source and a rating", async () => {
    const rt = testRuntime();
    const [reply] = await rt.core.handleMessage(inbound("làm sao để kích hoạt tài khoản định danh điện tử?"));
    expect(reply?.text).toMatch(/kích hoạt/i);
    expect(reply?.text).toContain("Nguồn:");
    expect(reply?.buttons?.[0]?.map((b) => b.data)).toEqual([expect.stringMatching(/^fb:.+:1$/), expect.stringMatching(/^fb:.+:0$/)]);
  });

  it("understands questions without diacritics and with Telex leftovers", async () => {
    const rt = testRuntime();
    for (const q of ["quen mat khau vneid thi lam the nao", "kichs hoatj tai khoan dinh danh dien tu"]) {
      const [reply] = await rt.core.handleMessage(inbound(q));
      expect(reply?.buttons?.[0]?.[0]?.data, q).toMatch(/^fb:/);
    }
  });

  it("offers the topic menu for what it cannot answer, and opens a topic from a button", async () => {
    const rt = testRuntime();
    const [menu] = await rt.core.handleMessage(inbound("giá vàng hôm nay bao nhiêu"));
    expect(menu?.buttons?.length).toBeGreaterThanOrEqual(10);
    const data = menu!.buttons![0]![0]!.data;
    const [topic] = await rt.core.handleAction({ platform: "console", chatId: "private-u1", chatType: "private", senderId: "u1", senderName: "A", data, messageId: "m1" });
    expect(topic?.buttons?.[0]?.[0]?.data).toMatch(/^fb:/);
  });

  it("counts ratings once per answer and shows them to admins", async () => {
    const rt = testRuntime({ env: { ADMINS: "console:admin1" } });
    const [answer] = await rt.core.handleMessage(inbound("VNeID có mất phí không?"));
    const like = answer!.buttons![0]![0]!.data;
    const action = { platform: "console" as const, chatId: "private-u1", chatType: "private" as const, senderId: "u1", senderName: "A", data: like, messageId: "ans-1" };
    expect((await rt.core.handleAction(action))[0]?.text).toContain("Cảm ơn");
    expect((await rt.core.handleAction({ ...action, eventId: "again" }))[0]?.text).toContain("đã đánh giá");
    const [stats] = await rt.core.handleMessage(inbound("/thongke_hoidap", { senderId: "admin1", chatId: "admin1" }));
    expect(stats?.text).toMatch(/: 1 · 1 · 0 · 100%/);
  });

  it("stays quiet in a group unless addressed", async () => {
    const rt = testRuntime();
    const q = "cho hỏi đăng ký định danh mức 2 ở đâu ạ";
    expect(await rt.core.handleMessage(inbound(q, { chatType: "group", chatId: "g1" }))).toEqual([]);
    const [reply] = await rt.core.handleMessage(inbound(q, { chatType: "group", chatId: "g1", addressedToBot: true }));
    expect(reply?.buttons?.[0]?.[0]?.data).toMatch(/^(fb|kb):/);
  });
});

describe("personal data", () => {
  it("is never stored or logged, and the citizen is reminded once", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
    const config = parseConfig({ DATABASE_PATH: ":memory:", LOG_LEVEL: "trace", ADMINS: "console:adm" });
    const rt = createRuntime({ config, logger: pino({ level: "trace" }, sink), campaigns: demoCampaigns(), now: () => new Date("2023-06-21T03:00:00Z") });

    const [first] = await rt.core.handleMessage(inbound(`Tôi chưa kích hoạt được, CCCD ${CCCD}, sđt ${PHONE}, mã OTP là ${OTP}`));
    expect(first?.text).toContain("đừng gửi số căn cước");
    const [second] = await rt.core.handleMessage(inbound(`số điện thoại của tôi ${PHONE} bị đổi rồi`));
    expect(second?.text).not.toContain("đừng gửi số căn cước");

    // A reporter pasting a phone number into a report in the group: the report is kept, the number is not.
    await rt.core.handleMessage(inbound("/ketnoi binh-phuoc-vneid-90", { chatType: "group", chatId: "g", senderId: "adm" }));
    await rt.core.handleMessage(inbound(`Bình Long: kích hoạt 856 TK, liên hệ ${PHONE}`, { chatType: "group", chatId: "g" }));

    const stored = rt.db.$client.prepare("select raw_text, status from reports").all() as { raw_text: string; status: string }[];
    expect(stored).toEqual([{ raw_text: expect.stringContaining("kích hoạt 856 TK"), status: "pending" }]);

    const everything = dumpDatabase(rt.db) + lines.join("");
    for (const secret of [CCCD, PHONE, OTP]) expect(everything).not.toContain(secret);
    expect(lines.length).toBeGreaterThan(0);
  });
});
