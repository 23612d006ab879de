/**
 * The Zalo sender the outbox calls: one reply → reaction, text parts (quoting the report, tagging members),
 * then the image. Groups are sent with `ThreadType.Group` (zca-js defaults to a private chat).
 */
import type { Logger } from "pino";
import { ChannelError, type Attachment } from "../../core/types.ts";
import type { Translate } from "../../i18n.ts";
import type { Outgoing } from "../../scheduling/outbox-store.ts";
import type { Sender } from "../../scheduling/outbox.ts";
import type { ZaloApi } from "./api.ts";
import { NOT_CONNECTED, toChannelError } from "./errors.ts";
import type { ZaloMemory } from "./memory.ts";
import { numberedChoices, plainWithMentions, toTextParts } from "./text.ts";
import { Reactions, ThreadType, type AttachmentSource } from "./zca.ts";

/** The core's emoji → Zalo's reaction codes; anything else is a 👍. */
const REACTIONS: Record<string, Reactions> = {
  "👍": Reactions.LIKE,
  "❤️": Reactions.HEART,
  "❤": Reactions.HEART,
  "👎": Reactions.DISLIKE,
  "👌": Reactions.OK,
  "✅": Reactions.OK,
  "🙏": Reactions.PRAY,
  "😆": Reactions.HAHA,
  "😮": Reactions.WOW,
  "😢": Reactions.CRY,
  "😡": Reactions.ANGRY,
  "👏": Reactions.HANDCLAP,
  "🌹": Reactions.ROSE,
};

export function zaloReaction(emoji: string): Reactions {
  return REACTIONS[emoji] ?? Reactions.LIKE;
}

/** Width and height of a PNG or JPEG, read from its header; undefined for other formats. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length && data[i] === 0xff) {
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

export function toAttachmentSource(a: Attachment): AttachmentSource {
  const ext = /\.[a-z0-9]+$/i.test(a.filename) ? "" : a.mimeType === "image/jpeg" ? ".jpg" : a.kind === "image" ? ".png" : ".bin";
  const size = a.kind === "image" ? imageSize(a.data) : undefined;
  return {
    data: a.data,
    filename: `${a.filename}${ext}` as `${string}.${string}`,
    metadata: { totalSize: a.data.length, ...(size ?? {}) },
  };
}

export interface ZaloSenderDeps {
  /** The live session, or undefined while logged out or reconnecting. */
  api: () => ZaloApi | undefined;
  memory: ZaloMemory;
  /** Strings of the default locale (the numbered-choice hint). */
  t: Translate;
  /** Seconds to pause after a throttling or ban-like error. */
  pauseSeconds: number;
  logger: Logger;
  now?: () => number;
}

export function createZaloSender(deps: ZaloSenderDeps): Sender {
  const now = deps.now ?? Date.now;
  return async (reply: Outgoing) => {
    const api = deps.api();
    // The session is down (another Zalo Web tab, expired cookies): keep the message and look again later.
    if (!api) throw new ChannelError(NOT_CONNECTED, "RATE_LIMITED", 60);
    const chatId = reply.to.chatId;
    const type = deps.memory.threadTypeOf(chatId);
    try {
      if (reply.reaction && reply.reactTo) {
        const target = deps.memory.messages.get(reply.reactTo);
        if (target) {
          await api.addReaction(zaloReaction(reply.reaction), { data: { msgId: target.msgId, cliMsgId: target.cliMsgId }, threadId: target.threadId, type: target.type });
        } else {
          deps.logger.debug({ chat: chatId, messageId: reply.reactTo }, "zalo: reaction target unknown (restart?), skipped");
        }
      }
      let text = reply.text ?? "";
      let mentions = reply.mentions ?? [];
      if (text) ({ text, mentions } = plainWithMentions(text, mentions));
      if (reply.buttons?.length) {
        const choices = numberedChoices(reply.buttons, deps.t);
        text = text ? `${text}\n\n${choices.text}` : choices.text;
        deps.memory.choices.set(chatId, { data: choices.data, at: now() });
      }
      const quote = reply.replyTo ? deps.memory.messages.get(reply.replyTo)?.quote : undefined;
      const groupMentions = type === ThreadType.Group ? mentions : [];
      const parts = text.trim() ? toTextParts(text, groupMentions) : [];
      for (const [i, part] of parts.entries()) {
        await api.sendMessage(
          { msg: part.msg, ...(part.mentions.length ? { mentions: part.mentions } : {}), ...(i === 0 && quote ? { quote } : {}) },
          chatId,
          type,
        );
      }
      if (reply.attachment) {
        await api.sendMessage({ msg: "", attachments: [toAttachmentSource(reply.attachment)] }, chatId, type);
      }
    } catch (err) {
      throw toChannelError(err, deps.pauseSeconds);
    }
  };
}
