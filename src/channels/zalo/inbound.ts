/**
 * zca-js 2.x payloads → core types. Pure functions: the fixtures in `test/fixtures/zalo/` go through them as the
 * listener delivers them.
 */
import type { InboundMessage, Mention } from "../../core/types.ts";
import type { MessageRef } from "../../core/handle-message.ts";
import { GroupEventType, ThreadType, type GroupEvent, type Message, type SendMessageQuote, type Undo } from "./zca.ts";

/**
 * Zalo ids as strings. zca-js parses events with json-bigint, so an id above 2^53 may arrive as a BigNumber
 * (whose `toFixed()` gives every digit) or, in older payloads, as a number.
 */
export function idString(id: unknown): string {
  if (typeof id === "string") return id;
  if (id && typeof id === "object" && "toFixed" in id && typeof (id as { toFixed: unknown }).toFixed === "function") {
    return (id as { toFixed(): string }).toFixed();
  }
  return String(id);
}

/** A message's text: the content when it is a string, a photo's caption, or null (stickers, files, cards…). */
export function messageText(message: Message): string | null {
  const { content, msgType } = message.data;
  if (typeof content === "string") return content;
  if (msgType === "chat.photo" && content && typeof content === "object" && typeof content.title === "string" && content.title.trim()) {
    return content.title;
  }
  return null;
}

/** What the sender needs later to quote or react to a message (the outbox may send minutes after). */
export interface MessageHandle {
  threadId: string;
  type: ThreadType;
  msgId: string;
  cliMsgId: string;
  quote: SendMessageQuote;
}

export function messageHandle(message: Message): MessageHandle {
  const d = message.data;
  return {
    threadId: message.threadId,
    type: message.type,
    msgId: idString(d.msgId),
    cliMsgId: idString(d.cliMsgId),
    quote: { content: d.content, msgType: d.msgType, propertyExt: d.propertyExt, uidFrom: d.uidFrom, msgId: d.msgId, cliMsgId: d.cliMsgId, ts: d.ts, ttl: d.ttl },
  };
}

/**
 * A text message for the core, or null when it is the account's own or carries no text. `ownId` is the bot's
 * Zalo user id: a mention of it, or a quote of one of its messages, addresses the bot.
 */
export function toInboundMessage(message: Message, ownId: string): InboundMessage | null {
  if (message.isSelf) return null;
  const text = messageText(message);
  if (text === null) return null;
  const d = message.data;
  const isGroup = message.type === ThreadType.Group;
  const mentions: Mention[] = (("mentions" in d ? d.mentions : undefined) ?? []).map((m) => ({ userId: idString(m.uid), offset: m.pos, length: m.len }));
  const quote = d.quote;
  const msgId = idString(d.msgId);
  const msg: InboundMessage = {
    platform: "zalo",
    chatId: message.threadId,
    chatType: isGroup ? "group" : "private",
    senderId: idString(d.uidFrom),
    senderName: d.dName ?? "",
    text,
    messageId: msgId,
    date: new Date(Number(d.ts)),
    eventId: `m${msgId}`,
    addressedToBot: !isGroup || mentions.some((m) => m.userId === ownId) || (quote !== undefined && quote !== null && idString(quote.ownerId) === ownId),
  };
  if (mentions.length) msg.mentions = mentions;
  if (quote) {
    msg.replyTo = { messageId: idString(quote.globalMsgId), senderId: idString(quote.ownerId), senderName: quote.fromD, text: quote.msg };
  }
  return msg;
}

/** The message an `undo` event recalls, or null for the account's own recalls. */
export function recalledMessage(undo: Undo): MessageRef | null {
  if (undo.isSelf) return null;
  return { platform: "zalo", chatId: undo.threadId, messageId: idString(undo.data.content.globalMsgId) };
}

/** Whether a group event adds the account to the group, removes it, or is about someone else. */
export function membershipChange(event: GroupEvent, ownId: string): "added" | "removed" | null {
  if (event.type !== GroupEventType.JOIN && event.type !== GroupEventType.REMOVE_MEMBER && event.type !== GroupEventType.BLOCK_MEMBER && event.type !== GroupEventType.LEAVE) {
    return null;
  }
  const data = event.data;
  const concernsMe = (data.updateMembers ?? []).some((m) => idString(m.id) === ownId);
  if (!concernsMe) return null;
  return event.type === GroupEventType.JOIN ? "added" : "removed";
}
