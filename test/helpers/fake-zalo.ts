/**
 * A fake zca-js session implementing the channel's narrow `ZaloApi`: the listener is an EventEmitter the test
 * drives (`deliver`, `close`), and every send or reaction is recorded with the (possibly faked) time it was made.
 * Nothing touches the network.
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ZaloApi, ZaloListener } from "../../src/channels/zalo/api.ts";
import type { AddReactionDestination, CustomReaction, MessageContent, Reactions, ThreadType } from "../../src/channels/zalo/zca.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/zalo");

/** A fresh copy of a recorded zca-js payload from `test/fixtures/zalo/<name>.json`, optionally edited by `over`. */
export function zaloFixture<T = any>(name: string, over?: (value: T) => void): T {
  const value = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as T;
  over?.(value);
  return value;
}

export const BOT_ID = "8810000000000000001";

export class FakeListener extends EventEmitter implements ZaloListener {
  running = false;
  starts = 0;
  /** Calls to `requestOldMessages`, in order. */
  oldRequests: { type: ThreadType; lastMsgId: string | null }[] = [];
  /** Starts that fail with a 1006 close instead of connecting (e.g. the network is still down). */
  failStarts = 0;

  start(): void {
    if (this.running) throw new Error("Already started");
    this.starts += 1;
    this.running = true;
    setImmediate(() => {
      if (this.failStarts > 0) {
        this.failStarts -= 1;
        this.close(1006, "");
      } else {
        this.emit("connected");
      }
    });
  }

  stop(): void {
    if (this.running) this.close(1000, "");
  }

  requestOldMessages(type: ThreadType, lastMsgId: string | null = null): void {
    this.oldRequests.push({ type, lastMsgId });
    this.emit("old_requested", type, lastMsgId);
  }

  /** The socket closes as zca-js reports it: `disconnected`, then `closed` (no `retryOnClose`). */
  close(code: number, reason = ""): void {
    this.running = false;
    this.emit("disconnected", code, reason);
    this.emit("closed", code, reason);
  }
}

export interface SentMessage {
  at: number;
  message: MessageContent;
  threadId: string;
  type: ThreadType | undefined;
}

export class FakeZalo implements ZaloApi {
  readonly listener = new FakeListener();
  sent: SentMessage[] = [];
  reactions: { at: number; icon: Reactions | CustomReaction; dest: AddReactionDestination }[] = [];
  /** Errors thrown by the next sends, in order. */
  failures: unknown[] = [];
  cookies: { key: string; value: string; domain: string; [k: string]: unknown }[] = [{ key: "zpw_sek", value: "sek-1", domain: "chat.zalo.me", path: "/" }];
  private nextMsgId = 9_100_000_000_000;

  constructor(readonly ownId = BOT_ID) {}

  getOwnId(): string {
    return this.ownId;
  }
  getContext() {
    return { imei: "f3c1a2b4-imei-test", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", language: "vi" };
  }
  getCookie() {
    return { toJSON: () => ({ cookies: this.cookies.map((c) => ({ ...c })) }) };
  }
  async sendMessage(message: MessageContent | string, threadId: string, type?: ThreadType) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const content = typeof message === "string" ? { msg: message } : message;
    this.sent.push({ at: Date.now(), message: content, threadId, type });
    return { message: { msgId: this.nextMsgId++ }, attachment: [] };
  }
  async addReaction(icon: Reactions | CustomReaction, dest: AddReactionDestination) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.reactions.push({ at: Date.now(), icon, dest });
    return { msgIds: [Number(dest.data.msgId)] };
  }

  /** Delivers a recorded payload as the listener would. */
  deliver(event: "message" | "undo" | "group_event", payload: unknown): void {
    this.listener.emit(event, payload);
  }
}

/** A zca-js-like error: Zalo's numeric code and Vietnamese message. */
export function zaloError(message: string, code: number | null = null): Error {
  return Object.assign(new Error(message), { name: "ZcaApiError", code });
}
