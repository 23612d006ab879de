/**
 * What the bot does with each kind of update: messages and edits go to the core, button presses to its actions,
 * the bot joining or leaving a group greets or unbinds. Replies are only queued here; the outbox sends them.
 */
import { Composer, type Context } from "grammy";
import { bindChat, getChatBinding, unbindChat } from "../../db/repos/chats.ts";
import { queueReplies, type ChannelDeps } from "../types.ts";
import { errorFields } from "./errors.ts";
import { actionAsMessage, membershipChange, toInboundAction, toInboundMessage } from "./mapping.ts";
import type { RecentUpdates } from "./recent-updates.ts";

export interface HandlerDeps extends ChannelDeps {
  recent: RecentUpdates;
  /** Webhook mode: an update that fails is answered 503 and Telegram sends it again. */
  redelivered: boolean;
}

/** The updates the bot asks Telegram for (webhook and polling alike). */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

export function createUpdateHandlers(deps: HandlerDeps): Composer<Context> {
  const { core, outbox, db, i18n, logger, recent, redelivered } = deps;
  const composer = new Composer<Context>();

  composer.use(async (ctx, next) => {
    if (recent.seen(ctx.update.update_id)) {
      logger.debug({ update: ctx.update.update_id }, "telegram: duplicate update ignored");
      return;
    }
    try {
      await next();
    } catch (err) {
      recent.forget(ctx.update.update_id);
      throw err;
    }
  });

  // A group upgraded to a supergroup changes id: the campaign binding follows it.
  composer.on("message:migrate_to_chat_id", (ctx) => {
    const from = String(ctx.chat.id);
    const to = String(ctx.message.migrate_to_chat_id);
    const binding = getChatBinding(db, "telegram", from);
    if (!binding) return;
    bindChat(db, { platform: "telegram", chatId: to, campaignId: binding.campaignId, purpose: binding.purpose, title: binding.title, boundBy: binding.boundBy });
    unbindChat(db, "telegram", from);
    logger.info({ from, to, campaign: binding.campaignId }, "telegram: group became a supergroup, binding moved");
  });

  composer.on(["message", "edited_message"], async (ctx) => {
    const msg = toInboundMessage(ctx.update, ctx.me);
    if (!msg) return;
    await core.handleMessage(msg, (replies) => queueReplies(outbox, msg, replies), { redelivered });
  });

  composer.on("callback_query:data", async (ctx) => {
    // Stops the button's spinner at once; what the press does arrives as messages.
    ctx.answerCallbackQuery().catch((err: unknown) => logger.warn({ update: ctx.update.update_id, ...errorFields(err) }, "telegram: answerCallbackQuery failed"));
    const action = toInboundAction(ctx.update.update_id, ctx.callbackQuery);
    if (!action) return;
    await core.handleAction(action, (replies) => queueReplies(outbox, actionAsMessage(action, new Date()), replies));
  });

  composer.on("my_chat_member", (ctx) => {
    const update = ctx.myChatMember;
    const change = membershipChange(update);
    const chatId = String(update.chat.id);
    if (change === "added") {
      const t = i18n.t(i18n.defaultLocale);
      // An admin reads every message whatever the privacy mode; a plain member needs it off.
      const blind = !ctx.me.can_read_all_group_messages && update.new_chat_member.status !== "administrator";
      const text = [t("telegram:added.greeting", { bot: `@${ctx.me.username}` }), ...(blind ? [t("telegram:added.privacy")] : [])].join("\n\n");
      outbox.enqueue({ to: { platform: "telegram", chatId }, text }, { dedupeKey: `telegram:greet:${chatId}:${ctx.update.update_id}` });
      logger.info({ chat: chatId, by: update.from.id }, "telegram: added to a group");
    } else if (change === "removed") {
      const unbound = unbindChat(db, "telegram", chatId);
      logger.info({ chat: chatId, by: update.from.id, unbound }, "telegram: removed from a group");
    }
  });

  return composer;
}
