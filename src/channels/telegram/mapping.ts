/**
 * Telegram updates → core types. Pure functions over the Bot API's JSON, so they are tested against recorded
 * payloads without a bot or a network.
 */
import type { CallbackQuery, Chat, ChatMember, ChatMemberUpdated, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import type { ChatType, InboundAction, InboundMessage, Mention } from "../../core/types.ts";

/** The bot as the mapping needs it: its id and @username. */
export type BotIdentity = Pick<UserFromGetMe, "id" | "username">;

/** "private" for a private chat, "group" for groups and supergroups; null for channels (the bot ignores them). */
export function chatTypeOf(chat: Pick<Chat, "type">): ChatType | null {
  if (chat.type === "private") return "private";
  if (chat.type === "group" || chat.type === "supergroup") return "group";
  return null;
}

/** First and last name, as Telegram shows them. */
export function displayName(user: Pick<User, "first_name" | "last_name">): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
}

/** Users tagged in the text: `text_mention` carries the user; `mention` only an @username, kept as the id. */
export function mentionsOf(text: string, entities: readonly MessageEntity[] | undefined): Mention[] {
  const out: Mention[] = [];
  for (const e of entities ?? []) {
    if (e.type === "text_mention") out.push({ userId: String(e.user.id), offset: e.offset, length: e.length });
    else if (e.type === "mention") out.push({ userId: text.slice(e.offset, e.offset + e.length), offset: e.offset, length: e.length });
  }
  return out;
}

/** Whether the message speaks to the bot: a private chat, a reply to the bot, an @mention or /command@bot. */
export function isAddressedToBot(message: Message, me: BotIdentity): boolean {
  if (message.chat.type === "private") return true;
  if (message.reply_to_message?.from?.id === me.id) return true;
  const text = message.text ?? message.caption ?? "";
  const handle = `@${me.username}`.toLowerCase();
  for (const e of message.entities ?? message.caption_entities ?? []) {
    if (e.type === "text_mention" && e.user.id === me.id) return true;
    const slice = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === "mention" && slice === handle) return true;
    if (e.type === "bot_command" && slice.endsWith(handle)) return true;
  }
  return false;
}

/** Who sent it: the user, or the chat itself for an anonymous group admin (`sender_chat`). */
function senderOf(message: Message): { id: string; name: string; languageCode?: string } | null {
  if (message.sender_chat) {
    // Posts forwarded automatically from a linked channel are not the group's own messages.
    if (message.is_automatic_forward || message.sender_chat.id !== message.chat.id) return null;
    return { id: String(message.sender_chat.id), name: "title" in message.sender_chat ? (message.sender_chat.title ?? "") : "" };
  }
  if (!message.from || message.from.is_bot) return null;
  return { id: String(message.from.id), name: displayName(message.from), ...(message.from.language_code ? { languageCode: message.from.language_code } : {}) };
}

/**
 * A `message` or `edited_message` update as an `InboundMessage`; null for what the core has nothing to read
 * (channel posts, service messages, stickers without a caption, other bots).
 */
export function toInboundMessage(update: Update, me: BotIdentity): InboundMessage | null {
  const message = update.message ?? update.edited_message;
  if (!message) return null;
  const edited = update.edited_message !== undefined;
  const chatType = chatTypeOf(message.chat);
  const text = message.text ?? message.caption;
  if (!chatType || text === undefined) return null;
  const sender = senderOf(message);
  if (!sender) return null;
  const mentions = mentionsOf(text, message.entities ?? message.caption_entities);
  const reply = message.reply_to_message;
  const replyText = reply?.text ?? reply?.caption;
  return {
    platform: "telegram",
    chatId: String(message.chat.id),
    chatType,
    ...(chatType === "group" && "title" in message.chat && message.chat.title ? { chatTitle: message.chat.title } : {}),
    senderId: sender.id,
    senderName: sender.name,
    text,
    messageId: String(message.message_id),
    date: new Date((edited && message.edit_date ? message.edit_date : message.date) * 1000),
    ...(mentions.length ? { mentions } : {}),
    addressedToBot: isAddressedToBot(message, me),
    ...(reply
      ? {
          replyTo: {
            messageId: String(reply.message_id),
            ...(reply.from ? { senderId: String(reply.from.id), senderName: displayName(reply.from) } : {}),
            ...(replyText !== undefined ? { text: replyText } : {}),
          },
        }
      : {}),
    ...(edited ? { edited: true } : {}),
    eventId: `u${update.update_id}`,
    ...(sender.languageCode ? { languageCode: sender.languageCode } : {}),
  };
}

/** A button press as an `InboundAction`; null without data or outside a group or private chat. */
export function toInboundAction(updateId: number, query: CallbackQuery): InboundAction | null {
  const message = query.message;
  const chatType = message ? chatTypeOf(message.chat) : null;
  if (!message || !chatType || query.data === undefined) return null;
  return {
    platform: "telegram",
    chatId: String(message.chat.id),
    chatType,
    senderId: String(query.from.id),
    senderName: displayName(query.from),
    data: query.data,
    messageId: String(message.message_id),
    eventId: `u${updateId}`,
  };
}

/** The message a button press answers, so its replies can be queued like a message's. */
export function actionAsMessage(action: InboundAction, date: Date): InboundMessage {
  const { data: _data, messageId, ...rest } = action;
  return { ...rest, text: "", messageId: messageId ?? "", date };
}

function isIn(member: ChatMember): boolean {
  if (member.status === "restricted") return member.is_member;
  return member.status === "member" || member.status === "administrator" || member.status === "creator";
}

/** What a `my_chat_member` update means for a group: the bot was added, removed, or (null) only changed rights. */
export function membershipChange(update: ChatMemberUpdated): "added" | "removed" | null {
  if (chatTypeOf(update.chat) !== "group") return null;
  const was = isIn(update.old_chat_member);
  const is = isIn(update.new_chat_member);
  if (!was && is) return "added";
  if (was && !is) return "removed";
  return null;
}
