/**
 * The narrow slice of zca-js the Zalo channel uses: the listener's events, send, react, old messages, the
 * session's cookies. Tests implement it with a fake (`test/helpers/fake-zalo.ts`); the real `API` of zca-js
 * satisfies it, which the compiler checks at the bottom of this file.
 */
import type {
  AddReactionDestination,
  AddReactionResponse,
  API,
  CloseReason,
  Credentials,
  CustomReaction,
  GroupEvent,
  Message,
  MessageContent,
  Reactions,
  SendMessageResponse,
  ThreadType,
  Undo,
} from "./zca.ts";

/** The listener events the channel handles (the same names and arguments as zca-js 2.x `Listener`). */
export interface ZaloListenerEvents {
  connected: [];
  closed: [code: CloseReason, reason: string];
  error: [error: unknown];
  message: [message: Message];
  old_messages: [messages: Message[], type: ThreadType];
  undo: [data: Undo];
  group_event: [data: GroupEvent];
}

type Handler<K extends keyof ZaloListenerEvents> = (...args: ZaloListenerEvents[K]) => void;

export interface ZaloListener {
  on(event: "connected", listener: Handler<"connected">): unknown;
  on(event: "closed", listener: Handler<"closed">): unknown;
  on(event: "error", listener: Handler<"error">): unknown;
  on(event: "message", listener: Handler<"message">): unknown;
  on(event: "old_messages", listener: Handler<"old_messages">): unknown;
  on(event: "undo", listener: Handler<"undo">): unknown;
  on(event: "group_event", listener: Handler<"group_event">): unknown;
  /** Removes one handler (the channel detaches what it attached when it stops or swaps sessions). */
  off(event: "connected", listener: Handler<"connected">): unknown;
  off(event: "closed", listener: Handler<"closed">): unknown;
  off(event: "message", listener: Handler<"message">): unknown;
  off(event: "old_messages", listener: Handler<"old_messages">): unknown;
  off(event: "undo", listener: Handler<"undo">): unknown;
  off(event: "group_event", listener: Handler<"group_event">): unknown;
  /** Opens the WebSocket; zca-js throws when it is already open. The channel reconnects itself (no `retryOnClose`). */
  start(opts?: { retryOnClose?: boolean }): void;
  stop(): void;
  /** Asks for recent messages of one thread type; they arrive as an `old_messages` event. */
  requestOldMessages(threadType: ThreadType, lastMsgId?: string | null): void;
}

/** The session's cookie jar: only its serialised cookies are read, to save them again. */
export interface ZaloCookieJar {
  toJSON(): { cookies: Array<{ [key: string]: unknown }> } | undefined;
}

export interface ZaloApi {
  readonly listener: ZaloListener;
  /** The logged-in account's user id. */
  getOwnId(): string;
  /** The session (only `imei` and `userAgent` are read, to save the credentials). */
  getContext(): { imei: string; userAgent: string; language: string };
  getCookie(): ZaloCookieJar;
  sendMessage(message: MessageContent | string, threadId: string, type?: ThreadType): Promise<SendMessageResponse>;
  addReaction(icon: Reactions | CustomReaction, dest: AddReactionDestination): Promise<AddReactionResponse>;
}

/** What `npm run zalo:login` saves and `new Zalo().login()` takes back. */
export type ZaloCredentials = Pick<Credentials, "cookie" | "imei" | "userAgent"> & { language?: string };

// Compile-time proof that the real zca-js API fits the narrow interface: a zca-js upgrade that changes a
// signature we rely on fails `tsc` here, not in production.
type Satisfies<T, _U extends T> = true;
export type ZcaApiSatisfiesZaloApi = Satisfies<ZaloApi, API>;
