/** Replies → Bot API calls, against the fake Bot API on 127.0.0.1; failures → ChannelError codes. */
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../../../src/channels/telegram/sender.ts";
import { ChannelError, type Reply } from "../../../../src/core/types.ts";
import { createI18n } from "../../../../src/i18n.ts";
import type { Sender } from "../../../../src/scheduling/outbox.ts";
import { FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from "../../../helpers/fake-bot-api.ts";
import { silentLogger } from "../../../helpers/runtime.ts";

const GROUP = "-1001987654321";
let fake: FakeBotApi;
let send: Sender;

beforeAll(async () => {
  fake = await startFakeBotApi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clear();
  send = createTelegramSender({ api: new Api(FAKE_TOKEN, { apiRoot: fake.url }), t: createI18n("vi").t("vi"), logger: silentLogger });
});

const to = { platform: "telegram" as const, chatId: GROUP };
const rejection = (p: Promise<unknown>) => p.then(() => expect.unreachable(), (e: unknown) => e as ChannelError);

describe("telegram sender", () => {
  it("sends markup as HTML, quoting the message replied to, with the buttons", async () => {
    await send({ to, text: "**Tiến độ** <Bình Long> & co", replyTo: "21", buttons: [[{ label: "Duyệt", data: "reg:approve:1" }]] });
    expect(fake.callsOf("sendMessage")[0]?.params).toEqual({
      chat_id: GROUP,
      text: "<b>Tiến độ</b> &lt;Bình Long&gt; &amp; co",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_parameters: { message_id: 21, allow_sending_without_reply: true },
      reply_markup: { inline_keyboard: [[{ text: "Duyệt", callback_data: "reg:approve:1" }]] },
    });
  });

  it("splits a long text: the quote on the first part, the buttons on the last", async () => {
    const text = Array.from({ length: 400 }, (_, i) => `Dòng ${i}: đơn vị báo cáo số liệu`).join("\n");
    await send({ to, text, replyTo: "21", buttons: [[{ label: "OK", data: "x" }]] });
    const parts = fake.callsOf("sendMessage");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => (p.params["text"] as string).length <= 4096)).toBe(true);
    expect(parts.map((p) => "reply_parameters" in p.params)).toEqual(parts.map((_, i) => i === 0));
    expect(parts.map((p) => "reply_markup" in p.params)).toEqual(parts.map((_, i) => i === parts.length - 1));
  });

  it("links mentions to the user", async () => {
    await send({ to, text: "Nhắc **anh Bình** & chị Xoài", mentions: [{ userId: "101", offset: 7, length: 8 }, { userId: "@xoai", offset: 20, length: 8 }] });
    expect(fake.callsOf("sendMessage")[0]?.params["text"]).toBe('Nhắc <b><a href="tg://user?id=101">anh Bình</a></b> &amp; chị Xoài');
  });

  it("reacts with the emoji; a deleted message needs nothing more", async () => {
    await send({ to, reaction: "👍", reactTo: "21" });
    expect(fake.callsOf("setMessageReaction")[0]?.params).toEqual({ chat_id: GROUP, message_id: 21, reaction: [{ type: "emoji", emoji: "👍" }] });
    fake.failNext("setMessageReaction", 1, { error_code: 400, description: "Bad Request: message to react not found" });
    await send({ to, reaction: "👍", reactTo: "22" });
    expect(fake.callsOf("sendMessage")).toEqual([]);
  });

  it("replies in words when the reaction is refused", async () => {
    fake.refuseReactions();
    await send({ to, reaction: "👍", reactTo: "21" });
    expect(fake.callsOf("sendMessage")[0]?.params).toMatchObject({ text: "👍 Đã ghi nhận.", reply_parameters: { message_id: 21 } });
  });

  it("sends an image with its caption, and a long text before a document", async () => {
    const data = Buffer.from("\x89PNG fake image bytes");
    await send({ to, text: "**Biểu đồ** tiến độ", attachment: { kind: "image", filename: "tien-do.png", mimeType: "image/png", data } });
    const [photo] = fake.callsOf("sendPhoto");
    expect(photo?.params).toMatchObject({ chat_id: GROUP, caption: "<b>Biểu đồ</b> tiến độ", parse_mode: "HTML" });
    expect(photo?.files).toEqual([{ field: "photo", filename: "tien-do.png", size: data.length }]);
    await send({ to, text: "x".repeat(2000), attachment: { kind: "file", filename: "so-lieu.xlsx", mimeType: "application/vnd.ms-excel", data }, buttons: [[{ label: "OK", data: "ok" }]] });
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    expect(fake.callsOf("sendDocument")[0]?.params).toMatchObject({ reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] } });
    expect(fake.callsOf("sendDocument")[0]?.params["caption"]).toBeUndefined();
  });

  it("falls back to plain text when Telegram cannot parse the HTML", async () => {
    fake.failNext("sendMessage", 1, { error_code: 400, description: "Bad Request: can't parse entities: unexpected end tag" });
    await send({ to, text: "**Tổng hợp** ngày 21/6" });
    const [html, plain] = fake.callsOf("sendMessage");
    expect(html?.params["parse_mode"]).toBe("HTML");
    expect(plain?.params).toMatchObject({ text: "Tổng hợp ngày 21/6" });
    expect(plain?.params["parse_mode"]).toBeUndefined();
  });

  it("follows a group upgraded to a supergroup", async () => {
    fake.failNext("sendMessage", 1, { error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: -1009999 } });
    await send({ to: { platform: "telegram", chatId: "-4242" }, text: "Xin chào" });
    await send({ to: { platform: "telegram", chatId: "-4242" }, text: "Lần hai" });
    expect(fake.callsOf("sendMessage").map((c) => c.params["chat_id"])).toEqual(["-4242", "-1009999", "-1009999"]);
  });

  it.each<[number, string, ChannelError["code"], number | undefined]>([
    [429, "Too Many Requests: retry after 7", "RATE_LIMITED", 7],
    [403, "Forbidden: bot was kicked from the supergroup chat", "FORBIDDEN", undefined],
    [400, "Bad Request: chat not found", "BAD_REQUEST", undefined],
    [502, "Bad Gateway", "TRANSIENT", undefined],
  ])("maps %i to a ChannelError", async (code, description, expected, retryAfter) => {
    fake.failNext("sendMessage", 1, { error_code: code, description, ...(code === 429 ? { parameters: { retry_after: 7 } } : {}) });
    const err = await rejection(send({ to, text: "Xin chào" }));
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ code: expected, retryAfter });
    expect(err.message).not.toContain("Xin chào");
  });

  it("maps a network failure to TRANSIENT", async () => {
    const offline = createTelegramSender({ api: new Api(FAKE_TOKEN, { apiRoot: "http://127.0.0.1:9" }), t: createI18n("vi").t("vi"), logger: silentLogger });
    expect(await rejection(offline({ to, text: "x" }))).toMatchObject({ code: "TRANSIENT" });
  });

  it("resumes a half-sent reply without repeating what was sent", async () => {
    const reply: Reply & { to: typeof to } = { to, reaction: "👍", reactTo: "21", text: Array.from({ length: 300 }, (_, i) => `Dòng ${i} của bảng xếp hạng`).join("\n") };
    fake.failNext("sendMessage", 1, { error_code: 429, description: "Too Many Requests", parameters: { retry_after: 1 } });
    await rejection(send(reply));
    fake.clear();
    await send(reply);
    expect(fake.callsOf("setMessageReaction")).toEqual([]);
    expect(fake.callsOf("sendMessage").map((c) => (c.params["text"] as string).slice(0, 8))).toEqual(["Dòng 0 c", expect.stringMatching(/^Dòng \d+/)]);
  });
});
