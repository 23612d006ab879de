import { describe, expect, it } from "vitest";
import { inbound, testRuntime } from "../../helpers/runtime.ts";

describe("handleMessage", () => {
  it("answers /trogiup in Vietnamese with the commands a citizen may use", async () => {
    const rt = testRuntime();
    const [reply] = await rt.core.handleMessage(inbound("/trogiup"));
    expect(reply?.text).toContain("Các lệnh anh/chị có thể dùng");
    expect(reply?.text).toContain("/trogiup");
  });

  it("understands help phrases with or without diacritics, NFC or NFD", async () => {
    const rt = testRuntime();
    for (const text of ["trợ giúp", "tro giup", "TRỢ GIÚP".normalize("NFD"), "/help@chiendich_bot"]) {
      const [reply] = await rt.core.handleMessage(inbound(text));
      expect(reply?.text, text).toContain("/trogiup");
    }
  });

  it("handles the same event once", async () => {
    const rt = testRuntime();
    const msg = inbound("/trogiup", { eventId: "update-1" });
    expect(await rt.core.handleMessage(msg)).toHaveLength(1);
    expect(await rt.core.handleMessage({ ...msg })).toHaveLength(0);
  });

  it("answers a button pressed twice at once (a double click) once", async () => {
    const rt = testRuntime();
    const [offer] = await rt.core.handleMessage(inbound("hôm nay trời đẹp quá"));
    const press = { platform: "console" as const, chatId: "private-u1", chatType: "private" as const, senderId: "u1", senderName: "Nguyễn Văn A", messageId: "m-offer", data: offer!.buttons![0]![0]!.data };
    const [first, second] = await Promise.all([rt.core.handleAction(press), rt.core.handleAction(press)]);
    expect([first!.length, second!.length].sort()).toEqual([0, 1]);
    expect(await rt.core.handleAction(press)).toEqual([]);
  });

  it("offers the citizen topics when it does not understand, in private only", async () => {
    const rt = testRuntime();
    const [reply] = await rt.core.handleMessage(inbound("hôm nay trời đẹp quá"));
    expect(reply?.text).toContain("Anh/chị muốn hỏi về việc nào");
    expect(reply?.buttons?.length).toBeGreaterThan(3);
    const group = await rt.core.handleMessage(inbound("hôm nay trời đẹp quá", { chatType: "group", chatId: "g1" }));
    expect(group).toEqual([]);
  });

  it("ignores chatter in unbound groups but still answers commands there", async () => {
    const rt = testRuntime();
    expect(await rt.core.handleMessage(inbound("trợ giúp", { chatType: "group", chatId: "g2" }))).toEqual([]);
    const [reply] = await rt.core.handleMessage(inbound("/trogiup", { chatType: "group", chatId: "g2" }));
    expect(reply?.text).toContain("/trogiup");
  });

  it("answers an unknown command", async () => {
    const rt = testRuntime();
    const [reply] = await rt.core.handleMessage(inbound("/khongco"));
    expect(reply?.text).toContain("chưa hiểu lệnh");
  });

  it("refuses an over-long message politely without reading it", async () => {
    const rt = testRuntime({ env: { MAX_MESSAGE_LENGTH: "1000" } });
    const [reply] = await rt.core.handleMessage(inbound("a".repeat(5000)));
    expect(reply?.text).toContain("quá dài");
  });

  it("switches a member's language", async () => {
    const rt = testRuntime();
    const [set] = await rt.core.handleMessage(inbound("/ngonngu en"));
    expect(set?.text).toBe("Switched to English.");
    const [help] = await rt.core.handleMessage(inbound("/trogiup"));
    expect(help?.text).toContain("Commands you can use");
  });
});

describe("flood limits", () => {
  it("answers a flooding member a few times, warns once, then stays quiet", async () => {
    const rt = testRuntime({ env: { REPLY_LIMIT_PER_SENDER: "3", REPLY_LIMIT_PER_CHAT: "100" } });
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const replies = await rt.core.handleMessage(inbound("/trogiup"));
      answers.push(replies[0]?.text?.replace(/^\*\*/, "").slice(0, 12) ?? "-");
    }
    expect(answers.filter((a) => a.startsWith("Các lệnh"))).toHaveLength(3);
    expect(answers.filter((a) => a.startsWith("Tôi nhận"))).toHaveLength(1);
    expect(answers.filter((a) => a === "-")).toHaveLength(6);
    // Someone else in another chat is not affected.
    const [other] = await rt.core.handleMessage(inbound("/trogiup", { senderId: "u2", chatId: "private-u2" }));
    expect(other?.text).toContain("/trogiup");
  });
});
