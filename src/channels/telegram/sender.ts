/**
 * The outbox's Telegram sender: one queued `Reply` → Bot API calls (reaction, text parts, photo or document).
 * Failures are thrown as `ChannelError` so the outbox retries, waits or dead-letters. A reply that failed
 * half-way resumes where it stopped, so a retried long answer never repeats its first parts.
 */
import { InputFile, type Api } from "grammy";
import type { InlineKeyboardMarkup, ReactionTypeEmoji } from "grammy/types";
import type { Logger } from "pino";
import type { Reply } from "../../core/types.ts";
import type { Translate } from "../../i18n.ts";
import type { Sender } from "../../scheduling/outbox.ts";
import type { Outgoing } from "../../scheduling/outbox-store.ts";
import { errorFields, isBadRequest, toChannelError } from "./errors.ts";
import { CAPTION_LIMIT, renderParts, type RenderedPart } from "./render.ts";

export interface TelegramSenderDeps {
  api: Api;
  /** Texts in the bot's default language (the reaction fallback). */
  t: Translate;
  logger: Logger;
}

/** One Bot API call of a reply, given the chat to send to. */
type Step = (chatId: string) => Promise<unknown>;

/** Replies remembered as partly sent (bounded: a reply that never succeeds must not keep memory forever). */
const MAX_REMEMBERED = 500;

const messageIdOf = (id: string | undefined): number | undefined => (id && /^\d+$/.test(id) ? Number(id) : undefined);

function keyboard(buttons: Reply["buttons"]): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

export function createTelegramSender({ api, t, logger }: TelegramSenderDeps): Sender {
  /** Groups upgraded to supergroups get a new id; Telegram says which in the error. */
  const moved = new Map<string, string>();
  const progress = new Map<string, number>();

  function plan(reply: Outgoing): Step[] {
    const steps: Step[] = [];
    const replyTo = messageIdOf(reply.replyTo);
    const replyParameters = (id: number | undefined) => (id !== undefined ? { reply_parameters: { message_id: id, allow_sending_without_reply: true } } : {});
    const reactTo = messageIdOf(reply.reactTo);
    if (reply.reaction && reactTo !== undefined) {
      const emoji = reply.reaction as ReactionTypeEmoji["emoji"];
      steps.push(async (chatId) => {
        try {
          await api.setMessageReaction(chatId, reactTo, [{ type: "emoji", emoji }]);
        } catch (err) {
          if (isBadRequest(err, /message to react not found|MESSAGE_ID_INVALID/i)) {
            logger.info({ chat: chatId, message: reactTo }, "telegram: message gone before its reaction");
            return;
          }
          // Reactions turned off or limited in this chat: say it in words instead (unless the reply has words).
          if (!isBadRequest(err) || err.parameters.migrate_to_chat_id) throw err;
          logger.info({ chat: chatId, ...errorFields(err) }, "telegram: reaction refused, replying instead");
          if (!reply.text) await api.sendMessage(chatId, t("telegram:reactionFallback", { emoji: reply.reaction }), replyParameters(reactTo));
        }
      });
    }
    const markup = keyboard(reply.buttons);
    const attachment = reply.attachment;
    const caption = attachment && reply.text ? renderParts(reply.text, reply.mentions, CAPTION_LIMIT) : [];
    const parts: RenderedPart[] = reply.text && caption.length !== 1 ? renderParts(reply.text, reply.mentions) : [];
    parts.forEach((part, i) => {
      const last = i === parts.length - 1 && !attachment;
      const other = {
        link_preview_options: { is_disabled: true },
        ...(i === 0 ? replyParameters(replyTo) : {}),
        ...(last && markup ? { reply_markup: markup } : {}),
      };
      steps.push(async (chatId) => {
        try {
          await api.sendMessage(chatId, part.html, { ...other, parse_mode: "HTML" });
        } catch (err) {
          // Markup we rendered wrongly must not lose the message: send it without formatting.
          if (!isBadRequest(err, /can't parse entities/i)) throw err;
          logger.warn({ chat: chatId, ...errorFields(err) }, "telegram: HTML refused, sending plain text");
          await api.sendMessage(chatId, part.plain, other);
        }
      });
    });
    if (attachment) {
      const other = {
        ...(caption.length === 1 ? { caption: caption[0]!.html, parse_mode: "HTML" as const } : {}),
        ...(parts.length === 0 ? replyParameters(replyTo) : {}),
        ...(markup ? { reply_markup: markup } : {}),
      };
      steps.push((chatId) => {
        const file = new InputFile(attachment.data, attachment.filename);
        return attachment.kind === "image" ? api.sendPhoto(chatId, file, other) : api.sendDocument(chatId, file, other);
      });
    }
    return steps;
  }

  return async function sendTelegram(reply) {
    const steps = plan(reply);
    const key = JSON.stringify({ ...reply, attachment: reply.attachment && { name: reply.attachment.filename, size: reply.attachment.data.length } });
    let done = progress.get(key) ?? 0;
    let chatId = moved.get(reply.to.chatId) ?? reply.to.chatId;
    try {
      while (done < steps.length) {
        try {
          await steps[done]!(chatId);
        } catch (err) {
          const to = isBadRequest(err) ? err.parameters.migrate_to_chat_id : undefined;
          if (to === undefined) throw err;
          logger.info({ from: chatId, to }, "telegram: group upgraded to a supergroup, sending to its new id");
          moved.set(reply.to.chatId, String(to));
          chatId = String(to);
          await steps[done]!(chatId);
        }
        done++;
      }
      progress.delete(key);
    } catch (err) {
      if (done > 0) {
        progress.set(key, done);
        if (progress.size > MAX_REMEMBERED) progress.delete(progress.keys().next().value!);
      }
      throw toChannelError(err);
    }
  };
}
