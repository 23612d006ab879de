/**
 * Web chat sessions, in memory: a random id in an HttpOnly SameSite=Strict cookie, a CSRF token tied to it, the
 * chosen identity and the conversation so far. Sessions end with the server (the members and reports they made
 * stay in the database); the oldest are dropped past `maxSessions`, idle ones after `idleMs`.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Button } from "../../core/types.ts";

export type WebIdentity = { kind: "leader"; campaignId: string } | { kind: "citizen"; campaignId: string } | { kind: "reporter"; campaignId: string; unitCode: string };

/** One line of the conversation. */
export interface ChatEntry {
  from: "me" | "bot";
  /** Core markup (bot) or the sender's text with personal numbers redacted (me). */
  text: string;
  reactions: string[];
  buttons?: Button[][];
  /** A bot message that arrived on its own (the scheduler, another member's action), not as an answer. */
  pushed?: boolean;
}

export interface ChatSession {
  id: string;
  csrf: string;
  /** The member's platform user id: derived from the session id, never the id itself. */
  senderId: string;
  identity?: WebIdentity;
  senderName: string;
  chatId: string;
  chatType: "group" | "private";
  log: ChatEntry[];
  /** Button data offered to this session; a press of anything else is refused. */
  offered: Set<string>;
  lastSeen: number;
}

export interface SessionStore {
  create(now: number): ChatSession;
  get(id: string | undefined, now: number): ChatSession | undefined;
  delete(id: string): void;
  /** Sessions whose conversation is `chatId` (a group is shared by several). */
  inChat(chatId: string): ChatSession[];
}

export interface SessionStoreOptions {
  /** Default 2,000. */
  maxSessions?: number;
  /** Default 12 h. */
  idleMs?: number;
  /** Lines kept per conversation (default 200). */
  maxLog?: number;
}

const ID = /^[A-Za-z0-9_-]{43}$/;

/** Constant-time comparison of two strings (false when lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createSessionStore(opts: SessionStoreOptions = {}): SessionStore & { trim(session: ChatSession): void } {
  const max = opts.maxSessions ?? 2000;
  const idle = opts.idleMs ?? 12 * 3600_000;
  const maxLog = opts.maxLog ?? 200;
  const sessions = new Map<string, ChatSession>();

  function sweep(now: number): void {
    for (const [id, s] of sessions) if (now - s.lastSeen > idle) sessions.delete(id);
    // Map keeps insertion order: the first entries are the oldest.
    while (sessions.size >= max) sessions.delete(sessions.keys().next().value!);
  }

  return {
    create(now) {
      sweep(now);
      const id = randomBytes(32).toString("base64url");
      const senderId = `web-${createHash("sha256").update(id).digest("hex").slice(0, 16)}`;
      const s: ChatSession = {
        id,
        csrf: randomBytes(32).toString("base64url"),
        senderId,
        senderName: "",
        chatId: senderId,
        chatType: "private",
        log: [],
        offered: new Set(),
        lastSeen: now,
      };
      sessions.set(id, s);
      return s;
    },
    get(id, now) {
      if (!id || !ID.test(id)) return undefined;
      const s = sessions.get(id);
      if (!s || now - s.lastSeen > idle) return undefined;
      s.lastSeen = now;
      return s;
    },
    delete(id) {
      sessions.delete(id);
    },
    inChat(chatId) {
      return [...sessions.values()].filter((s) => s.identity && s.chatId === chatId);
    },
    trim(session) {
      if (session.log.length > maxLog) session.log.splice(0, session.log.length - maxLog);
      if (session.offered.size > 200) session.offered = new Set([...session.offered].slice(-100));
    },
  };
}
