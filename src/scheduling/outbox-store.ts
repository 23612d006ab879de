/** The outbox table: enqueue, pick what is due, and record how a send went. */
import { eq, sql } from "drizzle-orm";
import type { Address, Reply } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import { perDb, placeholders, statement } from "../db/prepared.ts";
import { outbox } from "../db/schema.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export type Outgoing = Reply & { to: Address };

/** JSON with attachments as base64, so a queued chart survives a restart. */
export function encodeReply(reply: Outgoing): string {
  return JSON.stringify(reply, (key, value: unknown) =>
    key === "data" && value && typeof value === "object" && (value as { type?: string }).type === "Buffer"
      ? { base64: Buffer.from((value as { data: number[] }).data).toString("base64") }
      : value,
  );
}

/** The reply `encodeReply` stored; throws when the payload is not one (it cannot be sent). */
export function decodeReply(payload: string): Outgoing {
  const reply: unknown = JSON.parse(payload, (key, value: unknown) =>
    key === "data" && value && typeof value === "object" && "base64" in value ? Buffer.from((value as { base64: string }).base64, "base64") : value,
  );
  const to = (reply as { to?: { platform?: unknown; chatId?: unknown } } | null)?.to;
  if (typeof reply !== "object" || reply === null || typeof to?.platform !== "string" || typeof to.chatId !== "string") throw new Error("not a queued reply");
  return reply as Outgoing;
}

const newRow = perDb((db) =>
  db
    .insert(outbox)
    .values(placeholders("platform", "chatId", "payload", "dedupeKey", "nextAttemptAt"))
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .prepare(),
);

/** Queues a message; with a `dedupeKey` already queued, nothing is added and null is returned. */
export function enqueueRow(db: Db, reply: Outgoing, now: number, dedupeKey?: string): number | null {
  const row = newRow(db).get({ platform: reply.to.platform, chatId: reply.to.chatId, payload: encodeReply(reply), dedupeKey: dedupeKey ?? null, nextAttemptAt: now });
  return row?.id ?? null;
}

/**
 * The chats with pending messages, one index seek each (a loose index scan: SQLite would otherwise read every
 * pending row), then the first message of each: its id, chat and when it is due, from the index and one lookup.
 */
const firstOfEachChat = statement<[{ platform: string }], QueueHead>(`
  WITH RECURSIVE chats(chat_id) AS (
    SELECT min(chat_id) FROM outbox WHERE status = 'pending' AND platform = @platform
    UNION ALL
    SELECT (SELECT min(chat_id) FROM outbox WHERE status = 'pending' AND platform = @platform AND chat_id > chats.chat_id)
    FROM chats WHERE chats.chat_id IS NOT NULL
  )
  SELECT o.id, o.chat_id AS chatId, o.next_attempt_at AS nextAttemptAt
  FROM chats JOIN outbox o ON o.id = (
    SELECT id FROM outbox WHERE status = 'pending' AND platform = @platform AND chat_id = chats.chat_id ORDER BY id LIMIT 1)
  ORDER BY o.id`);

/** The first pending message of a chat, as `queueHeads` lists it; `outboxRow` reads the rest of the one picked. */
export interface QueueHead {
  id: number;
  chatId: string;
  nextAttemptAt: number;
}

/**
 * The oldest pending message of each chat of a platform, oldest first, due or not. A chat's later messages wait
 * for it, even while it waits for a retry: a chart never overtakes the summary it belongs to.
 */
export function queueHeads(db: Db, platform: string): QueueHead[] {
  return firstOfEachChat(db).all({ platform });
}

const rowById = perDb((db) => db.select().from(outbox).where(eq(outbox.id, sql.placeholder("id"))).prepare());

export function outboxRow(db: Db, id: number): OutboxRow | undefined {
  return rowById(db).get({ id });
}

const sending = perDb((db) =>
  db.update(outbox).set({ status: "sending", attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, sql.placeholder("id"))).prepare(),
);

const sent = perDb((db) =>
  db.update(outbox).set({ status: "sent", sentAt: sql`${sql.placeholder("now")}`, lastError: null }).where(eq(outbox.id, sql.placeholder("id"))).prepare(),
);

export function markSending(db: Db, id: number): void {
  sending(db).run({ id });
}

export function markSent(db: Db, id: number, now: number): void {
  sent(db).run({ id, now });
}

/** Back in the queue until `at`, after its `attempts`-th failed attempt. */
export function markRetry(db: Db, id: number, at: number, error: string, attempts: number): void {
  db.update(outbox).set({ status: "pending", nextAttemptAt: at, lastError: error, attempts }).where(eq(outbox.id, id)).run();
}

export function markDead(db: Db, id: number, error: string, attempts?: number): void {
  db.update(outbox).set({ status: "dead", lastError: error, ...(attempts === undefined ? {} : { attempts }) }).where(eq(outbox.id, id)).run();
}

/** A reaction can be set twice with no harm; a message sent twice is read twice. */
export function isRepeatable(reply: Outgoing): boolean {
  return reply.reaction !== undefined && reply.text === undefined && reply.attachment === undefined;
}

/** A stored payload that is a reaction; one that cannot be read is not (it is set aside, never sent). */
function readsAsRepeatable(payload: string): boolean {
  try {
    return isRepeatable(decodeReply(payload));
  } catch {
    return false;
  }
}

export const INTERRUPTED = "interrupted by a restart mid-send: it may have been delivered, so it is not sent again";

/**
 * After a crash, a send caught half-way may or may not have reached the platform, and no platform call can be
 * asked about afterwards. A reaction is set again; a message is not (none is ever read twice): it is set aside,
 * with the reason, where /healthz and the admins' dead-letter counts show it.
 */
export function settleInterrupted(db: Db): { resent: number; setAside: number } {
  const rows = db.select({ id: outbox.id, payload: outbox.payload }).from(outbox).where(eq(outbox.status, "sending")).all();
  let resent = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (readsAsRepeatable(row.payload)) {
        db.update(outbox).set({ status: "pending" }).where(eq(outbox.id, row.id)).run();
        resent++;
      } else markDead(db, row.id, INTERRUPTED);
    }
  });
  return { resent, setAside: rows.length - resent };
}

export function outboxCounts(db: Db): Record<string, number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
