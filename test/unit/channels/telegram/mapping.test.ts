/** Recorded Telegram updates → core types, without a bot or a network. */
import { readFileSync } from "node:fs";
import type { ChatMemberUpdated, Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { actionAsMessage, membershipChange, toInboundAction, toInboundMessage } from "../../../../src/channels/telegram/mapping.ts";
import { FAKE_BOT } from "../../../helpers/fake-bot-api.ts";

const fixture = (name: string): Update => JSON.parse(readFileSync(new URL(`../../../fixtures/telegram/${name}.json`, import.meta.url), "utf8")) as Update;
const GROUP = "-1001987654321";

describe("toInboundMessage", () => {
  it("maps a group text message from a reporter", () => {
    expect(toInboundMessage(fixture("group-report"), FAKE_BOT)).toEqual({
      platform: "telegram",
      chatId: GROUP,
      chatType: "group",
      chatTitle: "BCĐ Đề án 06 – Bình Phước",
      senderId: "101",
      senderName: "Lê Văn Bình",
      text: expect.stringContaining("kích hoạt 856 TK"),
      messageId: "21",
      date: new Date("2023-06-21T09:00:00+07:00"),
      addressedToBot: false,
      eventId: "u400001",
      languageCode: "vi",
    });
  });

  it("maps an edit to the same message id, the edit's time and a distinct event id", () => {
    const msg = toInboundMessage(fixture("edited-report"), FAKE_BOT);
    expect(msg).toMatchObject({ messageId: "21", edited: true, eventId: "u400002", date: new Date("2023-06-21T09:30:00+07:00") });
    expect(msg?.text).toContain("kích hoạt 865 TK");
  });

  it("reads a photo's caption as the text", () => {
    expect(toInboundMessage(fixture("photo-caption"), FAKE_BOT)).toMatchObject({ text: "Đồng Xoài: kích hoạt được 1.204 tài khoản", senderName: "Phạm Thị Xoài", messageId: "23" });
  });

  it("lists mentions with UTF-16 offsets and sees the bot's @username", () => {
    const update = fixture("mention-entities");
    const msg = toInboundMessage(update, FAKE_BOT)!;
    expect(msg.addressedToBot).toBe(true);
    expect(msg.mentions).toEqual([
      { userId: "@chiendich_test_bot", offset: 0, length: 19 },
      { userId: "102", offset: expect.any(Number), length: 8 },
    ]);
    const m = msg.mentions![1]!;
    expect(msg.text.slice(m.offset, m.offset + m.length)).toBe("anh Xoài");
  });

  it("is addressed to the bot when it replies to the bot, and carries what it replies to", () => {
    expect(toInboundMessage(fixture("reply-to-bot"), FAKE_BOT)).toMatchObject({
      addressedToBot: true,
      replyTo: { messageId: "25", senderId: String(FAKE_BOT.id), senderName: "Trợ lý chiến dịch", text: expect.stringContaining("Bình Long") },
    });
  });

  it("treats /command@thisbot as addressed, and another bot's command as not", () => {
    expect(toInboundMessage(fixture("group-command"), FAKE_BOT)?.addressedToBot).toBe(true);
    expect(toInboundMessage(fixture("group-command"), { ...FAKE_BOT, username: "other_bot" })?.addressedToBot).toBe(false);
  });

  it("maps a private /start as private and addressed", () => {
    expect(toInboundMessage(fixture("private-start"), FAKE_BOT)).toMatchObject({ chatId: "103", chatType: "private", text: "/start", addressedToBot: true, languageCode: "en" });
  });

  it("ignores channel posts, service messages and other bots", () => {
    expect(toInboundMessage(fixture("channel-post"), FAKE_BOT)).toBeNull();
    const report = fixture("group-report");
    const { text: _t, ...service } = report.message!;
    expect(toInboundMessage({ ...report, message: { ...service, new_chat_members: [] } } as Update, FAKE_BOT)).toBeNull();
    expect(toInboundMessage({ ...report, message: { ...report.message!, from: { ...report.message!.from!, is_bot: true } } } as Update, FAKE_BOT)).toBeNull();
  });

  it("speaks for an anonymous group admin as the group", () => {
    const report = fixture("group-report");
    const chat = report.message!.chat as { id: number; title: string; type: "supergroup" };
    const msg = toInboundMessage({ ...report, message: { ...report.message!, from: { id: 1087968824, is_bot: true, first_name: "Group" }, sender_chat: chat } } as Update, FAKE_BOT);
    expect(msg).toMatchObject({ senderId: GROUP, senderName: chat.title });
  });
});

describe("toInboundAction", () => {
  it("maps a button press", () => {
    const update = fixture("callback-approve");
    const action = toInboundAction(update.update_id, update.callback_query!)!;
    expect(action).toEqual({ platform: "telegram", chatId: "900", chatType: "private", senderId: "900", senderName: "Trần Quản Trị", data: "reg:approve:1", messageId: "77", eventId: "u400008" });
    expect(actionAsMessage(action, new Date(0))).toMatchObject({ chatId: "900", messageId: "77", text: "" });
  });
});

describe("membershipChange", () => {
  const added = fixture("my-chat-member-added").my_chat_member!;
  const removed = fixture("my-chat-member-removed").my_chat_member!;

  it.each<[string, ChatMemberUpdated, "added" | "removed" | null]>([
    ["added as a member", added, "added"],
    ["kicked", removed, "removed"],
    ["promoted to admin", { ...added, old_chat_member: added.new_chat_member, new_chat_member: { ...added.new_chat_member, status: "administrator" } as never }, null],
    ["left", { ...removed, new_chat_member: { user: removed.new_chat_member.user, status: "left" } }, "removed"],
    ["blocked in a private chat", { ...removed, chat: { id: 103, type: "private", first_name: "Mới" } }, null],
  ])("%s", (_name, update, expected) => {
    expect(membershipChange(update)).toBe(expected);
  });
});
