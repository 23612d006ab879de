/** What every platform adapter is built from (wired in `main.ts`). */
import type { FastifyPluginAsync } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Core } from "../core/handle-message.ts";
import type { Channel, InboundMessage, Reply } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import type { I18n } from "../i18n.ts";
import type { Outbox } from "../scheduling/outbox.ts";

export interface ChannelDeps {
  config: Config;
  core: Core;
  outbox: Outbox;
  db: Db;
  i18n: I18n;
  logger: Logger;
}

/** A channel with, optionally, HTTP routes of its own (the Telegram webhook). */
export interface ServedChannel extends Channel {
  plugin?: FastifyPluginAsync;
}

/**
 * Queues the core's replies to a message: each goes to its own address, or back to the chat it answers.
 * Reactions and replies are tied to the inbound message by id, so the sender can quote or react to it.
 */
export function queueReplies(outbox: Outbox, msg: InboundMessage, replies: readonly Reply[]): void {
  for (const reply of replies) {
    const to = reply.to ?? { platform: msg.platform, chatId: msg.chatId };
    const sameChat = to.platform === msg.platform && to.chatId === msg.chatId;
    outbox.enqueue({
      ...reply,
      to,
      // A reaction targets the inbound message; it means nothing in another chat.
      ...(reply.reaction && sameChat ? { reactTo: msg.messageId } : { reaction: undefined }),
    });
  }
}
