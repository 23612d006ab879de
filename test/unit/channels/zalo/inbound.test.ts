/** zca-js 2.x payloads (recorded shapes in test/fixtures/zalo) → core types. */
import { describe, expect, it } from "vitest";
import { idString, membershipChange, messageHandle, recalledMessage, toInboundMessage } from "../../../../src/channels/zalo/inbound.ts";
import { ThreadType } from "../../../../src/channels/zalo/zca.ts";
import { BOT_ID, zaloFixture } from "../../../helpers/fake-zalo.ts";

const GROUP = "5843219876543210987";

describe("toInboundMessage", () => {
  it("maps a group report", () => {
    expect(toInboundMessage(zaloFixture("group-report-blo"), BOT_ID)).toEqual({
      platform: "zalo",
      chatId: GROUP,
      chatType: "group",
      senderId: "2101000000000000101",
      senderName: "Lê Văn Bình",
      text: "Bình Long báo cáo ngày 21/6: kích hoạt 856 TK, thu nhận 1.020 hồ sơ",
      messageId: "7300000000101",
      date: new Date("2023-06-21T02:05:00Z"),
      eventId: "m7300000000101",
      addressedToBot: false,
    });
  });

  it("maps a private message: the chat is the user, and it is addressed to the bot", () => {
    expect(toInboundMessage(zaloFixture("user-citizen"), BOT_ID)).toMatchObject({
      chatId: "2101000000000000555",
      chatType: "private",
      senderId: "2101000000000000555",
      addressedToBot: true,
    });
  });

  it("reads mentions, and a mention of the bot addresses it", () => {
    const msg = toInboundMessage(zaloFixture("group-mention-bot"), BOT_ID)!;
    expect(msg.mentions).toEqual([{ userId: BOT_ID, offset: 0, length: 18 }]);
    expect(msg.text.slice(0, 18)).toBe("@Trợ lý Chiến dịch");
    expect(msg.addressedToBot).toBe(true);
    expect(toInboundMessage(zaloFixture("group-mention-bot"), "someone-else")!.addressedToBot).toBe(false);
  });

  it("maps a quote to replyTo", () => {
    expect(toInboundMessage(zaloFixture("group-quote"), BOT_ID)!.replyTo).toEqual({
      messageId: "7300000000099",
      senderId: "2101000000000000103",
      senderName: "Đỗ Văn Mới",
      text: "Lộc Ninh: kích hoạt 420 TK",
    });
  });

  it("ignores the account's own messages and messages without text, and reads a photo's caption", () => {
    expect(toInboundMessage(zaloFixture("group-self"), BOT_ID)).toBeNull();
    expect(toInboundMessage(zaloFixture("group-sticker"), BOT_ID)).toBeNull();
    expect(toInboundMessage(zaloFixture("group-photo-caption"), BOT_ID)?.text).toBe("Đồng Xoài: kích hoạt 1.250 TK");
  });
});

describe("other events", () => {
  it("keeps what quoting and reacting need", () => {
    const h = messageHandle(zaloFixture("group-report-blo"));
    expect(h).toMatchObject({ threadId: GROUP, type: ThreadType.Group, msgId: "7300000000101", cliMsgId: "1687313100123" });
    expect(h.quote).toMatchObject({ msgId: "7300000000101", cliMsgId: "1687313100123", uidFrom: "2101000000000000101", msgType: "webchat", ttl: 0 });
  });

  it("finds the recalled message of an undo", () => {
    expect(recalledMessage(zaloFixture("undo-blo"))).toEqual({ platform: "zalo", chatId: GROUP, messageId: "7300000000101" });
    expect(recalledMessage(zaloFixture("undo-blo", (u) => (u.isSelf = true)))).toBeNull();
  });

  it("tells the account being added to or removed from a group from others joining", () => {
    expect(membershipChange(zaloFixture("group-event-join-self"), BOT_ID)).toBe("added");
    expect(membershipChange(zaloFixture("group-event-remove-self"), BOT_ID)).toBe("removed");
    expect(membershipChange(zaloFixture("group-event-join-other"), BOT_ID)).toBeNull();
  });

  it("prints big ids in full, whether json-bigint made them BigNumbers or numbers", () => {
    expect(idString("7300000000101")).toBe("7300000000101");
    expect(idString(7300000000101)).toBe("7300000000101");
    expect(idString({ toFixed: () => "7300000000000000101" })).toBe("7300000000000000101");
  });
});
