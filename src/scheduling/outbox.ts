/**
 * The outbox worker: sends queued messages through each platform's sender, paced per platform and per chat,
 * one message at a time per chat (so a chat reads them in order), retrying transient failures with backoff,
 * honouring `retry_after`, and dead-lettering what cannot be sent, with the reason.
 */
import type { Logger } from "pino";
import { ChannelError, type Platform } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import {
  decodeReply,
  enqueueRow,
  isRepeatable,
  markDead,
  markRetry,
  markSending,
  markSent,
  outboxCounts,
  outboxRow,
  queueHeads,
  settleInterrupted,
  type Outgoing,
  type OutboxRow,
  type QueueHead,
} from "./outbox-store.ts";

export type Sender = (reply: Outgoing) => Promise<void>;

/** How fast a platform may be sent to. Defaults: Telegram's limits (30/s overall, 20/min per group). */
export interface Pacing {
  /** Messages per second across all chats (above 1,000, finer than the clock's millisecond, sends are not held back). */
  perSecond: number;
  /** Messages per minute to one chat. */
  perChatPerMinute: number;
  /** Extra random delay between sends, in ms (Zalo: look less like a bot). Default 0. */
  jitterMs?: number;
}

export const TELEGRAM_PACING: Pacing = { perSecond: 30, perChatPerMinute: 20 };

export interface OutboxOptions {
  db: Db;
  logger: Logger;
  /** Senders known at creation; more can be added with `addSender` before `start`. */
  senders?: Partial<Record<Platform, Sender>>;
  pacing?: Partial<Record<Platform, Pacing>>;
  /** Failed attempts before a message is dead-lettered (default 5). */
  maxAttempts?: number;
  /** How often to look for new messages when idle, in ms (default 250). */
  pollMs?: number;
  /** Called when a platform asks to slow down (Zalo: pause and tell the admins). */
  onRateLimited?: (platform: Platform, retryAfterSeconds: number, error: ChannelError) => void;
  onDead?: (row: OutboxRow, reason: string) => void;
  now?: () => number;
}

export interface Outbox {
  /** Adds a platform's sender (before `start`; channels are built after the outbox they queue into). */
  addSender(platform: Platform, send: Sender, pacing?: Pacing): void;
  /** Queues a message; returns its id, or null when `dedupeKey` was queued before. */
  enqueue(reply: Outgoing, opts?: { dedupeKey?: string }): number | null;
  start(): void;
  /** Stops taking new messages and waits for the ones being sent. */
  stop(): Promise<void>;
  /** Resolves when nothing is pending or being sent (or after `timeoutMs`). */
  drain(timeoutMs?: number): Promise<boolean>;
  stats(): Record<string, number>;
}

interface Lane {
  platform: Platform;
  send: Sender;
  pacing: Pacing;
  nextStartAt: number;
  pausedUntil: number;
  inFlight: Set<string>;
  /** Send times per chat in the last minute. */
  recent: Map<string, number[]>;
  running: Promise<void> | undefined;
  pending: Set<Promise<void>>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(ms, 0)));

/** How long a lane waits after the database refused to record a send. */
const BOOKKEEPING_PAUSE_MS = 1_000;

export function backoffMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 5 * 60_000);
}

export function createOutbox(opts: OutboxOptions): Outbox {
  const { db, logger } = opts;
  const now = opts.now ?? Date.now;
  const maxAttempts = opts.maxAttempts ?? 5;
  const pollMs = opts.pollMs ?? 250;
  let running = false;
  /** Idle lanes waiting for work; an enqueue wakes them. */
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const w of [...sleepers]) w();
  };

  const lanes: Lane[] = [];
  const addLane = (platform: Platform, send: Sender, pacing?: Pacing) =>
    lanes.push({
      platform,
      send,
      pacing: pacing ?? opts.pacing?.[platform] ?? TELEGRAM_PACING,
      nextStartAt: 0,
      pausedUntil: 0,
      inFlight: new Set(),
      recent: new Map(),
      running: undefined,
      pending: new Set(),
    });
  for (const [platform, send] of Object.entries(opts.senders ?? {})) addLane(platform as Platform, send!);

  /** The first due message whose chat is free and under its per-minute limit; or when to look again. */
  function pick(lane: Lane, t: number): QueueHead | number {
    let soonest = Infinity;
    for (const head of queueHeads(db, lane.platform)) {
      // A chat that is sending is woken up by the end of that send; one waiting for a retry, when it is due.
      if (head.nextAttemptAt > t) soonest = Math.min(soonest, head.nextAttemptAt);
      if (head.nextAttemptAt > t || lane.inFlight.has(head.chatId)) continue;
      const recent = sendsInLastMinute(lane, head.chatId, t);
      if (recent.length >= lane.pacing.perChatPerMinute) {
        soonest = Math.min(soonest, recent[0]! + 60_000);
        continue;
      }
      return head;
    }
    return soonest;
  }

  /** The chat's send times within the minute before `t`, oldest first (older ones are dropped). */
  function sendsInLastMinute(lane: Lane, chatId: string, t: number): number[] {
    let recent = lane.recent.get(chatId);
    if (!recent) lane.recent.set(chatId, (recent = []));
    let expired = 0;
    while (expired < recent.length && recent[expired]! <= t - 60_000) expired++;
    if (expired > 0) recent.splice(0, expired);
    return recent;
  }

  /** Sends one message and records how it went; never rejects. */
  async function deliver(lane: Lane, row: OutboxRow, reply: Outgoing): Promise<void> {
    let failure: unknown;
    try {
      await lane.send(reply);
    } catch (err) {
      failure = err ?? new Error("send failed");
    }
    try {
      if (failure === undefined) markSent(db, row.id, now());
      else recordFailure(lane, row, failure);
    } catch (err) {
      // The database refused the bookkeeping. A message stays "sending" (the next start settles it); a reaction
      // stays pending and would be sent again at once: the lane waits a second, as when picking fails.
      lane.pausedUntil = Math.max(lane.pausedUntil, now() + BOOKKEEPING_PAUSE_MS);
      logger.error({ platform: lane.platform, chat: row.chatId, id: row.id, error: (err as Error)?.message }, "outbox: could not record a send");
    }
  }

  function recordFailure(lane: Lane, row: OutboxRow, err: unknown): void {
    const e = err instanceof ChannelError ? err : new ChannelError(String((err as Error)?.message ?? err), "UNKNOWN", undefined, { cause: err });
    const attempts = row.attempts + 1;
    if (e.code === "RATE_LIMITED") {
      const wait = (e.retryAfter ?? 5) * 1000;
      lane.pausedUntil = Math.max(lane.pausedUntil, now() + wait);
      markRetry(db, row.id, now() + wait, e.message, attempts);
      logger.warn({ platform: lane.platform, chat: row.chatId, retryAfter: e.retryAfter }, "rate limited: pausing sends");
      opts.onRateLimited?.(lane.platform, e.retryAfter ?? 5, e);
    } else if (e.code === "FORBIDDEN" || e.code === "BAD_REQUEST" || attempts >= maxAttempts) {
      markDead(db, row.id, `${e.code}: ${e.message}`, attempts);
      logger.error({ platform: lane.platform, chat: row.chatId, id: row.id, code: e.code, error: e.message, attempts }, "outbox message dead-lettered");
      opts.onDead?.(row, e.message);
    } else {
      markRetry(db, row.id, now() + backoffMs(attempts) + Math.random() * 500, `${e.code}: ${e.message}`, attempts);
      logger.warn({ platform: lane.platform, chat: row.chatId, id: row.id, code: e.code, error: e.message, attempts }, "send failed, will retry");
    }
  }

  /**
   * The next message to send, marked as being sent; or when to look again (soon, when the database failed). A
   * reaction is not marked: while it is sent its chat is busy, so it is not picked twice, and after a crash it is
   * set again anyway, which is what `settleInterrupted` would do with it. That is one commit less per report.
   */
  function pickAndMark(lane: Lane, t: number): { row: OutboxRow; reply: Outgoing } | number {
    try {
      const due = pick(lane, t);
      if (typeof due === "number") return due;
      const row = outboxRow(db, due.id)!;
      let reply: Outgoing;
      try {
        reply = decodeReply(row.payload);
      } catch (err) {
        // Never written by encodeReply: it cannot be sent, and must not hold up its chat.
        const reason = `UNREADABLE: ${(err as Error)?.message}`;
        markDead(db, row.id, reason);
        logger.error({ platform: lane.platform, chat: row.chatId, id: row.id }, "outbox message unreadable, dead-lettered");
        opts.onDead?.(row, reason);
        return t;
      }
      if (!isRepeatable(reply)) markSending(db, row.id);
      return { row, reply };
    } catch (err) {
      logger.error({ platform: lane.platform, error: (err as Error)?.message }, "outbox: database unavailable, will look again");
      return t + pollMs;
    }
  }

  async function run(lane: Lane): Promise<void> {
    while (running) {
      const t = now();
      const waitUntil = Math.max(lane.pausedUntil, lane.nextStartAt);
      if (t < waitUntil) {
        // Pauses can be long (Zalo: 10 min); stop() must not wait for them.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            sleepers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, waitUntil - t);
          if (!running) done();
          else if (lane.pausedUntil > t) sleepers.add(done);
        });
        continue;
      }
      const picked = pickAndMark(lane, t);
      if (typeof picked === "number") {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            sleepers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, Math.min(Number.isFinite(picked) ? picked - t : pollMs, pollMs));
          sleepers.add(done);
        });
        continue;
      }
      const chatId = picked.row.chatId;
      lane.inFlight.add(chatId);
      lane.recent.get(chatId)!.push(t);
      const gap = 1000 / lane.pacing.perSecond + Math.random() * (lane.pacing.jitterMs ?? 0);
      // The clock counts whole milliseconds: a shorter gap is no wait, not a timer that costs a turn of the event loop.
      lane.nextStartAt = gap < 1 ? t : t + gap;
      const p = deliver(lane, picked.row, picked.reply).finally(() => {
        lane.inFlight.delete(chatId);
        lane.pending.delete(p);
        wakeAll(); // the chat is free again: its next message need not wait for the poll
      });
      lane.pending.add(p);
    }
  }

  return {
    addSender(platform, send, pacing) {
      if (running) throw new Error("outbox: add senders before start()");
      addLane(platform, send, pacing);
    },
    enqueue(reply, o) {
      const id = enqueueRow(db, reply, now(), o?.dedupeKey);
      // Behind a send in flight to the same chat it waits for that send, whose end wakes the lanes anyway.
      if (!lanes.some((l) => l.platform === reply.to.platform && l.inFlight.has(reply.to.chatId))) wakeAll();
      return id;
    },
    start() {
      if (running) return;
      running = true;
      const interrupted = settleInterrupted(db);
      if (interrupted.resent + interrupted.setAside > 0) logger.warn(interrupted, "outbox: sends interrupted by a restart (reactions set again, messages set aside)");
      for (const lane of lanes) lane.running = run(lane);
    },
    async stop() {
      running = false;
      wakeAll();
      await Promise.all(lanes.map(async (l) => {
        await l.running;
        await Promise.all(l.pending);
      }));
    },
    async drain(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const c = outboxCounts(db);
        if (!c["pending"] && !c["sending"]) return true;
        await sleep(20);
      }
      return false;
    },
    stats: () => outboxCounts(db),
  };
}
