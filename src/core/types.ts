/**
 * The channel contract. Every platform adapter (Telegram, Zalo, console, web chat) converts its payloads to an
 * `InboundMessage`, hands it to the core, and turns the `Reply` objects it gets back into platform calls.
 * Nothing in `src/core/` knows which platform it talks to.
 */

export type Platform = "telegram" | "zalo" | "console" | "web";
export type ChatType = "group" | "private";

/** A person or chat on one platform. */
export interface Address {
  platform: Platform;
  chatId: string;
}

/** A user tagged in a message; offsets are UTF-16 code units into `text`, as both Telegram and Zalo count. */
export interface Mention {
  userId: string;
  offset: number;
  length: number;
}

export interface InboundMessage {
  platform: Platform;
  chatId: string;
  chatType: ChatType;
  chatTitle?: string;
  senderId: string;
  senderName: string;
  /** Message text, or a caption. */
  text: string;
  messageId: string;
  /** When the platform says the message was sent. */
  date: Date;
  mentions?: Mention[];
  /** True when the message mentions or replies to the bot itself. */
  addressedToBot?: boolean;
  replyTo?: { messageId: string; senderId?: string; senderName?: string; text?: string };
  /** True for an edit of a message delivered before (same `messageId`). */
  edited?: boolean;
  /**
   * The platform's own delivery id (Telegram `update_id`, Zalo `msgId` + kind): a second delivery with the
   * same id is ignored. Defaults to `messageId` (plus `:edit:<time>` for edits).
   */
  eventId?: string;
  /** The sender's language as the platform reports it (e.g. Telegram `language_code`). */
  languageCode?: string;
}

/** A button row item; `data` comes back as an `InboundAction`. */
export interface Button {
  label: string;
  data: string;
}

export interface Attachment {
  kind: "image" | "file";
  filename: string;
  mimeType: string;
  data: Buffer;
}

/**
 * Something to say. `text` uses a small markup that each channel renders its own way:
 * `**bold**`, and blocks fenced with ``` shown monospace (Telegram `<pre>`, Zalo plain).
 */
export interface Reply {
  /** Where to send it; defaults to the chat the message came from. */
  to?: Address;
  text?: string;
  /** Reply to (quote) this message id in the target chat. */
  replyTo?: string;
  /** React to the inbound message with this emoji instead of, or beside, a text. */
  reaction?: string;
  /** The message the reaction goes on (set when the reply is queued; defaults to the inbound message). */
  reactTo?: string;
  mentions?: Mention[];
  buttons?: Button[][];
  attachment?: Attachment;
}

/** A button press (Telegram callback query) or its typed equivalent on other channels. */
export interface InboundAction {
  platform: Platform;
  chatId: string;
  chatType: ChatType;
  senderId: string;
  senderName: string;
  data: string;
  messageId?: string;
  eventId?: string;
}

/** What an adapter offers the rest of the program (the scheduler's outbox sends through it). */
export interface Channel {
  readonly platform: Platform;
  /** Starts receiving (polling, listener). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends one reply; throws `ChannelError` on failure. */
  send(reply: Reply & { to: Address }, inReplyTo?: InboundMessage): Promise<void>;
  /** A short state for `/healthz`. */
  health(): { state: "up" | "down" | "off" | "starting"; detail?: string };
}

/**
 * An event that could not be stored now (the database is busy, full or read-only). A channel whose platform
 * re-delivers (the Telegram webhook) answers so that it does, instead of the event being lost.
 */
export class RetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryLater";
  }
}

/** A platform call that failed; `retryAfter` (seconds) when the platform asked us to slow down. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code: "RATE_LIMITED" | "FORBIDDEN" | "TRANSIENT" | "BAD_REQUEST" | "UNKNOWN",
    readonly retryAfter?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ChannelError";
  }
}
