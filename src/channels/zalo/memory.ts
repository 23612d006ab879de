/**
 * What the channel remembers between an inbound message and the sends that answer it: the message handles
 * (quote and react need `msgId` + `cliMsgId`), which chats are groups, and the numbered choices offered per chat.
 * In memory only: after a restart the outbox still sends, without the quote or reaction it can no longer place.
 */
import type { Db } from "../../db/client.ts";
import { getChatBinding } from "../../db/repos/chats.ts";
import type { MessageHandle } from "./inbound.ts";
import { ThreadType } from "./zca.ts";

/** A Map that forgets its oldest entries past `max`. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.max) this.delete(this.keys().next().value as K);
    return this;
  }
}

export interface ChoiceSet {
  data: string[];
  at: number;
}

/** How long "reply 1 or 2" stays valid after the list was sent (default one day). */
export const CHOICES_TTL_MS = 24 * 60 * 60 * 1000;

export interface ZaloMemory {
  messages: BoundedMap<string, MessageHandle>;
  threadTypes: BoundedMap<string, ThreadType>;
  choices: BoundedMap<string, ChoiceSet>;
  /** Group for a chat seen as a group or bound to a campaign in the `chats` table; otherwise a private chat. */
  threadTypeOf(chatId: string): ThreadType;
  /** The action data behind "1", "2"… in a chat, or null. */
  choice(chatId: string, text: string, now: number): string | null;
}

export function createZaloMemory(db: Db): ZaloMemory {
  const threadTypes = new BoundedMap<string, ThreadType>(20_000);
  const choices = new BoundedMap<string, ChoiceSet>(5_000);
  return {
    messages: new BoundedMap(5_000),
    threadTypes,
    choices,
    threadTypeOf(chatId) {
      const known = threadTypes.get(chatId);
      if (known !== undefined) return known;
      return getChatBinding(db, "zalo", chatId) ? ThreadType.Group : ThreadType.User;
    },
    choice(chatId, text, now) {
      const m = /^\s*(\d{1,2})\s*\.?\s*$/.exec(text);
      const set = choices.get(chatId);
      if (!m || !set || now - set.at > CHOICES_TTL_MS) return null;
      return set.data[Number(m[1]) - 1] ?? null;
    },
  };
}
